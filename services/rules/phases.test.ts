import { describe, expect, it } from 'vitest'
import { firstWeekdayOfMonth, isCadenceDay, monthsAfter, nextPhase, stepDownOn } from './phases.ts'

describe('phases (PRODUCT §2)', () => {
  it.each([
    ['2026-01-15', 6, '2026-07-15'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-03-31', 6, '2026-09-30'],
    ['2026-05-31', 12, '2027-05-31'],
  ])(
    'a mentorship started on %s reaches month %i on %s (the last day of a shorter month)',
    (start, months, expected) => {
      expect(monthsAfter(start, months)).toBe(expected)
    },
  )

  it('the step down to monthly is proposed at 6 months, to ad hoc at 12, to peer at 18', () => {
    expect(stepDownOn('2026-01-31', 'MONTHLY')).toBe('2026-07-31')
    expect(stepDownOn('2026-01-31', 'AD_HOC')).toBe('2027-01-31')
    expect(stepDownOn('2026-01-31', 'PEER')).toBe('2027-07-31')
  })

  it('phases step down weekly → monthly → ad hoc → peer, and no further', () => {
    expect(['WEEKLY', 'MONTHLY', 'AD_HOC', 'PEER', 'ENDED'].map((p) => nextPhase(p as never))).toEqual([
      'MONTHLY',
      'AD_HOC',
      'PEER',
      null,
      null,
    ])
  })

  it('the monthly check-in falls on the first pair weekday of each month', () => {
    expect(firstWeekdayOfMonth('2026-12-17', 5)).toBe('2026-12-04')
    expect(firstWeekdayOfMonth('2027-01-01', 5)).toBe('2027-01-01')
    expect(firstWeekdayOfMonth('2027-02-10', 1)).toBe('2027-02-01')
  })

  it('calls fall every 14 days and reviews every 28 from the start, not on the start day', () => {
    expect(isCadenceDay('2026-11-02', '2026-11-16', 14)).toBe(true)
    expect(isCadenceDay('2026-11-02', '2026-11-02', 14)).toBe(false)
    expect(isCadenceDay('2026-11-02', '2026-11-23', 14)).toBe(false)
    expect(isCadenceDay('2026-11-02', '2026-11-30', 28)).toBe(true)
  })
})
