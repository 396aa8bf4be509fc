import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { deadlineFor, type QuestionUrgency, type Responder, type ResponseClock } from './responseWindow.ts'
import { ZONES } from './testZones.ts'
import { DEFAULT_WORKING_WEEK, type WorkingWeek } from './workingHours.ts'
import { responder } from './questionDeadlineCases.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
const blocksOf = (week: WorkingWeek) => (week.length > 0 ? week : DEFAULT_WORKING_WEEK)

const offsetAt = (t: number, zone: string) => DateTime.fromMillis(t, { zone }).offset
/** The responder's clock reading at `t`, as local epoch milliseconds (the reading written as if UTC). */
const readingAt = (t: number, zone: string) => t + offsetAt(t, zone) * MINUTE

/**
 * The furthest the responder's clock has got by `t`. After a fall-back the clock repeats
 * readings; since a block boundary is the first instant the clock reaches it, an instant inside
 * a block is one whose furthest reading so far is between the block's start and end.
 */
function furthestReading(t: number, zone: string): number {
  const reading = readingAt(t, zone)
  let lo = t - 3 * HOUR // longer than any fall-back in the tested zones
  let hi = t
  const before = offsetAt(lo, zone)
  if (before <= offsetAt(hi, zone)) return reading
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (offsetAt(mid, zone) === before) lo = mid
    else hi = mid
  }
  return Math.max(reading, readingAt(lo, zone))
}

/** Inside a block (start included, end excluded), judged from the responder's clock alone. */
function insideBlock(t: number, week: WorkingWeek, zone: string): boolean {
  const reading = DateTime.fromMillis(furthestReading(t, zone), { zone: 'utc' })
  const minute = (reading.toMillis() - reading.startOf('day').toMillis()) / MINUTE
  return blocksOf(week).some(
    (b) => b.day === reading.weekday && minutesOf(b.start) <= minute && minute < minutesOf(b.end),
  )
}

/** Inside a block, or exactly at a block's end. */
const insideOrAtEnd = (t: number, week: WorkingWeek, zone: string) =>
  insideBlock(t, week, zone) || insideBlock(t - 1, week, zone)

/**
 * The first instant at which the responder's clock has reached `reading` (local epoch ms): a
 * block's start or end. Found by bisection on the furthest reading, which never goes back.
 */
function firstInstantReaching(reading: number, zone: string): number {
  let lo = reading - 16 * HOUR // before any offset can have the clock there
  let hi = reading + 16 * HOUR
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (furthestReading(mid, zone) >= reading) hi = mid
    else lo = mid
  }
  return hi
}

/** Working time (ms) between two instants: the overlap with every block of every local date. */
function workingMsBetween(from: number, to: number, week: WorkingWeek, zone: string): number {
  let total = 0
  const first = Math.floor(readingAt(from, zone) / DAY) - 1
  const last = Math.floor(furthestReading(to, zone) / DAY) + 1
  for (let day = first; day <= last; day++) {
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1 // 1970-01-01 was a Thursday
    const ranges = blocksOf(week)
      .filter((b) => b.day === weekday)
      .map((b) => [minutesOf(b.start), minutesOf(b.end)] as const)
      .sort((a, b) => a[0] - b[0])
    // Overlapping blocks are not double time: merge them before measuring.
    const merged: [number, number][] = []
    for (const [start, end] of ranges) {
      const previous = merged.at(-1)
      if (previous && start <= previous[1]) previous[1] = Math.max(previous[1], end)
      else merged.push([start, end])
    }
    for (const [start, end] of merged) {
      const s = firstInstantReaching(day * DAY + start * MINUTE, zone)
      const e = firstInstantReaching(day * DAY + end * MINUTE, zone)
      total += Math.max(0, Math.min(e, to) - Math.max(s, from))
    }
  }
  return total
}

