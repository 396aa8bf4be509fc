import { DateTime, IANAZone } from 'luxon'

/**
 * The weekly cadence (PRODUCT §1): the week is the mentee's local week starting Monday, and the
 * check-in is due on the pair's weekday in the mentee's zone. Dates are `YYYY-MM-DD` strings;
 * instants are Luxon DateTimes or ISO strings that name their offset.
 */
export type Instant = DateTime | string
export type CheckInStatus = 'DUE' | 'SUBMITTED' | 'LATE' | 'REPLIED' | 'MISSED'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
// A time part followed by Z or ±HH[:MM]: a string without one would be read in the host's zone.
const ISO_INSTANT_WITH_OFFSET = /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i

/** Named IANA zones only: an offset ('+05:00') has no DST rules, and newer ICU versions accept it. */
export function isIanaZone(name: string): boolean {
  if (typeof name !== 'string') return false
  // Luxon asks Intl afresh on every call, the costliest step of projecting a check-in.
  let valid = validZones.get(name)
  if (valid === undefined) {
    valid = !/^\s*[+\-\u2212]/.test(name) && IANAZone.isValidZone(name)
    if (validZones.size < 10_000) validZones.set(name, valid)
  }
  return valid
}
const validZones = new Map<string, boolean>()

/**
 * The zone's canonical spelling (`europe/lisbon` → `Europe/Lisbon`, `utc` → `UTC`), so one zone is
 * stored one way. Luxon's `IANAZone.name` echoes the name as given, and Intl's resolution alone
 * would turn a current name into CLDR's older one (`Asia/Kathmandu` → `Asia/Katmandu`). So: the
 * spelling Intl lists or resolves to when it differs only in case; else a deliberately cased name
 * as given (a link Intl does not list, such as `Asia/Kathmandu`); else Intl's resolution.
 */
export function canonicalZone(name: string): string {
  const zone = zoneOf(name).name
  const listed = listedZones().get(zone.toLowerCase())
  if (listed) return listed
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
  if (resolved.toLowerCase() === zone.toLowerCase()) return resolved
  const deliberate = zone !== zone.toLowerCase() && zone !== zone.toUpperCase()
  return deliberate ? zone : resolved
}

let listed: Map<string, string> | null = null
function listedZones() {
  listed ??= new Map(['UTC', ...Intl.supportedValuesOf('timeZone')].map((z) => [z.toLowerCase(), z]))
  return listed
}

function zoneOf(name: string): IANAZone {
  if (!isIanaZone(name)) throw new RangeError(`not an IANA time zone: ${name}`)
  return IANAZone.create(name)
}

function instantOf(at: Instant): DateTime {
  const parsed =
    typeof at !== 'string'
      ? at
      : ISO_INSTANT_WITH_OFFSET.test(at.trim())
        ? DateTime.fromISO(at.trim(), { setZone: true })
        : DateTime.invalid('an ISO instant must name its offset')
  if (!parsed.isValid) throw new RangeError(`not an instant: ${String(at)}`)
  return parsed
}

