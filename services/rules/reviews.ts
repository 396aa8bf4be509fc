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

/**
 * The next review once one has been held: a review covers the review date nearest to it, so the
 * next one is four weeks on from that date, however early or late within a fortnight it was held.
 */
export function nextReviewAfter(startedOn: string, today: string, lastReviewOn: string | null): string {
  if (!lastReviewOn) return nextReviewOn(startedOn, today)
  const afterCovered = DateTime.fromISO(lastReviewOn, { zone: 'utc' })
    .plus({ days: REVIEW_EVERY_DAYS / 2 + 1 })
    .toISODate()!
  return nextReviewOn(startedOn, afterCovered > today ? afterCovered : today)
}
