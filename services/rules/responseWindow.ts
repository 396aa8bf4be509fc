import type { DateTime } from 'luxon'
import { addWorkingHours, type WorkingWeek } from './workingHours.ts'

/**
 * Response windows (PRODUCT §1, §3): every check-in gets a reply within the pair's window, and
 * "no feedback loop" is the failure this guards against. WALL counts elapsed hours, the way a
 * clock on the wall does, so 24 hours across a DST change can land an hour off the local time of
 * day. WORKING counts only the responder's working hours, in the responder's zone.
 */
export type ResponseClock = 'WALL' | 'WORKING'
export type QuestionUrgency = 'BLOCKING' | 'THIS_WEEK' | 'CAN_WAIT'

export interface Responder {
  zone: string
  workingHours: WorkingWeek
}

export interface ResponseWindow {
  windowHours: number
  clock: ResponseClock
}

/** Blocking questions are due after 4 of the responder's working hours (PRODUCT §3) unless the pair chose otherwise. */
export const BLOCKING_WORKING_HOURS = 4

export function replyDeadline({
  submittedAt,
  windowHours,
  clock,
  responder,
}: ResponseWindow & { submittedAt: DateTime; responder: Responder }): DateTime {
  if (!Number.isFinite(windowHours) || windowHours < 0) {
    throw new RangeError(`windowHours must be ≥ 0: ${windowHours}`)
  }
  if (clock === 'WORKING') {
    return addWorkingHours(submittedAt, windowHours, responder.workingHours, responder.zone).toUTC()
  }
  return submittedAt.toUTC().plus({ milliseconds: Math.round(windowHours * 3_600_000) })
}

/** A reply at the deadline instant itself is still on time. */
export function isOnTime(repliedAt: DateTime, deadline: DateTime): boolean {
  return repliedAt.toMillis() <= deadline.toMillis()
}

/**
 * A question's deadline (PRODUCT §3): blocking → 4 working hours; this week → the pair's window;
 * can wait → the pair's next check-in or call, or none when nothing is scheduled.
 */
export function deadlineFor(
  question: { urgency: QuestionUrgency; askedAt: DateTime },
  pair: ResponseWindow & { nextTouchpoint?: DateTime | null; blockingWindowHours?: number },
  responder: Responder,
): DateTime | null {
  switch (question.urgency) {
    case 'BLOCKING':
      return replyDeadline({
        submittedAt: question.askedAt,
        windowHours: pair.blockingWindowHours ?? BLOCKING_WORKING_HOURS,
        clock: 'WORKING',
        responder,
      })
    case 'THIS_WEEK':
      return replyDeadline({
        submittedAt: question.askedAt,
        windowHours: pair.windowHours,
        clock: pair.clock,
        responder,
      })
    case 'CAN_WAIT': {
      // A touchpoint already past is not the next one: nothing is scheduled.
      const next = pair.nextTouchpoint
      return next && next.toMillis() >= question.askedAt.toMillis() ? next.toUTC() : null
    }
  }
}
