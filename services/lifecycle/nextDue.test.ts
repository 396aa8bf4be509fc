import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { nextCheckInDue, scanNextCheckInDue } from './nextDue.ts'

const facts = {
  startedOn: '2026-11-02',
  menteeZone: 'Europe/Lisbon',
  checkInWeekday: 5,
  phase: 'WEEKLY' as const,
  paused: false,
  submittedWeeks: [],
}
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' })

describe('the next check-in due (PRODUCT §1)', () => {
  it('on a Wednesday the week’s check-in is due at the end of Friday in the mentee’s zone', () => {
    expect(nextCheckInDue(facts, at('2026-11-18T12:00:00Z'))?.toISO()).toBe('2026-11-21T00:00:00.000Z')
  })

  it('on the due day itself it is still this week’s, until the day ends', () => {
    expect(nextCheckInDue(facts, at('2026-11-20T22:00:00Z'))?.toISO()).toBe('2026-11-21T00:00:00.000Z')
  })

  it('once this week’s is submitted, the next is next week’s', () => {
    expect(
      nextCheckInDue({ ...facts, submittedWeeks: ['2026-11-16'] }, at('2026-11-18T12:00:00Z'))?.toISO(),
    ).toBe('2026-11-28T00:00:00.000Z')
  })

  it('monthly: the first pair weekday of the next month', () => {
    expect(nextCheckInDue({ ...facts, phase: 'MONTHLY' }, at('2026-12-10T12:00:00Z'))?.toISO()).toBe(
      '2027-01-02T00:00:00.000Z',
    )
  })

  it('nothing is due while paused, ad hoc or as peers', () => {
    expect(nextCheckInDue({ ...facts, paused: true }, at('2026-11-18T12:00:00Z'))).toBeNull()
    expect(nextCheckInDue({ ...facts, phase: 'AD_HOC' }, at('2026-11-18T12:00:00Z'))).toBeNull()
  })
})

describe('the next due is remembered per mentee day, and the memory changes no answer', () => {
  it('any instant across DST changes, zones and phases gives the scan’s own answer', () => {
    const zones = [
      'Europe/Lisbon',
      'America/St_Johns',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/Santiago',
    ]
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 400 * 24 * 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('WEEKLY' as const, 'MONTHLY' as const),
        fc.boolean(),
        (menteeZone, minutes, checkInWeekday, phase, submitted) => {
          const now = at('2026-01-05T00:00:00Z').plus({ minutes })
          const today = now.setZone(menteeZone).toISODate()!
          const week = DateTime.fromISO(today).startOf('week').toISODate()!
          const given = { ...facts, startedOn: '2026-01-05', menteeZone, checkInWeekday, phase }
          const f = { ...given, submittedWeeks: submitted ? [week] : [] }
          expect(nextCheckInDue(f, now)?.toISO() ?? null).toBe(
            scanNextCheckInDue(f, today, now)?.toISO() ?? null,
          )
        },
      ),
      { numRuns: 500 },
    )
  })
})
