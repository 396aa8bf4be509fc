import { DateTime } from 'luxon'
import type { FieldError } from '../shared/errors.ts'
import { isIanaZone, localInstant } from './week.ts'

/**
 * A person's working week (PRODUCT §1, §3): blocks of local wall-clock time in their own zone.
 * Blocks are placed on the calendar by wall clock (09:00–17:00 means what the person's clock
 * says), but time inside them is counted as real elapsed time: a block that a DST change
 * shortens or lengthens gives that much less or more working time. A responder working
 * 00:00–04:00 on a fall-back night really works five hours, and a deadline counted in hours
 * should not pretend otherwise. Times the clock skips start at the end of the gap; repeated
 * times take their first occurrence (see `localInstant`).
 */
export interface WorkingBlock {
  /** ISO weekday, 1 = Monday … 7 = Sunday */
  day: number
  /** local 'HH:MM' */
  start: string
  /** local 'HH:MM', or '24:00' for the end of the day */
  end: string
}
export type WorkingWeek = readonly WorkingBlock[]

export const DEFAULT_WORKING_WEEK: WorkingWeek = [1, 2, 3, 4, 5].map((day) => ({
  day,
  start: '09:00',
  end: '17:00',
}))

const HOUR = 3_600_000
const START = /^([01]\d|2[0-3]):([0-5]\d)$/
const END = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}

export function workingHoursErrors(week: WorkingWeek, field = 'workingHours'): FieldError[] {
  const errors: FieldError[] = []
  week.forEach((block, i) => {
    const at = `${field}.${i}`
    if (!Number.isInteger(block.day) || block.day < 1 || block.day > 7) {
      errors.push({ field: `${at}.day`, message: 'must be an ISO weekday 1 (Monday) to 7 (Sunday)' })
    }
    const startOk = START.test(block.start)
    const endOk = END.test(block.end)
    if (!startOk) errors.push({ field: `${at}.start`, message: 'must be local time HH:MM' })
    if (!endOk) errors.push({ field: `${at}.end`, message: 'must be local time HH:MM (24:00 allowed)' })
    if (startOk && endOk && minutesOf(block.end) <= minutesOf(block.start)) {
      errors.push({ field: `${at}.end`, message: 'must be after start' })
    }
  })
  return errors
}

/**
 * Blocks that overlap an earlier block on the same day, by index. A person states each stretch of
 * their day once; two overlapping blocks are a typo, not more working time. Touching blocks
 * (09:00–12:00, 12:00–17:00) do not overlap; malformed blocks are `workingHoursErrors`' business.
 */
export function overlappingBlocks(week: WorkingWeek): number[] {
  const valid = (b: WorkingBlock) =>
    START.test(b.start) && END.test(b.end) && minutesOf(b.end) > minutesOf(b.start)
  return week.flatMap((block, i) =>
    valid(block) &&
    week
      .slice(0, i)
      .some(
        (earlier) =>
          valid(earlier) &&
          earlier.day === block.day &&
          minutesOf(block.start) < minutesOf(earlier.end) &&
          minutesOf(earlier.start) < minutesOf(block.end),
      )
      ? [i]
      : [],
  )
}

/** Minutes-of-day ranges per weekday, sorted, with overlapping or touching blocks merged. */
function blocksByDay(week: WorkingWeek): Map<number, { start: number; end: number }[]> {
  const errors = workingHoursErrors(week)
  if (errors.length > 0) throw new RangeError(errors.map((e) => `${e.field}: ${e.message}`).join('; '))
  const byDay = new Map<number, { start: number; end: number }[]>()
  const sorted = [...(week.length > 0 ? week : DEFAULT_WORKING_WEEK)].sort(
    (a, b) => a.day - b.day || minutesOf(a.start) - minutesOf(b.start),
  )
  for (const block of sorted) {
    const ranges = byDay.get(block.day) ?? []
    const range = { start: minutesOf(block.start), end: minutesOf(block.end) }
    const last = ranges.at(-1)
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end)
    else ranges.push(range)
    byDay.set(block.day, ranges)
  }
  return byDay
}

/** Working spans (epoch ms) that end after `from`, in order, forever. */
function* workingSpans(from: DateTime, week: WorkingWeek, zone: string) {
  if (!from.isValid) throw new RangeError('not a valid instant')
  if (!isIanaZone(zone)) throw new RangeError(`not an IANA time zone: ${zone}`)
  const byDay = blocksByDay(week)
  const after = from.toMillis()
  // Walk local dates at UTC midnight, where date arithmetic has no DST to trip over.
  let date = DateTime.fromISO(from.setZone(zone).toISODate() as string, { zone: 'utc' })
  for (let idleDays = 0; idleDays <= 14; idleDays++, date = date.plus({ days: 1 })) {
    const day = date.toISODate() as string
    for (const range of byDay.get(date.weekday) ?? []) {
      const start = localInstant(day, range.start, zone).toMillis()
      const end = localInstant(day, range.end, zone).toMillis()
      if (end > Math.max(start, after)) {
        idleDays = 0
        yield { start, end }
      }
    }
  }
  throw new RangeError('no working time found in two weeks')
}

/** When `hours` of working time have passed since `from`, counting only inside the blocks. */
export function addWorkingHours(from: DateTime, hours: number, week: WorkingWeek, zone: string): DateTime {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be ≥ 0: ${hours}`)
  let remaining = Math.round(hours * HOUR)
  for (const span of workingSpans(from, week, zone)) {
    const begin = Math.max(span.start, from.toMillis())
    if (remaining <= span.end - begin) return DateTime.fromMillis(begin + remaining, { zone })
    remaining -= span.end - begin
  }
  throw new Error('unreachable: workingSpans never ends without throwing')
}

/** Inside a block: from its start, up to but not including its end. */
export function isWithinWorkingHours(at: DateTime, week: WorkingWeek, zone: string): boolean {
  const next = workingSpans(at, week, zone).next().value
  return next !== undefined && next.start <= at.toMillis()
}

/** `at` itself when inside a block, else the start of the next block. */
export function nextWorkingInstant(at: DateTime, week: WorkingWeek, zone: string): DateTime {
  return addWorkingHours(at, 0, week, zone)
}
