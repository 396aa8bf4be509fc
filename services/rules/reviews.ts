import { DateTime } from 'luxon'

/** The monthly goal review falls every four weeks from the start (PRODUCT §1). */
export const REVIEW_EVERY_DAYS = 28

/** The first review date on or after `today` (both local dates of the mentee). */
export function nextReviewOn(startedOn: string, today: string): string {
  const start = DateTime.fromISO(startedOn, { zone: 'utc' })
  const now = DateTime.fromISO(today, { zone: 'utc' })
  const elapsed = Math.max(0, Math.floor(now.diff(start, 'days').days))
  const periods = Math.max(1, Math.ceil(elapsed / REVIEW_EVERY_DAYS))
  return start.plus({ days: periods * REVIEW_EVERY_DAYS }).toISODate()!
}
