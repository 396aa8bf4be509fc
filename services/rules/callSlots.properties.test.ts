import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  callPlan,
  leastInconvenientSlots,
  sharedSlots,
  workingRanges,
  type CallSlot,
  type RankedSlot,
  type Role,
} from './callSlots.ts'
import type { Range } from './ranges.ts'
import { ZONES } from './testZones.ts'
import { isWithinWorkingHours } from './workingHours.ts'

/** The local calendar day `date` in `zone`, as a from/to pair. */
/** Every quarter hour from `first` to `last`, inclusive, as HH:mm. */

describe('properties over random zone pairs, dates and working weeks', () => {
  const zone = fc.constantFrom(
    ...ZONES,
    'America/Los_Angeles',
    'Asia/Singapore',
    'Asia/Kolkata',
    'Pacific/Auckland',
  )
  const hhmm = (minute: number) =>
    `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
  // Any valid blocks, off the quarter hours too; an empty week is the default one.
  const week = fc.array(
    fc
      .record({
        day: fc.integer({ min: 1, max: 7 }),
        start: fc.integer({ min: 0, max: 1439 }),
        length: fc.integer({ min: 1, max: 1440 }),
      })
      .map(({ day, start, length }) => ({
        day,
        start: hhmm(start),
        end: hhmm(Math.min(start + length, 1440)),
      })),
    { maxLength: 5 },
  )
  const attendee = fc.record({ zone, workingHours: week })
  const instant = fc
    .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) })
    .map((ms) => DateTime.fromMillis(ms, { zone: 'utc' }))
  const duration = fc.integer({ min: 1, max: 32 }).map((quarters) => quarters * 15)
  const QUARTER = 15 * 60_000
  const contains = (ranges: readonly Range[], start: number, end: number) =>
    ranges.some((r) => r.start <= start && end <= r.end)
  const inRanges = (ranges: readonly Range[], t: number) => ranges.some((r) => r.start <= t && t < r.end)
  /** Every grid start s with [s, s + d) inside [from, to]. */
  const grid = (from: number, to: number, d: number) => {
    const all: number[] = []
    for (let s = Math.ceil(from / QUARTER) * QUARTER; s + d <= to; s += QUARTER) all.push(s)
    return all
  }
  /** The call lies within 06:00–22:00 of one local date, by the zone's own clock. */
  const waking = (start: DateTime, end: DateTime, zone: string) => {
    const [s, e] = [start.setZone(zone), end.setZone(zone)]
    return s.toISODate() === e.toISODate() && s.hour * 60 + s.minute >= 360 && e.hour * 60 + e.minute <= 1320
  }

  it('workingRanges agree with isWithinWorkingHours at any instant', () => {
    fc.assert(
      fc.property(
        attendee,
        instant,
        fc.integer({ min: 1, max: 14 * 24 * 60 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), {
          minLength: 20,
          maxLength: 20,
        }),
        (who, from, minutes, samples) => {
          const to = from.plus({ minutes })
          const ranges = workingRanges(who, from, to)
          for (const sample of samples) {
            const t = from.toMillis() + Math.floor(sample * (to.toMillis() - from.toMillis()))
            const at = DateTime.fromMillis(t, { zone: 'utc' })
            expect(inRanges(ranges, t)).toBe(isWithinWorkingHours(at, who.workingHours, who.zone))
          }
        },
      ),
      { numRuns: 100 },
    )
  })

  it('every shared slot lies inside both people’s working ranges, on both people’s quarter hours', () => {
    fc.assert(
      fc.property(
        attendee,
        attendee,
        instant,
        fc.integer({ min: 1, max: 7 * 24 * 60 }),
        duration,
        (a, b, from, minutes, d) => {
          const to = from.plus({ minutes })
          const slots = sharedSlots({ mentor: a, mentee: b, from, to, durationMinutes: d })
          const [ra, rb] = [workingRanges(a, from, to), workingRanges(b, from, to)]
          for (const slot of slots) {
            const [s, e] = [slot.start.toMillis(), slot.end.toMillis()]
            expect(e - s).toBe(d * 60_000)
            expect(s % QUARTER).toBe(0)
            expect(contains(ra, s, e) && contains(rb, s, e)).toBe(true)
            expect(slot.start.setZone(a.zone).minute % 15).toBe(0)
            expect(slot.start.setZone(b.zone).minute % 15).toBe(0)
          }
        },
      ),
      { numRuns: 150 },
    )
  })

  it('no shared slot on the grid is missed (brute force over every grid start)', () => {
    fc.assert(
      fc.property(
        attendee,
        attendee,
        instant,
        fc.integer({ min: 1, max: 7 * 24 * 60 }),
        duration,
        (a, b, from, minutes, d) => {
          const to = from.plus({ minutes })
          const slots = sharedSlots({ mentor: a, mentee: b, from, to, durationMinutes: d })
          const [ra, rb] = [workingRanges(a, from, to), workingRanges(b, from, to)]
          const expected = grid(from.toMillis(), to.toMillis(), d * 60_000).filter(
            (s) => contains(ra, s, s + d * 60_000) && contains(rb, s, s + d * 60_000),
          )
          expect(slots.map((slot) => slot.start.toMillis())).toEqual(expected)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('least-inconvenient candidates are exactly the grid slots inside 06:00–22:00 for both, ranked, with minutes outside counted', () => {
    fc.assert(
      fc.property(
        attendee,
        attendee,
        instant,
        fc.integer({ min: 1, max: 3 * 24 * 60 }),
        duration,
        (a, b, from, minutes, d) => {
          const to = from.plus({ minutes })
          const ranked = leastInconvenientSlots({ mentor: a, mentee: b, from, to, durationMinutes: d })
          for (const slot of ranked) {
            expect(waking(slot.start, slot.end, a.zone) && waking(slot.start, slot.end, b.zone)).toBe(true)
          }
          // None missed: every grid slot both clocks put inside 06:00–22:00 is a candidate.
          const expected = grid(from.toMillis(), to.toMillis(), d * 60_000).filter((s) => {
            const [start, end] = [DateTime.fromMillis(s), DateTime.fromMillis(s + d * 60_000)]
            return waking(start, end, a.zone) && waking(start, end, b.zone)
          })
          expect(ranked.map((slot) => slot.start.toMillis()).sort((x, y) => x - y)).toEqual(expected)
          // Ranked by total minutes outside, then the larger share, then start.
          const key = (s: RankedSlot) => {
            const { MENTOR: m, MENTEE: e } = s.minutesOutside
            return [m + e, Math.max(m, e), s.start.toMillis()] as const
          }
          for (let i = 1; i < ranked.length; i++) {
            const [p, q] = [key(ranked[i - 1]!), key(ranked[i]!)]
            expect(p[0] < q[0] || (p[0] === q[0] && (p[1] < q[1] || (p[1] === q[1] && p[2] < q[2])))).toBe(
              true,
            )
          }
          // Minutes outside, minute by minute, for the top candidates.
          const [ra, rb] = [workingRanges(a, from, to), workingRanges(b, from, to)]
          for (const slot of ranked.slice(0, 10)) {
            const outside = { MENTOR: 0, MENTEE: 0 }
            for (let t = slot.start.toMillis(); t < slot.end.toMillis(); t += 60_000) {
              if (!inRanges(ra, t)) outside.MENTOR++
              if (!inRanges(rb, t)) outside.MENTEE++
            }
            expect(slot.minutesOutside).toEqual(outside)
            expect(slot.inconvenientFor).toEqual(
              (['MENTOR', 'MENTEE'] as const).filter((r) => outside[r] > 0),
            )
          }
        },
      ),
      { numRuns: 100 },
    )
  })

  it('callPlan never gives one person two inconvenient calls in a row when the other could have taken it', () => {
    const only = (call: CallSlot): Role | null =>
      call.inconvenientFor.length === 1 ? call.inconvenientFor[0]! : null
    fc.assert(
      fc.property(
        attendee,
        attendee,
        instant,
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(15, 30, 45, 60),
        fc.constantFrom<Role | null>(null, 'MENTOR', 'MENTEE'),
        (mentor, mentee, from, count, d, lastInconvenienced) => {
          const plan = callPlan({ mentor, mentee, from, count, durationMinutes: d, lastInconvenienced })
          expect(plan).toHaveLength(count)
          // Who took the previous inconvenient call alone (null once both shared one).
          let previous: Role | null = lastInconvenienced
          plan.forEach((call, window) => {
            const search = {
              mentor,
              mentee,
              from: from.plus({ days: 14 * window }),
              to: from.plus({ days: 14 * (window + 1) }),
              durationMinutes: d,
            }
            const shared = sharedSlots(search)
            if (shared.length > 0) {
              expect(call.start.toMillis()).toBe(shared[0]!.start.toMillis())
              expect(call.inconvenientFor).toEqual([])
              return
            }
            const candidates = leastInconvenientSlots(search)
            expect(candidates.some((c) => c.start.toMillis() === call.start.toMillis())).toBe(true)
            const took = only(call)
            if (took !== null && took === previous) {
              const other: Role = took === 'MENTOR' ? 'MENTEE' : 'MENTOR'
              expect(candidates.some((c) => only(c) === other)).toBe(false)
            }
            if (call.inconvenientFor.length > 0) previous = took
          })
        },
      ),
      { numRuns: 100 },
    )
  })
})
