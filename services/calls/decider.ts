import type { AnyEvent } from '../shared/events.ts'
import { badField, conflict, notFound } from '../shared/errors.ts'
import type { CallEvent, CallKind, Role } from './events.ts'

export type CallStatus = 'SCHEDULED' | 'HELD' | 'SKIPPED' | 'CANCELLED'

export interface CallState {
  exists: boolean
  callId: string
  mentorshipId: string
  kind: CallKind
  start: string
  end: string
  status: CallStatus
  /** Items the members added, by id. */
  added: ReadonlySet<string>
}

export const initialState: CallState = {
  exists: false,
  callId: '',
  mentorshipId: '',
  kind: 'BIWEEKLY',
  start: '',
  end: '',
  status: 'SCHEDULED',
  added: new Set(),
}

export function evolve(state: CallState, event: AnyEvent): CallState {
  const e = event as CallEvent
  switch (e.type) {
    case 'CallScheduled':
      return {
        ...initialState,
        exists: true,
        callId: e.data.callId,
        mentorshipId: e.data.mentorshipId,
        kind: e.data.kind,
        start: e.data.start,
        end: e.data.end,
      }
    case 'CallRescheduled':
      return { ...state, start: e.data.start, end: e.data.end }
    case 'CallCancelled':
      return { ...state, status: 'CANCELLED' }
    case 'CallOutcomeRecorded':
      return { ...state, status: e.data.status }
    case 'AgendaItemAdded':
      return { ...state, added: new Set([...state.added, e.data.itemId]) }
    default:
      return state
  }
}

export const callAggregate = { initialState, evolve }

/** Bi-weekly and pairing calls are short and purposeful (the article: 30 minutes at most). */
export const SHORT_KINDS: ReadonlySet<CallKind> = new Set(['BIWEEKLY', 'PAIRING'])
export const MAX_SHORT_MINUTES = 30
export const MAX_MINUTES = 240

export type CallCommand =
  | {
      type: 'Schedule'
      callId: string
      mentorshipId: string
      kind: CallKind
      start: string
      end: string
      joinUrl: string
      inconvenientFor: Role[]
      by: string
    }
  | { type: 'Reschedule'; start: string; end: string; inconvenientFor: Role[]; by: string }
  | { type: 'Cancel'; reason: string | null; by: string }
  | {
      type: 'RecordOutcome'
      status: 'HELD' | 'SKIPPED'
      notes: string | null
      skippedBy: Role | null
      by: string
      now: string
    }
  | { type: 'AddItem'; itemId: string; text: string; by: string }
  | { type: 'Reorder'; itemIds: string[]; known: ReadonlySet<string>; by: string }
  | { type: 'Tick'; itemId: string; done: boolean; known: ReadonlySet<string>; by: string }

/** A call's length, in whole minutes, within what its kind allows; `field` names the input. */
export function requireDuration(kind: CallKind, minutes: number, field: string) {
  if (!Number.isInteger(minutes) || minutes < 15 || minutes > MAX_MINUTES || minutes % 15 !== 0)
    throw badField(field, `must be 15 to ${MAX_MINUTES} minutes, in steps of 15`)
  if (SHORT_KINDS.has(kind) && minutes > MAX_SHORT_MINUTES)
    throw badField(
      field,
      `a ${kind.toLowerCase()} call is ${MAX_SHORT_MINUTES} minutes at most: short, purposeful calls; write the rest down`,
    )
}

/** Pure: the events a command on a call produces, or a DomainError. The handler checks membership. */
export function decide(command: CallCommand, state: CallState): CallEvent[] {
  if (command.type === 'Schedule') {
    if (state.exists) throw conflict('call_exists', 'this call is already scheduled')
    const { type: _, ...data } = command
    return [{ type: 'CallScheduled', data }]
  }
  if (!state.exists) throw notFound('call')
  const ids = { callId: state.callId, mentorshipId: state.mentorshipId }
  switch (command.type) {
    case 'Reschedule':
      requireScheduled(state)
      if (command.start === state.start && command.end === state.end) return []
      return [
        {
          type: 'CallRescheduled',
          data: {
            ...ids,
            start: command.start,
            end: command.end,
            inconvenientFor: command.inconvenientFor,
            by: command.by,
          },
        },
      ]
    case 'Cancel':
      if (state.status === 'CANCELLED') return []
      requireScheduled(state)
      return [{ type: 'CallCancelled', data: { ...ids, reason: command.reason, by: command.by } }]
    case 'RecordOutcome':
      requireScheduled(state)
      if (Date.parse(command.now) < Date.parse(state.start))
        throw conflict('call_not_started', 'a call’s outcome is recorded once it has started')
      if (command.status === 'HELD' && command.skippedBy)
        throw badField('input.skippedBy', 'only a skipped call has someone who skipped it')
      return [
        {
          type: 'CallOutcomeRecorded',
          data: {
            ...ids,
            status: command.status,
            notes: command.notes,
            skippedBy: command.skippedBy,
            by: command.by,
          },
        },
      ]
    case 'AddItem':
      if (state.status === 'CANCELLED') throw conflict('call_cancelled', 'this call is cancelled')
      return [
        {
          type: 'AgendaItemAdded',
          data: { ...ids, itemId: command.itemId, text: command.text, by: command.by },
        },
      ]
    case 'Reorder': {
      const unknown = command.itemIds.filter((id) => !command.known.has(id) && !state.added.has(id))
      if (unknown.length)
        throw badField('input.itemIds', `not on this call’s agenda: ${unknown.slice(0, 5).join(', ')}`)
      if (new Set(command.itemIds).size !== command.itemIds.length)
        throw badField('input.itemIds', 'must name each item once')
      return [{ type: 'AgendaReordered', data: { ...ids, itemIds: command.itemIds, by: command.by } }]
    }
    case 'Tick':
      if (!command.known.has(command.itemId) && !state.added.has(command.itemId))
        throw badField('input.itemId', 'is not on this call’s agenda')
      return [
        {
          type: 'AgendaItemTicked',
          data: { ...ids, itemId: command.itemId, done: command.done, by: command.by },
        },
      ]
  }
}

function requireScheduled(state: CallState) {
  if (state.status !== 'SCHEDULED')
    throw conflict('call_closed', `this call is already ${state.status.toLowerCase()}`)
}
