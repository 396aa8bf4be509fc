import { DateTime, FixedOffsetZone } from 'luxon'
import { intersect, subtract, type Range } from './ranges.ts'
import { addDays, epochDay, isIanaZone, localDateAt, localInstant, weekdayOf } from './week.ts'
import { DEFAULT_WORKING_WEEK, workingHoursErrors, type WorkingWeek } from './workingHours.ts'

/**
 * Finding times for the bi-weekly call (PRODUCT §1: "finds times that work in both zones") and,
 * when none exist, sharing the inconvenience (the article: "alternate who travels to the
 * inconvenient time"). Everything is computed on epoch-millisecond ranges (ranges.ts); DateTimes
 * are made only for the slots handed back.
 *
 * Slots sit on a 15-minute grid aligned to UTC quarter hours. Every zone in use today is offset
 * from UTC by a multiple of 15 minutes (Kathmandu +05:45, St John's −03:30, Lord Howe's 30-minute
 * DST), so the grid falls on local quarter hours for both people.
 */
export interface Attendee {
  zone: string
  /** an empty week means DEFAULT_WORKING_WEEK */
  workingHours: WorkingWeek
}
export type Role = 'MENTOR' | 'MENTEE'
export interface CallSlot {
  /** UTC */
  start: DateTime
  /** UTC */
  end: DateTime
  /** who has any minute of the call outside their working hours (MENTOR first) */
  inconvenientFor: Role[]
}
export type RankedSlot = CallSlot & { minutesOutside: Record<Role, number> }

export interface SlotSearch {
  mentor: Attendee
  mentee: Attendee
  from: DateTime
  to: DateTime
  durationMinutes: number
}

const MINUTE = 60_000
const QUARTER = 15 * MINUTE
const MAX_DURATION = 8 * 60
/** The waking day: no call starts before 06:00 or ends after 22:00 on either person's clock. */
const EARLIEST = 6 * 60
const LATEST = 22 * 60
const ROLES: readonly Role[] = ['MENTOR', 'MENTEE']
const UTC = FixedOffsetZone.utcInstance

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}

function checkAttendee(attendee: Attendee, role?: Role): void {
  const who = role ? `${role.toLowerCase()}.` : ''
  if (!isIanaZone(attendee.zone)) {
    throw new RangeError(`${who}zone must be an IANA time zone: ${attendee.zone}`)
  }
  const errors = workingHoursErrors(attendee.workingHours, `${who}workingHours`)
  if (errors.length > 0) throw new RangeError(errors.map((e) => `${e.field}: ${e.message}`).join('; '))
}

function checkSpan(from: DateTime, to: DateTime): void {
  if (!from.isValid) throw new RangeError('from must be a valid instant')
  if (!to.isValid) throw new RangeError('to must be a valid instant')
  if (from.toMillis() >= to.toMillis()) throw new RangeError(`from must be before to: ${from} ≥ ${to}`)
}

function checkDuration(durationMinutes: number): void {
  if (
    !Number.isInteger(durationMinutes) ||
    durationMinutes <= 0 ||
    durationMinutes % 15 !== 0 ||
    durationMinutes > MAX_DURATION
  ) {
    throw new RangeError(
      `durationMinutes must be a positive multiple of 15 up to ${MAX_DURATION} (8 hours): ${durationMinutes}`,
    )
  }
}

function checkSearch({ mentor, mentee, from, to, durationMinutes }: SlotSearch): void {
  checkAttendee(mentor, 'MENTOR')
  checkAttendee(mentee, 'MENTEE')
  checkSpan(from, to)
  checkDuration(durationMinutes)
}

/**
 * Ranges that a daily pattern of local minutes-of-day places on every local date from the one
 * holding `from` to the one holding `to`, clipped to [from, to). Each range sits on the wall
 * clock of its own date via localInstant, so DST moves it in UTC but never on the person's clock.
 */
function dailyRanges(
  zone: string,
  from: number,
  to: number,
  blocksOn: (weekday: number) => readonly Range[],
): Range[] {
  const first = epochDay(localDateAt(DateTime.fromMillis(from, { zone: UTC }), zone)) - 1
  const last = epochDay(localDateAt(DateTime.fromMillis(to, { zone: UTC }), zone)) + 1
  const ranges: Range[] = []
  for (let day = first; day <= last; day++) {
    const date = addDays('1970-01-01', day)
    for (const block of blocksOn(weekdayOf(date))) {
      ranges.push({
        start: localInstant(date, block.start, zone).toMillis(),
        end: localInstant(date, block.end, zone).toMillis(),
      })
    }
  }
  return intersect(ranges, [{ start: from, end: to }])
}

function blocksByWeekday(week: WorkingWeek): Map<number, Range[]> {
  const byDay = new Map<number, Range[]>()
  for (const block of week.length > 0 ? week : DEFAULT_WORKING_WEEK) {
    const blocks = byDay.get(block.day) ?? []
    blocks.push({ start: minutesOf(block.start), end: minutesOf(block.end) })
    byDay.set(block.day, blocks)
  }
  return byDay
}

