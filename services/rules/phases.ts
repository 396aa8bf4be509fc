import { DateTime } from 'luxon'
import { addDays, epochDay, weekdayOf } from './week.ts'

/** The lifecycle's phases in order (PRODUCT §2); ENDED can follow any of them. */
export type Phase = 'WEEKLY' | 'MONTHLY' | 'AD_HOC' | 'PEER' | 'ENDED'

/**
 * When each step down is proposed, in months from the start: monthly at 6 and ad hoc at 12
 * (the article's "Exiting the Mentorship Gracefully"); peer, which the article leaves open,
 * at 18 — six months of ad-hoc contact before the pair becomes alumni.
 */
export const STEP_DOWN_MONTHS: Readonly<Record<'MONTHLY' | 'AD_HOC' | 'PEER', number>> = {
  MONTHLY: 6,
  AD_HOC: 12,
  PEER: 18,
}

/** A held proposal is asked again this many weeks later. */
export const HOLD_WEEKS = 4

export function nextPhase(phase: Phase): 'MONTHLY' | 'AD_HOC' | 'PEER' | null {
  switch (phase) {
    case 'WEEKLY':
      return 'MONTHLY'
    case 'MONTHLY':
      return 'AD_HOC'
    case 'AD_HOC':
      return 'PEER'
    default:
      return null
  }
}

/**
 * `months` calendar months after `startedOn`. A start on the 31st reaches a shorter month on its
 * last day (2026-08-31 + 6 months = 2027-02-28), never spilling into the next month.
 */
export function monthsAfter(startedOn: string, months: number): string {
  return DateTime.fromISO(startedOn, { zone: 'utc' }).plus({ months }).toISODate()!
}

/** The date the step down to `phase` is first proposed. */
export function stepDownOn(startedOn: string, phase: 'MONTHLY' | 'AD_HOC' | 'PEER'): string {
  // Asked for every day the lifecycle scans; month arithmetic is Luxon's, and costly.
  const key = `${startedOn} ${phase}`
  let date = stepDowns.get(key)
  if (date === undefined) {
    if (stepDowns.size >= 100_000) stepDowns.clear()
    stepDowns.set(key, (date = monthsAfter(startedOn, STEP_DOWN_MONTHS[phase])))
  }
  return date
}
const stepDowns = new Map<string, string>()

/** The monthly phase's check-in day: the first pair weekday (ISO 1–7) of the month holding `date`. */
export function firstWeekdayOfMonth(date: string, weekday: number): string {
  const first = `${date.slice(0, 8)}01`
  return addDays(first, (weekday - weekdayOf(first) + 7) % 7)
}

/** Days from `startedOn` that are multiples of `everyDays` — calls (14) and reviews (28). */
export function isCadenceDay(startedOn: string, date: string, everyDays: number): boolean {
  const days = epochDay(date) - epochDay(startedOn)
  return days > 0 && days % everyDays === 0
}

export const CALL_EVERY_DAYS = 14
export const REVIEW_EVERY_DAYS = 28