describe('properties of question deadlines', () => {
  const MORE_ZONES = [
    'Asia/Kolkata',
    'Australia/Adelaide',
    'Pacific/Auckland',
    'America/Los_Angeles',
    'Africa/Casablanca',
  ]
  const zone = fc.constantFrom(...ZONES, ...MORE_ZONES)
  const askedAt = fc
    .date({
      min: new Date('2026-01-01T00:00:00Z'),
      max: new Date('2027-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    })
    .map((date) => DateTime.fromJSDate(date, { zone: 'utc' }))
  // Uniform instants seldom land near a clock change, where the rule is most likely to slip: half
  // of the questions are asked in the three days before one of the zone's changes, or two after.
  const changes = new Map<string, number[]>()
  const changesOf = (z: string): number[] => {
    let days = changes.get(z)
    if (!days) {
      days = []
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += DAY) {
        if (offsetAt(t, z) !== offsetAt(t + DAY, z)) days.push(t)
      }
      changes.set(z, days)
    }
    return days
  }
  const zoneAndAskedAt = zone.chain((z) => {
    const days = changesOf(z)
    if (days.length === 0) return fc.tuple(fc.constant(z), askedAt)
    const nearChange = fc
      .tuple(fc.constantFrom(...days), fc.integer({ min: -72 * 60, max: 48 * 60 }))
      .map(([day, minutes]) => DateTime.fromMillis(day + minutes * MINUTE, { zone: 'utc' }))
    return fc.tuple(fc.constant(z), fc.oneof(askedAt, nearChange))
  })
  // Valid blocks on a 5-minute grid, up to '24:00'; an empty week means the default week. Half of
  // the blocks have both ends in the small hours, where the clocks change.
  const block = (startSlots: number, lengthSlots: number) =>
    fc
      .record({
        day: fc.integer({ min: 1, max: 7 }),
        start: fc.integer({ min: 0, max: startSlots }),
        length: fc.integer({ min: 1, max: lengthSlots }),
      })
      .map(({ day, start, length }) => ({
        day,
        start: hhmm(start * 5),
        end: hhmm(Math.min(start + length, 288) * 5),
      }))
  const week: fc.Arbitrary<WorkingWeek> = fc.array(fc.oneof(block(287, 288), block(60, 24)), { maxLength: 5 })
  const hours = fc.integer({ min: 0, max: 160 }).map((quarters) => quarters / 4)
  const clock = fc.constantFrom<ResponseClock>('WALL', 'WORKING')
  // The working clock, reached both ways; a blocking question's pair is on the wall clock, to show
  // that the pair's own clock plays no part.
  const workingUrgency = fc.constantFrom<{ urgency: QuestionUrgency; clock: ResponseClock }>(
    { urgency: 'BLOCKING', clock: 'WALL' },
    { urgency: 'THIS_WEEK', clock: 'WORKING' },
  )
  const runs = { numRuns: 150 }

  const due = (
    urgency: QuestionUrgency,
    at: DateTime,
    windowHours: number,
    c: ResponseClock,
    who: Responder,
  ): DateTime => {
    const deadline = deadlineFor({ urgency, askedAt: at }, { windowHours, clock: c }, who)
    expect(deadline).not.toBeNull()
    return deadline!
  }

  it('a working-clock deadline (blocking or this week) falls inside a working block or exactly at its end', () => {
    fc.assert(
      fc.property(zoneAndAskedAt, hours, week, workingUrgency, ([z, at], h, w, { urgency, clock: c }) => {
        const deadline = due(urgency, at, h, c, responder(z, w))
        expect(insideOrAtEnd(deadline.toMillis(), w, z)).toBe(true)
      }),
      runs,
    )
  })

  it('a working-clock deadline holds exactly the window’s working hours, and no more', () => {
    fc.assert(
      fc.property(zoneAndAskedAt, hours, week, workingUrgency, ([z, at], h, w, { urgency, clock: c }) => {
        const deadline = due(urgency, at, h, c, responder(z, w)).toMillis()
        const windowMs = (urgency === 'BLOCKING' ? 4 : h) * HOUR
        expect(workingMsBetween(at.toMillis(), deadline, w, z)).toBe(windowMs)
        // Due inside a block, or at a block end: no idle time was added after the last hour.
        expect(insideOrAtEnd(deadline, w, z)).toBe(true)
      }),
      runs,
    )
  })

  it('more hours never give an earlier deadline, on either clock', () => {
    fc.assert(
      fc.property(zoneAndAskedAt, hours, hours, week, clock, ([z, at], a, b, w, c) => {
        const who = responder(z, w)
        const sooner = due('THIS_WEEK', at, Math.min(a, b), c, who)
        const later = due('THIS_WEEK', at, Math.max(a, b), c, who)
        expect(sooner.toMillis()).toBeLessThanOrEqual(later.toMillis())
      }),
      runs,
    )
  })

  it('a deadline is never before the question was asked', () => {
    fc.assert(
      fc.property(
        zoneAndAskedAt,
        hours,
        week,
        fc.constantFrom<QuestionUrgency>('BLOCKING', 'THIS_WEEK'),
        clock,
        ([z, at], h, w, urgency, c) => {
          expect(due(urgency, at, h, c, responder(z, w)).toMillis()).toBeGreaterThanOrEqual(at.toMillis())
        },
      ),
      runs,
    )
  })

  it('a blocking deadline is at least 4 elapsed hours after the question, whatever the pair’s window', () => {
    fc.assert(
      fc.property(zoneAndAskedAt, hours, week, clock, ([z, at], h, w, c) => {
        const deadline = due('BLOCKING', at, h, c, responder(z, w))
        expect(deadline.toMillis() - at.toMillis()).toBeGreaterThanOrEqual(4 * HOUR)
      }),
      runs,
    )
  })

  it('a wall-clock deadline is exactly the window’s elapsed hours after the question', () => {
    fc.assert(
      fc.property(zoneAndAskedAt, hours, week, ([z, at], h, w) => {
        const deadline = due('THIS_WEEK', at, h, 'WALL', responder(z, w))
        expect(deadline.toMillis() - at.toMillis()).toBe(h * HOUR)
      }),
      runs,
    )
  })

  it('the asker’s zone does not matter: the same instant gives the same deadline', () => {
    fc.assert(
      fc.property(
        zoneAndAskedAt,
        hours,
        week,
        zone,
        fc.constantFrom<QuestionUrgency>('BLOCKING', 'THIS_WEEK'),
        clock,
        ([z, at], h, w, askerZone, urgency, c) => {
          const who = responder(z, w)
          expect(due(urgency, at.setZone(askerZone), h, c, who).toISO()).toBe(
            due(urgency, at, h, c, who).toISO(),
          )
        },
      ),
      runs,
    )
  })

  it('a can-wait deadline is the next touchpoint’s instant, in UTC, whatever the window or responder (none if it is past)', () => {
    fc.assert(
      fc.property(askedAt, askedAt, hours, week, zone, zone, clock, (at, touch, h, w, z, touchZone, c) => {
        const touchpoint = touch.setZone(touchZone)
        const deadline = deadlineFor(
          { urgency: 'CAN_WAIT', askedAt: at },
          { windowHours: h, clock: c, nextTouchpoint: touchpoint },
          responder(z, w),
        )
        if (touchpoint.toMillis() < at.toMillis()) return void expect(deadline).toBeNull()
        expect(deadline?.toMillis()).toBe(touchpoint.toMillis())
        expect(deadline?.zoneName).toBe('UTC')
      }),
      runs,
    )
  })
})