function working(attendee: Attendee, from: number, to: number): Range[] {
  const byDay = blocksByWeekday(attendee.workingHours)
  return dailyRanges(attendee.zone, from, to, (weekday) => byDay.get(weekday) ?? [])
}

const WAKING_DAY: readonly Range[] = [{ start: EARLIEST, end: LATEST }]
function waking(zone: string, from: number, to: number): Range[] {
  return dailyRanges(zone, from, to, () => WAKING_DAY)
}

/**
 * The attendee's working blocks between from and to as instant ranges (DST-correct: a block is
 * placed by the local wall clock on each date, via localInstant). Normalized: blocks that overlap
 * or touch — a night shift 20:00–24:00 then 00:00–04:00 — are one range.
 */
export function workingRanges(attendee: Attendee, from: DateTime, to: DateTime): Range[] {
  checkAttendee(attendee)
  checkSpan(from, to)
  return working(attendee, from.toMillis(), to.toMillis())
}

/** Starts on the UTC quarter-hour grid of every `duration`-long slot wholly inside `ranges`. */
function gridStarts(ranges: readonly Range[], duration: number): number[] {
  const starts: number[] = []
  for (const { start, end } of ranges) {
    for (let s = Math.ceil(start / QUARTER) * QUARTER; s + duration <= end; s += QUARTER) starts.push(s)
  }
  return starts
}

function slotAt(start: number, duration: number, inconvenientFor: Role[]): CallSlot {
  return {
    start: DateTime.fromMillis(start, { zone: UTC }),
    end: DateTime.fromMillis(start + duration, { zone: UTC }),
    inconvenientFor,
  }
}

/**
 * Every slot of `durationMinutes` on the 15-minute grid lying wholly inside both people's working
 * hours, between from and to, earliest first; inconvenientFor is [].
 */
export function sharedSlots(args: SlotSearch): CallSlot[] {
  checkSearch(args)
  const { mentor, mentee, durationMinutes } = args
  const from = args.from.toMillis()
  const to = args.to.toMillis()
  const duration = durationMinutes * MINUTE
  const both = intersect(working(mentor, from, to), working(mentee, from, to))
  return gridStarts(both, duration).map((start) => slotAt(start, duration, []))
}

/** Milliseconds of each [start, start + duration) — starts ascending — covered by `ranges`. */
function coveredMs(starts: readonly number[], duration: number, ranges: readonly Range[]): number[] {
  let first = 0
  return starts.map((start) => {
    const end = start + duration
    while (first < ranges.length && ranges[first]!.end <= start) first++
    let covered = 0
    for (let k = first; k < ranges.length && ranges[k]!.start < end; k++) {
      covered += Math.min(end, ranges[k]!.end) - Math.max(start, ranges[k]!.start)
    }
    return covered
  })
}

/** Least inconvenient first: by total minutes outside, then the larger share, then start. */
function rank(a: Inconvenience, b: Inconvenience): number {
  return a.total - b.total || a.worst - b.worst || a.start - b.start
}
interface Inconvenience {
  total: number
  worst: number
  start: number
}
function inconvenienceOf(slot: RankedSlot): Inconvenience {
  const { MENTOR: mentor, MENTEE: mentee } = slot.minutesOutside
  return { total: mentor + mentee, worst: Math.max(mentor, mentee), start: slot.start.toMillis() }
}

function inconvenientFor(minutesOutside: Record<Role, number>): Role[] {
  return ROLES.filter((role) => minutesOutside[role] > 0)
}

/**
 * Candidate slots for when no shared slot exists: on the same grid, the whole call inside
 * 06:00–22:00 local for both people, ranked least inconvenient first. A person's inconvenience is
 * the minutes of the call outside their working hours (real elapsed minutes); inconvenientFor
 * lists who has any. Ranked by total inconvenience, then the larger of the two, then start. A
 * shared slot inside both waking days would rank first with nothing outside; callers look for
 * shared slots first (callPlan does).
 */
export function leastInconvenientSlots(args: SlotSearch): RankedSlot[] {
  checkSearch(args)
  const { mentor, mentee, durationMinutes } = args
  const from = args.from.toMillis()
  const to = args.to.toMillis()
  const duration = durationMinutes * MINUTE
  const starts = gridStarts(intersect(waking(mentor.zone, from, to), waking(mentee.zone, from, to)), duration)
  const mentorInside = coveredMs(starts, duration, working(mentor, from, to))
  const menteeInside = coveredMs(starts, duration, working(mentee, from, to))
  // Ranked on plain numbers first: DateTimes are made once, for the answer.
  return starts
    .map((start, i) => {
      const outside = { MENTOR: duration - mentorInside[i]!, MENTEE: duration - menteeInside[i]! }
      return {
        start,
        outside,
        total: outside.MENTOR + outside.MENTEE,
        worst: Math.max(outside.MENTOR, outside.MENTEE),
      }
    })
    .sort(rank)
    .map(({ start, outside }) => {
      const minutesOutside = { MENTOR: outside.MENTOR / MINUTE, MENTEE: outside.MENTEE / MINUTE }
      return { ...slotAt(start, duration, inconvenientFor(minutesOutside)), minutesOutside }
    })
}

