import { DateTime } from 'luxon'
import {
  CALL_EVERY_DAYS,
  firstWeekdayOfMonth,
  HOLD_WEEKS,
  isCadenceDay,
  nextPhase,
  REVIEW_EVERY_DAYS,
  stepDownOn,
  type Phase,
} from '../rules/phases.ts'
import { addDays, localInstant, mondayOf, weekdayOf } from '../rules/week.ts'
import type { LifecycleSignal, LifecycleState } from './state.ts'

export type OccurrenceItem =
  | { kind: 'CheckInDue'; weekOf: string; dueAt: string }
  | { kind: 'CheckInMissed'; weekOf: string }
  | { kind: 'ReplyOverdue'; checkInId: string; weekOf: string; deadline: string }
  | { kind: 'CallDue'; dueOn: string }
  | { kind: 'ReviewDue'; dueOn: string }
  | { kind: 'Propose'; from: Phase; to: Phase }
  | { kind: 'LeaveEnded' }

/** What falls due at one instant. */
export interface Occurrence {
  at: string
  items: OccurrenceItem[]
}

/** How far ahead to look for the next cadence day: beyond any phase's longest gap. */
const HORIZON_DAYS = 400

const ms = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toMillis()
const iso = (millis: number) => DateTime.fromMillis(millis, { zone: 'utc' }).toISO()!

/**
 * The next thing that falls due after `state.cursor` (PRODUCT §2), or null when nothing ever
 * will (ended, or alumni with no reply pending). Pure: both workflow engines call it.
 */
export function nextOccurrence(state: LifecycleState): Occurrence | null {
  if (state.phase === 'ENDED') return null
  const cursor = ms(state.cursor)
  const candidates: Array<{ at: number; item: OccurrenceItem }> = []
  const soonest = (at: number) => Math.max(at, cursor + 1)

  if (state.paused) {
    if (state.pausedUntil) {
      const next = DateTime.fromISO(state.pausedUntil, { zone: 'utc' }).plus({ days: 1 }).toISODate()!
      candidates.push({
        at: soonest(localInstant(next, 0, state.menteeZone).toMillis()),
        item: { kind: 'LeaveEnded' },
      })
    }
    return earliest(candidates)
  }

  for (const pending of state.awaitingReply) {
    candidates.push({ at: soonest(ms(pending.deadline)), item: { kind: 'ReplyOverdue', ...pending } })
  }
  const to = nextPhase(state.phase)
  if (to && !state.proposal && state.proposeAgainAt) {
    candidates.push({
      at: soonest(ms(state.proposeAgainAt)),
      item: { kind: 'Propose', from: state.phase, to },
    })
  }
  const day = firstCadenceDay(state, cursor)
  if (day) candidates.push(...day)
  return earliest(candidates)
}

/** Scans forward day by day (mentee's zone) for the first day with something due after the cursor. */
function firstCadenceDay(state: LifecycleState, cursor: number) {
  const zone = state.menteeZone
  const activeSince = ms(state.activeSince)
  let date = DateTime.fromMillis(cursor, { zone }).toISODate()!
  if (date < state.startedOn) date = state.startedOn
  for (let i = 0; i < HORIZON_DAYS; i++, date = addDays(date, 1)) {
    const start = localInstant(date, 0, zone).toMillis()
    const end = localInstant(date, 1440, zone).toMillis()
    const found: Array<{ at: number; item: OccurrenceItem }> = []
    const atStart = (item: OccurrenceItem) =>
      start > cursor && start >= activeSince && found.push({ at: start, item })
    if (isCheckInDay(state, date)) {
      const week = mondayOf(date)
      atStart({ kind: 'CheckInDue', weekOf: week, dueAt: iso(end) })
      const missed = end > cursor && start >= activeSince && !state.submittedWeeks.includes(week)
      if (missed) found.push({ at: end, item: { kind: 'CheckInMissed', weekOf: week } })
    }
    if (state.phase === 'WEEKLY' && isCadenceDay(state.startedOn, date, CALL_EVERY_DAYS)) {
      atStart({ kind: 'CallDue', dueOn: date })
    }
    if (
      (state.phase === 'WEEKLY' || state.phase === 'MONTHLY') &&
      isCadenceDay(state.startedOn, date, REVIEW_EVERY_DAYS)
    ) {
      atStart({ kind: 'ReviewDue', dueOn: date })
    }
    const to = nextPhase(state.phase)
    if (to && !state.proposal && !state.proposeAgainAt && date >= stepDownOn(state.startedOn, to)) {
      // On or after the step-down date: a start later than the date (leave, a late phase change) proposes at once.
      found.push({ at: Math.max(start, cursor + 1), item: { kind: 'Propose', from: state.phase, to } })
    }
    if (found.length) return found
  }
  return null
}

