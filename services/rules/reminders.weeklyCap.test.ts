import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { nudgeWeek, WEEKLY_CAP, withinWeeklyCap } from './reminders.ts'

const instant = (iso: string) => DateTime.fromISO(iso, { setZone: true })
const sent = (...isos: string[]) => isos.map(instant)

describe('withinWeeklyCap: at most five nudges a person per local ISO week', () => {
  const monToFri = sent(
    '2026-03-16T10:00:00Z',
    '2026-03-17T10:00:00Z',
    '2026-03-18T10:00:00Z',
    '2026-03-19T10:00:00Z',
    '2026-03-20T10:00:00Z',
  )

  it('the cap is five', () => {
    expect(WEEKLY_CAP).toBe(5)
  })

  it('a fifth is allowed, a sixth is not', () => {
    const friday = instant('2026-03-20T15:00:00Z')
    expect(withinWeeklyCap(monToFri.slice(0, 4), friday, 'Europe/Lisbon')).toBe(true)
    expect(withinWeeklyCap(monToFri, friday, 'Europe/Lisbon')).toBe(false)
  })

  it('last week’s nudges do not count this week', () => {
    expect(withinWeeklyCap(monToFri, instant('2026-03-23T09:00:00Z'), 'Europe/Lisbon')).toBe(true)
  })

  it('the week turns at Monday 00:00 in the recipient’s zone, not in UTC (St John’s, just after its DST change)', () => {
    const zone = 'America/St_Johns'
    // Sunday 8 March 23:59 NDT (−02:30) is already Monday in UTC, still Sunday for the recipient.
    const lastWeek = sent(
      '2026-03-02T12:00:00Z',
      '2026-03-03T12:00:00Z',
      '2026-03-04T12:00:00Z',
      '2026-03-05T12:00:00Z',
      '2026-03-06T12:00:00Z',
    )
    expect(withinWeeklyCap(lastWeek, instant('2026-03-08T23:59:00-02:30'), zone)).toBe(false)
    expect(withinWeeklyCap(lastWeek, instant('2026-03-09T00:00:00-02:30'), zone)).toBe(true)
    expect(nudgeWeek(instant('2026-03-09T02:29:00Z'), zone)).toBe('2026-03-02')
    expect(nudgeWeek(instant('2026-03-09T02:30:00Z'), zone)).toBe('2026-03-09')
  })

  it('the same instants fall in different weeks on either side of the dateline', () => {
    // Sunday 22 March 20:00 UTC: already Monday in Kiritimati (+14), still Sunday in Pago Pago (−11).
    const at = instant('2026-03-22T20:00:00Z')
    expect(nudgeWeek(at, 'Pacific/Kiritimati')).toBe('2026-03-23')
    expect(nudgeWeek(at, 'Pacific/Pago_Pago')).toBe('2026-03-16')
    // Five nudges at 12:00 UTC, Monday to Friday: the week of 16 March in both zones.
    const five = monToFri.map((d) => d.plus({ hours: 2 }))
    expect(withinWeeklyCap(five, at, 'Pacific/Kiritimati')).toBe(true)
    expect(withinWeeklyCap(five, at, 'Pacific/Pago_Pago')).toBe(false)
    // At 10:00 UTC on Monday it is still Sunday in Pago Pago: that one counted in the week before.
    expect(withinWeeklyCap(monToFri, at, 'Pacific/Pago_Pago')).toBe(true)
  })
})
