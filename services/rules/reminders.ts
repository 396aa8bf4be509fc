import type { DateTime } from 'luxon'
import { localDateAt, localInstant, weekOf } from './week.ts'
import { isWithinWorkingHours, nextWorkingInstant, type WorkingWeek } from './workingHours.ts'

/**
 * Email reminders (PRODUCT §3: "no notification reaches anyone outside their working hours", the
 * article's "treating async as always-on"). A nudge becomes due at one instant and loses its point
 * at another; it goes out at the first instant inside the recipient's working hours between the
 * two, in the recipient's zone — or not at all.
 */
export const REMINDER_KINDS = [
  'CHECK_IN_DUE',
  'REPLY_WAITING',
  'QUESTION_NEARING',
  'QUESTION_OVERDUE',
  'CALL_SOON',
] as const
export type ReminderKind = (typeof REMINDER_KINDS)[number]

/** When a nudge becomes due, and when it has lost its point (exclusive). */
export interface NudgeTiming {
  dueAt: DateTime
  expiresAt: DateTime
}

export interface Recipient {
  zone: string
  workingHours: WorkingWeek
}

/** A check-in waits this long for its reply before the mentor is nudged. */
export const REPLY_WAITING_HOURS = 48
/** The call nudge comes this long before the call. */
export const CALL_SOON_MINUTES = 15
/** Nudges per person per local ISO week, whatever their kind. */
export const WEEKLY_CAP = 5
/**
 * A nudge about something a week past has lost its point: by then the pair's health signals speak
 * of it, and a mail would be noise (and a restart after a long outage would send a backlog).
 */
export const STALE_AFTER_DAYS = 7

/**
 * CHECK_IN_DUE, to the mentee: from the start of the due day (their zone) to its end, the due
 * instant the lifecycle recorded. One per due day, so never one per missed week.
 */
export function checkInDueNudge(dueDayEnd: DateTime, menteeZone: string): NudgeTiming {
  const day = localDateAt(dueDayEnd.minus({ milliseconds: 1 }), menteeZone)
  return { dueAt: localInstant(day, 0, menteeZone), expiresAt: dueDayEnd.toUTC() }
}

/** REPLY_WAITING, to the mentor: 48 hours after the check-in was submitted with no reply. */
export function replyWaitingNudge(submittedAt: DateTime): NudgeTiming {
  const dueAt = submittedAt.toUTC().plus({ hours: REPLY_WAITING_HOURS })
  return { dueAt, expiresAt: dueAt.plus({ days: STALE_AFTER_DAYS }) }
}

/**
 * QUESTION_NEARING, to the responder: when a quarter of the window (asked → deadline, real time)
 * is left; after the deadline the overdue nudge speaks instead.
 */
export function questionNearingNudge(askedAt: DateTime, deadline: DateTime): NudgeTiming {
  const window = Math.max(0, deadline.toMillis() - askedAt.toMillis())
  return {
    dueAt: deadline.toUTC().minus({ milliseconds: Math.floor(window / 4) }),
    expiresAt: deadline.toUTC(),
  }
}

/** QUESTION_OVERDUE, to the responder: at the deadline. */
export function questionOverdueNudge(deadline: DateTime): NudgeTiming {
  return { dueAt: deadline.toUTC(), expiresAt: deadline.toUTC().plus({ days: STALE_AFTER_DAYS }) }
}

/** CALL_SOON, to both members: 15 minutes before the call; once it has started, never. */
export function callSoonNudge(start: DateTime): NudgeTiming {
  return { dueAt: start.toUTC().minus({ minutes: CALL_SOON_MINUTES }), expiresAt: start.toUTC() }
}

/**
 * When the nudge goes out: the first instant at or after it is due that lies inside the
 * recipient's working hours; null when that is not before it expires (it is not sent at all).
 */
export function sendInstant(nudge: NudgeTiming, recipient: Recipient): DateTime | null {
  const at = nextWorkingInstant(nudge.dueAt, recipient.workingHours, recipient.zone).toUTC()
  return at.toMillis() < nudge.expiresAt.toMillis() ? at : null
}

/**
 * Whether a sweep at `now` may send it: due, not expired, and `now` itself inside the working
 * hours. A sweep that comes late (a restart, a retry) must not mail at 23:00 because the send
 * instant was 16:59: it waits for the next working block like the first time.
 */
export function mayNudgeAt(nudge: NudgeTiming, recipient: Recipient, now: DateTime): boolean {
  const t = now.toMillis()
  return (
    nudge.dueAt.toMillis() <= t &&
    t < nudge.expiresAt.toMillis() &&
    isWithinWorkingHours(now, recipient.workingHours, recipient.zone)
  )
}

/** The week a nudge counts in: the recipient's local ISO week (its Monday, in their zone). */
export function nudgeWeek(at: DateTime, zone: string): string {
  return weekOf(at, zone)
}

/** At most five nudges a person per local ISO week: `sentAt` are the ones already sent. */
export function withinWeeklyCap(sentAt: readonly DateTime[], now: DateTime, zone: string): boolean {
  const week = nudgeWeek(now, zone)
  return sentAt.filter((at) => nudgeWeek(at, zone) === week).length < WEEKLY_CAP
}