function other(role: Role): Role {
  return role === 'MENTOR' ? 'MENTEE' : 'MENTOR'
}

/**
 * Fairness when no time suits both (the article: share the inconvenience). `lastInconvenienced`
 * is who took the inconvenient time at the previous call that had one (from the pair's ledger),
 * or null. A candidate inconvenient for nobody wins outright; otherwise, among the candidates,
 * prefer slots inconvenient only for the OTHER person, least inconvenient first; if none, the
 * least inconvenient overall. So nobody gets two inconvenient calls in a row when a candidate
 * exists that is inconvenient only for the other. Null when there are no candidates.
 */
export function fairSlot(
  candidates: readonly RankedSlot[],
  lastInconvenienced: Role | null,
): RankedSlot | null {
  if (lastInconvenienced !== null && !ROLES.includes(lastInconvenienced)) {
    throw new RangeError(`lastInconvenienced must be MENTOR, MENTEE or null: ${String(lastInconvenienced)}`)
  }
  const ranked = candidates
    .map((slot) => ({ slot, ...inconvenienceOf(slot) }))
    .sort(rank)
    .map(({ slot }) => slot)
  const best = ranked[0]
  if (!best) return null
  const convenient = (s: RankedSlot) => s.minutesOutside.MENTOR === 0 && s.minutesOutside.MENTEE === 0
  if (lastInconvenienced === null || convenient(best)) return best
  const turn = other(lastInconvenienced)
  const theirTurn = ranked.find(
    (s) => s.minutesOutside[turn] > 0 && s.minutesOutside[lastInconvenienced] === 0,
  )
  return theirTurn ?? best
}

/**
 * Who took the inconvenient time at a call, for the alternation: the one person with minutes
 * outside; if both had some, the one with more; if both had as many, nobody more than before.
 */
function tookInconvenience(slot: RankedSlot, before: Role | null): Role | null {
  const { MENTOR: mentor, MENTEE: mentee } = slot.minutesOutside
  if (mentor > mentee) return 'MENTOR'
  if (mentee > mentor) return 'MENTEE'
  return before
}

/**
 * The next `count` bi-weekly calls from `from`: one per 14-day window starting at `from` (14
 * calendar days in `from`'s zone); in each window the earliest shared slot if any, else fairSlot
 * over that window's leastInconvenientSlots, carrying the alternation forward (starting from
 * `lastInconvenienced`). A call that suits both leaves the alternation where it was.
 */
export function callPlan(args: {
  mentor: Attendee
  mentee: Attendee
  from: DateTime
  count: number
  durationMinutes: number
  lastInconvenienced: Role | null
}): CallSlot[] {
  const { mentor, mentee, from, count, durationMinutes } = args
  if (!Number.isInteger(count) || count < 1 || count > 26) {
    throw new RangeError(`count must be a whole number of calls from 1 to 26 (a year): ${count}`)
  }
  if (!from.isValid) throw new RangeError('from must be a valid instant')
  let last = args.lastInconvenienced
  if (last !== null && !ROLES.includes(last)) {
    throw new RangeError(`lastInconvenienced must be MENTOR, MENTEE or null: ${String(last)}`)
  }
  const plan: CallSlot[] = []
  for (let window = 0; window < count; window++) {
    const search = {
      mentor,
      mentee,
      from: from.plus({ days: 14 * window }),
      to: from.plus({ days: 14 * (window + 1) }),
      durationMinutes,
    }
    const shared = sharedSlots(search)[0]
    if (shared) {
      plan.push(shared)
      continue
    }
    const pick = fairSlot(leastInconvenientSlots(search), last)
    // Unreachable for valid input: two 06:00–22:00 days overlap by about 8 hours whatever the
    // zones, and a call is at most 8 hours long.
    if (!pick) throw new RangeError(`no candidate slot between ${search.from} and ${search.to}`)
    last = tookInconvenience(pick, last)
    plan.push({ start: pick.start, end: pick.end, inconvenientFor: pick.inconvenientFor })
  }
  return plan
}

/** Who would spend part of a call at `start`–`end` outside their own working hours. */
export function whoIsInconvenienced(
  mentor: Attendee,
  mentee: Attendee,
  start: DateTime,
  end: DateTime,
): Role[] {
  const call = [{ start: start.toMillis(), end: end.toMillis() }]
  const outside = (who: Attendee) =>
    subtract(call, workingRanges(who, start, end)).some((r) => r.end > r.start)
  return [
    ...(outside(mentor) ? (['MENTOR'] as const) : []),
    ...(outside(mentee) ? (['MENTEE'] as const) : []),
  ]
}
