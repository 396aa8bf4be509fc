import { DateTime } from 'luxon'
import type { Phase } from '../rules/phases.ts'
import { localDateAt, localInstant } from '../rules/week.ts'
import { nextOccurrence } from './schedule.ts'
import { initialLifecycle } from './state.ts'
import { memoized } from '../shared/memo.ts'

export interface DueFacts {
  startedOn: string
  menteeZone: string
  checkInWeekday: number
  phase: Phase
  paused: boolean
  /** Weeks (Mondays) that already have a check-in. */
  submittedWeeks: string[]
}

/**
 * When the next check-in is due (the end of its due day), as of `now`: this week's if it is still
 * open, else the next one the cadence puts due. Null while paused, or when no cadence runs.
 */
export function nextCheckInDue(facts: DueFacts, now: DateTime): DateTime | null {
  // Only the weekly and monthly phases have a cadence; the others need no scan to say so.
  if (facts.paused || (facts.phase !== 'WEEKLY' && facts.phase !== 'MONTHLY')) return null
  const today = localDateAt(now, facts.menteeZone)
  // The scan starts at the beginning of today, and every due it can find ends on or after
  // today's end: within a day the answer depends on the facts alone, so lists remember it.
  const due = remembered(
    JSON.stringify({ ...facts, submittedWeeks: [...facts.submittedWeeks].sort(), today }),
  )
  if (due === null) return null
  return due.toMillis() > now.toMillis() ? due : scanNextCheckInDue(facts, today, now)
}

const remembered = memoized((key) => {
  const { today, ...facts } = JSON.parse(key) as DueFacts & { today: string }
  return scanNextCheckInDue(facts, today, localInstant(today, 0, facts.menteeZone))
}, 10_000)

/** The scan itself, remembered by `nextCheckInDue`; exported to prove the memory changes nothing. */
export function scanNextCheckInDue(facts: DueFacts, today: string, now: DateTime): DateTime | null {
  const startsAt = localInstant(facts.startedOn, 0, facts.menteeZone).toUTC().toISO()!
  // From the start of today: a due day that began this morning still counts.
  const from = DateTime.max(localInstant(today, 0, facts.menteeZone), DateTime.fromISO(startsAt)).minus({
    milliseconds: 1,
  })
  let state = {
    ...initialLifecycle({ ...facts, mentorshipId: '', startsAt }),
    phase: facts.phase,
    submittedWeeks: facts.submittedWeeks,
    cursor: from.toUTC().toISO()!,
  }
  for (let i = 0; i < 20; i++) {
    const next = nextOccurrence(state)
    if (!next) return null
    for (const item of next.items) {
      if (item.kind === 'CheckInDue' && !facts.submittedWeeks.includes(item.weekOf)) {
        const dueAt = DateTime.fromISO(item.dueAt, { zone: 'utc' })
        if (dueAt > now) return dueAt
      }
    }
    // Proposals are not check-ins: marking one pending keeps the scan from stopping at it again.
    state = { ...state, cursor: next.at, proposal: state.proposal ?? 'MONTHLY' }
  }
  return null
}
