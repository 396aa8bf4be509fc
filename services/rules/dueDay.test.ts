import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { dueDateOf, endOfDueDay, isLate, localInstant, weekOf } from './week.ts'
import { utc, localDate, ZONES } from './testZones.ts'

describe('endOfDueDay: the due day ends when the mentee’s next local day starts', () => {
  it.each([
    {
      rule: 'in UTC the due day ends at midnight UTC',
      week: '2026-03-16',
      day: 5,
      zone: 'UTC',
      end: '2026-03-21T00:00:00.000Z',
    },
    {
      rule: 'in Kathmandu (+05:45) a Friday due day ends at 18:15 UTC',
      week: '2026-03-16',
      day: 5,
      zone: 'Asia/Kathmandu',
      end: '2026-03-20T18:15:00.000Z',
    },
    {
      rule: 'the due day ends at local midnight across a DST spring-forward in America/St_Johns (before)',
      week: '2025-03-03',
      day: 6,
      zone: 'America/St_Johns',
      end: '2025-03-09T03:30:00.000Z',
    },
    {
      rule: 'the due day ends at local midnight across a DST spring-forward in America/St_Johns (after)',
      week: '2025-03-03',
      day: 7,
      zone: 'America/St_Johns',
      end: '2025-03-10T02:30:00.000Z',
    },
    {
      rule: 'Lord Howe’s 30-minute spring-forward makes a 23½-hour Sunday that ends at +11:00',
      week: '2024-09-30',
      day: 7,
      zone: 'Australia/Lord_Howe',
      end: '2024-10-06T13:00:00.000Z',
    },
    {
      rule: 'the Saturday before Lord Howe’s spring-forward still ends at +10:30',
      week: '2024-09-30',
      day: 6,
      zone: 'Australia/Lord_Howe',
      end: '2024-10-05T13:30:00.000Z',
    },
    {
      rule: 'Lord Howe’s 30-minute fall-back makes a 24½-hour Sunday that ends at +10:30',
      week: '2024-04-01',
      day: 7,
      zone: 'Australia/Lord_Howe',
      end: '2024-04-07T13:30:00.000Z',
    },
    {
      rule: 'in Havana the day after a spring-forward starts at 01:00, so the due day ends then',
      week: '2024-03-04',
      day: 6,
      zone: 'America/Havana',
      end: '2024-03-10T05:00:00.000Z',
    },
    {
      rule: 'in Santiago the day after a spring-forward starts at 01:00, so the due day ends then',
      week: '2024-09-02',
      day: 6,
      zone: 'America/Santiago',
      end: '2024-09-08T04:00:00.000Z',
    },
    {
      rule: 'when Havana falls back from 01:00 to 00:00 the due day ends at the first midnight',
      week: '2024-10-28',
      day: 6,
      zone: 'America/Havana',
      end: '2024-11-03T04:00:00.000Z',
    },
    {
      rule: 'a 25-hour fall-back Sunday in New York ends at the next local midnight',
      week: '2024-10-28',
      day: 7,
      zone: 'America/New_York',
      end: '2024-11-04T05:00:00.000Z',
    },
    {
      rule: 'a due day before a day the zone skipped (Samoa, 2011-12-30) ends when the next real day starts',
      week: '2011-12-26',
      day: 4,
      zone: 'Pacific/Apia',
      end: '2011-12-30T10:00:00.000Z',
    },
  ])('$rule', ({ week, day, zone, end }) => {
    expect(utc(endOfDueDay(week, day, zone))).toBe(end)
  })

  it('the end of the due day is the first instant of the next local date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom(...ZONES),
        (date, day, zone) => {
          const week = weekOf(DateTime.fromJSDate(date), 'UTC')
          const end = endOfDueDay(week, day, zone)
          const due = DateTime.fromISO(dueDateOf(week, day), { zone: 'utc' })
          expect(localDate(end.minus({ milliseconds: 1 }), zone)).toBe(due.toISODate())
          expect(localDate(end, zone)).toBe(due.plus({ days: 1 }).toISODate())
        },
      ),
    )
  })
})

describe('localInstant: wall-clock times on a date in a zone', () => {
  it.each([
    {
      rule: 'a time skipped by a spring-forward moves to the end of the gap (New York 02:30 → 03:00)',
      date: '2024-03-10',
      minute: 150,
      zone: 'America/New_York',
      at: '2024-03-10T07:00:00.000Z',
    },
    {
      rule: 'a time repeated by a fall-back is its first occurrence (New York 01:30 EDT)',
      date: '2024-11-03',
      minute: 90,
      zone: 'America/New_York',
      at: '2024-11-03T05:30:00.000Z',
    },
    {
      rule: 'Lord Howe’s 02:15 falls in its half-hour gap and becomes 02:30',
      date: '2024-10-06',
      minute: 135,
      zone: 'Australia/Lord_Howe',
      at: '2024-10-05T15:30:00.000Z',
    },
  ])('$rule', ({ date, minute, zone, at }) => {
    expect(utc(localInstant(date, minute, zone))).toBe(at)
  })
})

describe('isLate: a check-in is late once the due day has ended', () => {
  it.each([
    {
      rule: '23:59 local on the due day in Kathmandu is on time',
      at: '2026-03-20T23:59:00+05:45',
      late: false,
    },
    { rule: '00:00 local the day after in Kathmandu is late', at: '2026-03-21T00:00:00+05:45', late: true },
    {
      rule: 'a Saturday submission is late in Kathmandu though still Friday in UTC',
      at: '2026-03-20T18:30:00Z',
      late: true,
    },
    {
      rule: 'a Friday submission in Kathmandu is on time though Thursday in UTC',
      at: '2026-03-19T20:00:00Z',
      late: false,
    },
  ])('$rule', ({ at, late }) => {
    expect(isLate(at, '2026-03-16', 5, 'Asia/Kathmandu')).toBe(late)
  })
})