function isCheckInDay(state: LifecycleState, date: string) {
  if (state.phase === 'WEEKLY') return weekdayOf(date) === state.checkInWeekday
  if (state.phase === 'MONTHLY') return firstWeekdayOfMonth(date, state.checkInWeekday) === date
  return false
}

function earliest(candidates: Array<{ at: number; item: OccurrenceItem }>): Occurrence | null {
  if (candidates.length === 0) return null
  const at = Math.min(...candidates.map((c) => c.at))
  return { at: iso(at), items: candidates.filter((c) => c.at === at).map((c) => c.item) }
}

/** The state once an occurrence has been recorded. */
export function completeOccurrence(state: LifecycleState, occurrence: Occurrence): LifecycleState {
  let next: LifecycleState = { ...state, cursor: occurrence.at }
  for (const item of occurrence.items) {
    switch (item.kind) {
      case 'Propose':
        next = { ...next, proposal: item.to, proposeAgainAt: null }
        break
      case 'ReplyOverdue':
        next = { ...next, awaitingReply: next.awaitingReply.filter((r) => r.checkInId !== item.checkInId) }
        break
      case 'LeaveEnded':
        next = resume(next, occurrence.at)
        break
    }
  }
  return prune(next)
}

/** The state once a fact from outside (a person's command) is known. */
export function applySignal(state: LifecycleState, signal: LifecycleSignal): LifecycleState {
  switch (signal.type) {
    case 'CheckInSubmitted':
      return {
        ...state,
        submittedWeeks: [...new Set([...state.submittedWeeks, signal.weekOf])],
        awaitingReply: [
          ...state.awaitingReply.filter((r) => r.checkInId !== signal.checkInId),
          { checkInId: signal.checkInId, weekOf: signal.weekOf, deadline: signal.replyDeadline },
        ],
      }
    case 'ReplyWritten':
      return { ...state, awaitingReply: state.awaitingReply.filter((r) => r.checkInId !== signal.checkInId) }
    case 'Paused':
      return state.paused ? state : { ...state, paused: true, pausedAt: signal.at, pausedUntil: signal.until }
    case 'Resumed':
      return state.paused ? resume(state, signal.at) : state
    case 'PhaseChanged': {
      const at = later(state.cursor, signal.at)
      return { ...state, phase: signal.to, proposal: null, proposeAgainAt: null, activeSince: at, cursor: at }
    }
    case 'ProposalHeld':
      return {
        ...state,
        proposal: null,
        proposeAgainAt: DateTime.fromISO(signal.at, { zone: 'utc' }).plus({ weeks: HOLD_WEEKS }).toISO()!,
      }
    case 'SettingsChanged':
      return {
        ...state,
        checkInWeekday: signal.checkInWeekday ?? state.checkInWeekday,
        menteeZone: signal.menteeZone ?? state.menteeZone,
      }
  }
}

/** Leave ends: dues restart from this moment and open reply windows move on by the leave's length. */
function resume(state: LifecycleState, at: string): LifecycleState {
  const resumedAt = later(state.cursor, at)
  const shift = state.pausedAt ? Math.max(0, ms(resumedAt) - ms(state.pausedAt)) : 0
  return {
    ...state,
    paused: false,
    pausedAt: null,
    pausedUntil: null,
    activeSince: resumedAt,
    cursor: resumedAt,
    awaitingReply: state.awaitingReply.map((r) => ({ ...r, deadline: iso(ms(r.deadline) + shift) })),
  }
}

function later(a: string, b: string) {
  return ms(a) >= ms(b) ? a : b
}

/** Keeps the state small: weeks long past cannot be missed any more. */
function prune(state: LifecycleState): LifecycleState {
  const oldest = DateTime.fromISO(state.cursor, { zone: 'utc' }).minus({ weeks: 6 }).toISODate()!
  return { ...state, submittedWeeks: state.submittedWeeks.filter((w) => w >= oldest) }
}
