import { describe, expect, it } from 'vitest'
import { nextReviewAfter, nextReviewOn } from './reviews.ts'

describe('the monthly review falls every four weeks from the start', () => {
  it.each([
    // A start on the 31st: four weeks later, not "the 31st of next month" (February has none).
    ['2026-01-31', '2026-02-01', '2026-02-28'],
    ['2026-01-31', '2026-02-28', '2026-02-28'], // the review day itself is still the next review
    ['2026-01-31', '2026-03-01', '2026-03-28'],
    // The start day is not a review: the first comes four weeks in.
    ['2026-11-02', '2026-11-02', '2026-11-30'],
    // Across a year end and a leap day.
    ['2027-12-20', '2028-01-10', '2028-01-17'],
    ['2028-02-01', '2028-02-28', '2028-02-29'],
  ])('started %s, on %s the next review is %s', (startedOn, today, expected) => {
    expect(nextReviewOn(startedOn, today)).toBe(expected)
  })
})

describe('a held review moves the next one four weeks on', () => {
  it.each([
    // Held on its day: the next is four weeks later, even while that day is still today.
    ['on the day', '2026-02-28', '2026-02-28', '2026-03-28'],
    // Held three days early: it covers the coming date, so the next is the one after.
    ['three days early', '2026-02-25', '2026-02-25', '2026-03-28'],
    // Held five days late: it covered the date just past.
    ['five days late', '2026-03-05', '2026-03-05', '2026-03-28'],
    // Long after the last review, the cadence simply continues.
    ['months later', '2026-02-28', '2026-06-01', '2026-06-20'],
    ['never', null, '2026-02-28', '2026-02-28'],
  ])('held %s', (_, lastReviewOn, today, expected) => {
    expect(nextReviewAfter('2026-01-31', today, lastReviewOn)).toBe(expected)
  })
})
