import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { intersect, merge, normalize, subtract, type Range } from './ranges.ts'

const r = (start: number, end: number): Range => ({ start, end })

describe('normalize: one spelling per set — sorted, merged, nothing empty', () => {
  it.each([
    { rule: 'no ranges is the empty set', ranges: [], normal: [] },
    { rule: 'ranges come out sorted by start', ranges: [r(5, 6), r(1, 2)], normal: [r(1, 2), r(5, 6)] },
    { rule: 'overlapping ranges are one range', ranges: [r(1, 4), r(3, 6)], normal: [r(1, 6)] },
    {
      rule: 'touching ranges are one range: [1,3) then [3,5) leaves no gap',
      ranges: [r(3, 5), r(1, 3)],
      normal: [r(1, 5)],
    },
    { rule: 'a range inside another adds nothing', ranges: [r(1, 9), r(2, 3)], normal: [r(1, 9)] },
    { rule: 'ranges one instant apart stay apart', ranges: [r(1, 3), r(4, 5)], normal: [r(1, 3), r(4, 5)] },
    { rule: 'an empty range (end = start) is dropped', ranges: [r(2, 2), r(4, 5)], normal: [r(4, 5)] },
    { rule: 'a reversed range (end < start) is dropped', ranges: [r(5, 1)], normal: [] },
    {
      rule: 'a chain of overlaps folds into one range',
      ranges: [r(7, 9), r(1, 3), r(2, 5), r(5, 7)],
      normal: [r(1, 9)],
    },
  ])('$rule', ({ ranges, normal }) => {
    expect(normalize(ranges)).toEqual(normal)
  })

  it('does not change the ranges it was given', () => {
    const ranges = [r(3, 5), r(1, 4)]
    normalize(ranges)
    expect(ranges).toEqual([r(3, 5), r(1, 4)])
  })

  it('refuses a bound that is not a number', () => {
    expect(() => normalize([r(Number.NaN, 5)])).toThrow(RangeError)
  })
})

describe('merge, intersect, subtract: union, both, and the first without the second', () => {
  it.each([
    { rule: 'merge joins overlapping ranges', a: [r(1, 4)], b: [r(3, 8)], union: [r(1, 8)] },
    { rule: 'merge joins touching ranges', a: [r(1, 4)], b: [r(4, 8)], union: [r(1, 8)] },
    { rule: 'merge keeps disjoint ranges apart', a: [r(1, 2)], b: [r(5, 6)], union: [r(1, 2), r(5, 6)] },
    { rule: 'merge with nothing is the set itself', a: [r(3, 4), r(1, 2)], b: [], union: [r(1, 2), r(3, 4)] },
  ])('$rule', ({ a, b, union }) => {
    expect(merge(a, b)).toEqual(union)
  })

  it.each([
    { rule: 'intersect keeps the overlap', a: [r(1, 5)], b: [r(3, 8)], both: [r(3, 5)] },
    { rule: 'touching ranges share no instant', a: [r(1, 4)], b: [r(4, 8)], both: [] },
    {
      rule: 'one range can meet several',
      a: [r(0, 10)],
      b: [r(1, 2), r(4, 6), r(9, 12)],
      both: [r(1, 2), r(4, 6), r(9, 10)],
    },
    {
      rule: 'working hours ∩ the other person’s: 09–17 (as 9..17) and 14–22 share 14–17',
      a: [r(9, 17), r(33, 41)],
      b: [r(14, 22), r(38, 46)],
      both: [r(14, 17), r(38, 41)],
    },
    { rule: 'anything ∩ nothing is nothing', a: [r(1, 5)], b: [], both: [] },
  ])('$rule', ({ a, b, both }) => {
    expect(intersect(a, b)).toEqual(both)
  })

  it.each([
    { rule: 'subtract cuts a hole', a: [r(0, 10)], b: [r(3, 5)], left: [r(0, 3), r(5, 10)] },
    { rule: 'subtract trims an end', a: [r(0, 10)], b: [r(8, 12)], left: [r(0, 8)] },
    { rule: 'subtracting a touching range changes nothing', a: [r(0, 10)], b: [r(10, 12)], left: [r(0, 10)] },
    { rule: 'subtracting a cover leaves nothing', a: [r(2, 4), r(6, 8)], b: [r(0, 10)], left: [] },
    {
      rule: 'one range of b can cut two ranges of a',
      a: [r(0, 4), r(6, 10)],
      b: [r(3, 7)],
      left: [r(0, 3), r(7, 10)],
    },
    {
      rule: 'several cuts in one range leave the pieces between',
      a: [r(0, 10)],
      b: [r(1, 2), r(4, 5), r(9, 11)],
      left: [r(0, 1), r(2, 4), r(5, 9)],
    },
  ])('$rule', ({ a, b, left }) => {
    expect(subtract(a, b)).toEqual(left)
  })
})

describe('properties: the algebra agrees with set membership', () => {
  // Small integer bounds make overlaps, touches and empties common. With integer bounds, whether
  // an instant is in a half-open range is settled by the integer below it, so testing every
  // integer from just below to just above the bounds tests every instant.
  const ranges = fc.array(
    fc.record({ start: fc.integer({ min: 0, max: 60 }), end: fc.integer({ min: 0, max: 60 }) }),
    { maxLength: 8 },
  )
  const instants = Array.from({ length: 64 }, (_, i) => i - 2)
  const has = (set: readonly Range[], t: number) => set.some((x) => x.start <= t && t < x.end)
  const isNormal = (set: readonly Range[]) =>
    set.every((x, i) => x.start < x.end && (i === 0 || set[i - 1]!.end < x.start))

  it('every result is normalized', () => {
    fc.assert(
      fc.property(ranges, ranges, (a, b) => {
        for (const result of [normalize(a), merge(a, b), intersect(a, b), subtract(a, b)]) {
          expect(isNormal(result)).toBe(true)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('membership of every instant follows set semantics', () => {
    fc.assert(
      fc.property(ranges, ranges, (a, b) => {
        const [normal, union, both, left] = [normalize(a), merge(a, b), intersect(a, b), subtract(a, b)]
        for (const t of instants) {
          expect(has(normal, t)).toBe(has(a, t))
          expect(has(union, t)).toBe(has(a, t) || has(b, t))
          expect(has(both, t)).toBe(has(a, t) && has(b, t))
          expect(has(left, t)).toBe(has(a, t) && !has(b, t))
        }
      }),
      { numRuns: 200 },
    )
  })

  it('normalize is idempotent: a normalized set is its own spelling', () => {
    fc.assert(
      fc.property(ranges, (a) => {
        expect(normalize(normalize(a))).toEqual(normalize(a))
      }),
    )
  })

  it('merge and intersect are commutative and associative', () => {
    fc.assert(
      fc.property(ranges, ranges, ranges, (a, b, c) => {
        expect(merge(a, b)).toEqual(merge(b, a))
        expect(intersect(a, b)).toEqual(intersect(b, a))
        expect(merge(merge(a, b), c)).toEqual(merge(a, merge(b, c)))
        expect(intersect(intersect(a, b), c)).toEqual(intersect(a, intersect(b, c)))
      }),
      { numRuns: 200 },
    )
  })

  it('subtract(a, b) shares nothing with b, and with intersect(a, b) rebuilds a', () => {
    fc.assert(
      fc.property(ranges, ranges, (a, b) => {
        expect(intersect(subtract(a, b), b)).toEqual([])
        expect(merge(intersect(a, b), subtract(a, b))).toEqual(normalize(a))
      }),
      { numRuns: 200 },
    )
  })
})
