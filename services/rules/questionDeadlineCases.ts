import { DateTime } from 'luxon'
import { expect } from 'vitest'
import {
  deadlineFor,
  type QuestionUrgency,
  type Responder,
  type ResponseClock,
  type ResponseWindow,
} from './responseWindow.ts'
import type { WorkingWeek } from './workingHours.ts'

/**
 * Question deadlines (PRODUCT §3), checked against instants worked out by hand. Every expected
 * deadline in the questionDeadline.*.test.ts tables is written as a UTC instant (`due`) and as
 * what the responder's own clock reads then (`reads`); neither is computed by the code under test.
 */

export const NEW_YORK = 'America/New_York'
export const LISBON = 'Europe/Lisbon'

export const responder = (zone: string, workingHours: WorkingWeek = []): Responder => ({ zone, workingHours })

/** A night shift: 22:00 to 06:00 the next morning, starting Monday to Friday nights. */
export const NIGHTS: WorkingWeek = [1, 2, 3, 4, 5].flatMap((day) => [
  { day, start: '22:00', end: '24:00' },
  { day: day + 1, start: '00:00', end: '06:00' },
])

export interface Row {
  rule: string
  who: Responder
  /** Local wall-clock time of the question, in the responder's zone unless `askedIn` says otherwise. */
  asked: string
  askedIn?: string
  windowHours?: number
  clock?: ResponseClock
  /** The deadline as a UTC instant. */
  due: string
  /** What the responder's clock reads at the deadline. */
  reads: string
}

export function deadlineOf(urgency: QuestionUrgency, row: Row): DateTime | null {
  const askedAt = DateTime.fromISO(row.asked, { zone: row.askedIn ?? row.who.zone })
  expect(askedAt.isValid).toBe(true)
  // The pair's window defaults to 24 wall-clock hours; a blocking question must ignore it.
  const pair: ResponseWindow = { windowHours: row.windowHours ?? 24, clock: row.clock ?? 'WALL' }
  return deadlineFor({ urgency, askedAt }, pair, row.who)
}

export function expectDeadline(urgency: QuestionUrgency, row: Row) {
  const deadline = deadlineOf(urgency, row)
  expect(deadline?.toISO()).toBe(row.due)
  expect(deadline?.setZone(row.who.zone).toFormat("yyyy-MM-dd'T'HH:mm")).toBe(row.reads)
}