// Date arithmetic happens at UTC midnight, where no day is ever 23 or 25 hours long.
function dateOf(date: string): DateTime {
  const parsed = ISO_DATE.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : DateTime.invalid('format')
  if (!parsed.isValid) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`)
  return parsed
}

function isoDate(dt: DateTime): string {
  return dt.toISODate() as string
}

/** The week (its Monday) a calendar date falls in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date))
}

const DAY_MS = 86_400_000

/** Days since 1970-01-01 of a valid calendar date: plain arithmetic for loops over days. */
export function epochDay(date: string): number {
  // Scans over days ask for the same few hundred dates again and again.
  let day = epochDays.get(date)
  if (day === undefined) {
    const refuse = () => new RangeError(`not a date (YYYY-MM-DD): ${date}`)
    if (!ISO_DATE.test(date)) throw refuse()
    day = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS
    // Date.UTC rolls impossible fields over (02-30 → 03-02): only a date that round-trips is one.
    if (dateOfEpochDay(day) !== date) throw refuse()
    if (epochDays.size >= 100_000) epochDays.clear()
    epochDays.set(date, day)
  }
  return day
}
const epochDays = new Map<string, number>()

function dateOfEpochDay(day: number): string {
  let date = datesOfEpochDays.get(day)
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10)
    if (datesOfEpochDays.size >= 100_000) datesOfEpochDays.clear()
    datesOfEpochDays.set(day, date)
  }
  return date
}
const datesOfEpochDays = new Map<number, string>()

/** The calendar date `days` after a valid date (before, if negative). */
export function addDays(date: string, days: number): string {
  return dateOfEpochDay(epochDay(date) + days)
}

/** The ISO weekday (1 Monday … 7 Sunday) of a calendar date: no zone, a date is a date. */
export function weekdayOf(date: string): number {
  return ((((epochDay(date) + 3) % 7) + 7) % 7) + 1 // 1970-01-01 was a Thursday
}

export function isMonday(date: string): boolean {
  return ISO_DATE.test(date) && DateTime.fromISO(date, { zone: 'utc' }).weekday === 1
}

/** The Monday (ISO date) of the local week that holds `at` in `zone`. */
export function weekOf(at: Instant, zone: string): string {
  return mondayOf(isoDate(instantOf(at).setZone(zoneOf(zone))))
}

export function dueDateOf(weekOf: string, checkInWeekday: number): string {
  if (!isMonday(weekOf)) throw new RangeError(`weekOf must be a Monday: ${weekOf}`)
  if (!Number.isInteger(checkInWeekday) || checkInWeekday < 1 || checkInWeekday > 7) {
    throw new RangeError(`checkInWeekday must be an ISO weekday 1–7: ${checkInWeekday}`)
  }
  return isoDate(dateOf(weekOf).plus({ days: checkInWeekday - 1 }))
}

/**
 * The first instant at which the clock in `zone` reads at least `minuteOfDay` on `date` (1440 is
 * the next day's start). A time skipped by a spring-forward becomes the end of the gap; a time
 * repeated by a fall-back is its first occurrence. Luxon alone picks the later occurrence, so it
 * puts the start of a day that falls back at 01:00 → 00:00 (America/Havana) an hour late.
 */
export function localInstant(date: string, minuteOfDay: number, zone: string): DateTime {
  // Pure, and asked for the same days over and over by the lifecycle's schedule; each answer
  // costs Intl several offset lookups. Luxon's DateTime is immutable, so answers are shared.
  const key = `${zone} ${date} ${minuteOfDay}`
  let instant = instants.get(key)
  if (!instant) {
    if (instants.size >= 100_000) instants.clear()
    instants.set(key, (instant = computeLocalInstant(date, minuteOfDay, zone)))
  }
  return instant
}
const instants = new Map<string, DateTime>()

function computeLocalInstant(date: string, minuteOfDay: number, zone: string): DateTime {
  const tz = zoneOf(zone)
  const wall = dateOf(date).toMillis() + minuteOfDay * MINUTE // the clock reading, written as if UTC
  const wallAt = (t: number) => t + tz.offset(t) * MINUTE
  const offsets = [tz.offset(wall - DAY), tz.offset(wall + DAY)]
  const matches = offsets.map((o) => wall - o * MINUTE).filter((t) => wallAt(t) === wall)
  if (matches.length > 0) return DateTime.fromMillis(Math.min(...matches), { zone: 'utc' })
  // In a gap the clock jumps over `wall`: find the jump between the two offsets' readings.
  let lo = wall - Math.max(...offsets) * MINUTE
  let hi = wall - Math.min(...offsets) * MINUTE
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (wallAt(mid) >= wall) hi = mid
    else lo = mid
  }
  return DateTime.fromMillis(hi, { zone: 'utc' })
}

/**
 * The local date in `zone` at `at`. Lists ask it for many mentorships in a handful of zones, and
 * Intl's answer holds for the whole local day, so each zone keeps its current day's bounds.
 */
export function localDateAt(at: DateTime, zone: string): string {
  const ms = at.toMillis()
  const day = currentDays.get(zone)
  if (day && ms >= day.from && ms < day.until) return day.date
  const date = isoDate(at.setZone(zoneOf(zone)))
  const from = localInstant(date, 0, zone).toMillis()
  const until = localInstant(date, 1440, zone).toMillis()
  if (currentDays.size >= 1000) currentDays.clear()
  currentDays.set(zone, { date, from, until })
  return date
}
const currentDays = new Map<string, { date: string; from: number; until: number }>()

/** The due day ends when the mentee's next local day starts (UTC instant). */
export function endOfDueDay(weekOf: string, checkInWeekday: number, zone: string): DateTime {
  const dueDate = dueDateOf(weekOf, checkInWeekday)
  return localInstant(isoDate(dateOf(dueDate).plus({ days: 1 })), 0, zone)
}

export function isLate(submittedAt: Instant, weekOf: string, checkInWeekday: number, zone: string): boolean {
  return instantOf(submittedAt) >= endOfDueDay(weekOf, checkInWeekday, zone)
}

/** Every week's Monday from the week holding `startedOn` through the week holding `untilWeek`. */
export function weeksBetween(startedOn: string, untilWeek: string): string[] {
  const last = mondayOf(untilWeek)
  const weeks: string[] = []
  for (let week = mondayOf(startedOn); week <= last; week = isoDate(dateOf(week).plus({ weeks: 1 }))) {
    weeks.push(week)
  }
  return weeks
}

export interface CheckInTiming {
  submittedAt?: Instant | null
  repliedAt?: Instant | null
  dueEnd: Instant
  now: Instant
}

/** Status as of `now` (PRODUCT §1): what happened after `now` has not happened yet. */
export function checkInStatus({ submittedAt, repliedAt, dueEnd, now }: CheckInTiming): CheckInStatus {
  const asOf = instantOf(now)
  const end = instantOf(dueEnd)
  const byNow = (at: Instant | null | undefined): at is Instant => at != null && instantOf(at) <= asOf
  if (byNow(repliedAt)) return 'REPLIED'
  if (byNow(submittedAt)) return instantOf(submittedAt) >= end ? 'LATE' : 'SUBMITTED'
  return asOf >= end ? 'MISSED' : 'DUE'
}

/**
 * A pair's first week: the week of the start, unless its due day came before the start — then the
 * week after. Nothing was due before the mentorship began.
 */
export function firstWeekOf(startedOn: string, checkInWeekday: number): string {
  const week = mondayOf(startedOn)
  return dueDateOf(week, checkInWeekday) >= startedOn ? week : isoDate(dateOf(week).plus({ weeks: 1 }))
}
