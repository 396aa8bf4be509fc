import type { AnyEvent } from '../shared/events.ts'
import { conflict, notFound } from '../shared/errors.ts'
import { mentorshipEvents, type MentorshipEvent, type MentorshipSettings, type Phase } from './events.ts'

export interface MentorshipState {
  exists: boolean
  mentorshipId: string
  mentorId: string
  menteeId: string
  startedOn: string
  settings: MentorshipSettings
  phase: Phase
  paused: boolean
  pausedUntil: string | null
  proposal: { to: Phase } | null
}

export const initialState: MentorshipState = {
  exists: false,
  mentorshipId: '',
  mentorId: '',
  menteeId: '',
  startedOn: '',
  settings: { checkInWeekday: 5, responseWindowHours: 24, responseClock: 'WALL', blockingWindowHours: 4 },
  phase: 'WEEKLY',
  paused: false,
  pausedUntil: null,
  proposal: null,
}

export function evolve(state: MentorshipState, event: AnyEvent): MentorshipState {
  const e = event as MentorshipEvent
  switch (e.type) {
    case 'MentorshipStarted': {
      const { mentorshipId, mentorId, menteeId, startedOn, ...settings } = e.data
      return { ...initialState, exists: true, mentorshipId, mentorId, menteeId, startedOn, settings }
    }
    case 'MentorshipSettingsChanged': {
      const { mentorshipId: _, ...changes } = e.data
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined))
      return { ...state, settings: { ...state.settings, ...defined } }
    }
    case 'MentorshipPaused':
      return { ...state, paused: true, pausedUntil: e.data.until }
    case 'MentorshipResumed':
      return { ...state, paused: false, pausedUntil: null }
    case 'PhaseChangeProposed':
      return { ...state, proposal: { to: e.data.to } }
    case 'PhaseProposalHeld':
      return { ...state, proposal: null }
    case 'MentorshipPhaseChanged':
      return {
        ...state,
        phase: e.data.to,
        proposal: null,
        paused: e.data.to === 'ENDED' ? false : state.paused,
      }
    default:
      return state
  }
}

export const mentorshipAggregate = {
  initialState,
  evolve,
  folds: new Set(mentorshipEvents.map((e) => e.type)),
}

/** Who asks: the person acted for (if any) and whether the caller holds the admin scope. */
export interface Caller {
  personId: string | null
  admin: boolean
}

export type MentorshipCommand =
  | ({
      type: 'StartMentorship'
      mentorshipId: string
      mentorId: string
      menteeId: string
      startedOn: string
    } & MentorshipSettings)
  | { type: 'ChangeSettings'; changes: Partial<MentorshipSettings> }
  | { type: 'Pause'; until: string | null; reason: string }
  | { type: 'Resume' }
  | { type: 'Transition'; to: Phase; reason: string }
  | { type: 'RespondToProposal'; accept: boolean }

export function isMember(state: MentorshipState, personId: string | null) {
  return personId !== null && (state.mentorId === personId || state.menteeId === personId)
}

/** A mentorship the caller may not see does not exist for them (PRODUCT §8). */
export function requireVisible(state: MentorshipState, caller: Caller) {
  if (!state.exists || !(caller.admin || isMember(state, caller.personId))) throw notFound('mentorship')
}

export function decide(
  command: MentorshipCommand,
  state: MentorshipState,
  caller: Caller,
): MentorshipEvent[] {
  if (command.type === 'StartMentorship') {
    if (state.exists) throw conflict('mentorship_exists', 'this mentorship has already started')
    const { type: _, ...data } = command
    return [{ type: 'MentorshipStarted', data }]
  }
  requireVisible(state, caller)
  const mentorshipId = state.mentorshipId
  if (state.phase === 'ENDED') throw conflict('mentorship_ended', 'this mentorship has ended')
  switch (command.type) {
    case 'ChangeSettings': {
      const changes = Object.fromEntries(
        Object.entries(command.changes).filter(
          ([key, value]) => value !== undefined && state.settings[key as keyof MentorshipSettings] !== value,
        ),
      )
      return Object.keys(changes).length
        ? [{ type: 'MentorshipSettingsChanged', data: { mentorshipId, ...changes } }]
        : []
    }
    case 'Pause':
      if (state.paused) throw conflict('already_paused', 'this mentorship is already paused')
      return [
        { type: 'MentorshipPaused', data: { mentorshipId, until: command.until, reason: command.reason } },
      ]
    case 'Resume':
      if (!state.paused) throw conflict('not_paused', 'this mentorship is not paused')
      return [{ type: 'MentorshipResumed', data: { mentorshipId } }]
    case 'Transition':
      if (command.to === state.phase) throw conflict('same_phase', `the mentorship is already ${state.phase}`)
      return [
        {
          type: 'MentorshipPhaseChanged',
          data: { mentorshipId, from: state.phase, to: command.to, reason: command.reason },
        },
      ]
    case 'RespondToProposal': {
      if (!state.proposal) throw conflict('no_proposal', 'there is no phase change proposal to answer')
      const by = caller.personId ?? 'admin'
      if (!command.accept)
        return [{ type: 'PhaseProposalHeld', data: { mentorshipId, to: state.proposal.to, by } }]
      return [
        {
          type: 'MentorshipPhaseChanged',
          data: {
            mentorshipId,
            from: state.phase,
            to: state.proposal.to,
            reason: `proposal accepted by ${by}`,
          },
        },
      ]
    }
  }
}
