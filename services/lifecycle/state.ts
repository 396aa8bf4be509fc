import type { Phase } from '../rules/phases.ts'

/**
 * What a mentorship's lifecycle workflow knows: the facts its timers depend on, and `cursor`,
 * the instant up to which every occurrence has been handled. Plain JSON, so both engines can
 * store it (Temporal in its history, the embedded runner in a table).
 */
export interface LifecycleState {
  mentorshipId: string
  startedOn: string
  menteeZone: string
  checkInWeekday: number
  phase: Phase
  paused: boolean
  pausedAt: string | null
  /** Dues count from here: the start, the end of leave, or a phase change. */
  activeSince: string
  /** Last day of leave, when given: the lifecycle resumes by itself the day after. */
  pausedUntil: string | null
  proposal: Phase | null
  /** After a held proposal: when to ask again (ISO instant). */
  proposeAgainAt: string | null
  /** Weeks (Mondays) with a submitted check-in, kept for the recent past only. */
  submittedWeeks: string[]
  /** Check-ins waiting for a reply, with the deadline of each. */
  awaitingReply: Array<{ checkInId: string; weekOf: string; deadline: string }>
  cursor: string
}

/** What reaches the workflow from outside: facts recorded by people's commands. */
export type LifecycleSignal =
  | { type: 'CheckInSubmitted'; weekOf: string; checkInId: string; replyDeadline: string; at: string }
  | { type: 'ReplyWritten'; checkInId: string; at: string }
  | { type: 'Paused'; until: string | null; at: string }
  | { type: 'Resumed'; at: string }
  | { type: 'PhaseChanged'; to: Phase; at: string }
  | { type: 'ProposalHeld'; at: string }
  | { type: 'SettingsChanged'; checkInWeekday?: number; menteeZone?: string }

export function initialLifecycle(facts: {
  mentorshipId: string
  startedOn: string
  menteeZone: string
  checkInWeekday: number
  startsAt: string
}): LifecycleState {
  return {
    mentorshipId: facts.mentorshipId,
    startedOn: facts.startedOn,
    menteeZone: facts.menteeZone,
    checkInWeekday: facts.checkInWeekday,
    phase: 'WEEKLY',
    paused: false,
    pausedAt: null,
    activeSince: facts.startsAt,
    pausedUntil: null,
    proposal: null,
    proposeAgainAt: null,
    submittedWeeks: [],
    awaitingReply: [],
    cursor: facts.startsAt,
  }
}
