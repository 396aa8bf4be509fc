import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  dueDateOf,
  epochDay,
  firstWeekOf,
  localDateAt,
  isMonday,
  weekdayOf,
  weekOf,
  weeksBetween,
} from './week.ts'
import { localDate, ZONES } from './testZones.ts'

describe('weekOf: the week is the mentee’s local week, starting Monday', () => {
  it.each([
    {
      rule: 'the week of a Sunday-evening submission in Kathmandu is the Monday before',
      at: '2026-03-15T20:00:00+05:45',
      zone: 'Asia/Kathmandu',
      week: '2026-03-09',
    },
    {
      rule: 'a Sunday-evening UTC instant is already Monday in Kathmandu, so it starts the new week',
      at: '2026-03-15T20:00:00Z',
      zone: 'Asia/Kathmandu',
      week: '2026-03-16',
    },
    {
      rule: 'a Monday-morning UTC instant is still Sunday in Los Angeles',
      at: '2026-03-16T02:00:00Z',
      zone: 'America/Los_Angeles',
      week: '2026-03-09',
    },
    {
      rule: 'local Monday 00:00 in Auckland starts the week',
      at: '2026-03-15T11:00:00Z',
      zone: 'Pacific/Auckland',
      week: '2026-03-16',
    },
    {
      rule: 'one millisecond before local Monday in Auckland is the week before',
      at: '2026-03-15T10:59:59.999Z',
      zone: 'Pacific/Auckland',
      week: '2026-03-09',
    },
    {
      rule: 'a week that starts in December belongs to its Monday, across the new year',
      at: '2026-01-01T12:00:00Z',
      zone: 'UTC',
      week: '2025-12-29',
    },
    {
      rule: 'at +14:00 in Kiritimati Monday starts while UTC is still on Sunday morning',
      at: '2026-03-15T10:00:00Z',
      zone: 'Pacific/Kiritimati',
      week: '2026-03-16',
    },
  ])('$rule', ({ at, zone, week }) => {
    expect(weekOf(at, zone)).toBe(week)
  })

  it('takes a Luxon DateTime in any zone: only the instant matters', () => {
    const at = DateTime.fromISO('2026-03-15T22:00:00', { zone: 'America/New_York' })
    expect(weekOf(at, 'Europe/Lisbon')).toBe('2026-03-16')
    expect(weekOf(at, 'America/New_York')).toBe('2026-03-09')
  })

  it('refuses an ISO string without an offset, which would be read in the host’s zone', () => {
    expect(() => weekOf('2026-03-15T22:00:00', 'UTC')).toThrow(RangeError)
    expect(() => weekOf('2026-03-15', 'UTC')).toThrow(RangeError)
  })

  it('refuses a zone that is not an IANA name', () => {
    expect(() => weekOf('2026-03-15T22:00:00Z', '+05:45')).toThrow(RangeError)
  })

  it('weekOf is always a Monday within the 7 days up to the instant’s local date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1975-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.constantFrom(...ZONES),
        (date, zone) => {
          const at = DateTime.fromJSDate(date)
          const week = weekOf(at, zone)
          const days = DateTime.fromISO(localDate(at, zone)!, { zone: 'utc' })
            .diff(DateTime.fromISO(week, { zone: 'utc' }), 'days')
            .as('days')
          expect(isMonday(week)).toBe(true)
          expect(days).toBeGreaterThanOrEqual(0)
          expect(days).toBeLessThan(7)
        },
      ),
    )
  })
})

describe('isMonday and dueDateOf: the due day is the pair’s weekday in that week', () => {
  it.each([
    ['2026-03-16', true],
    ['2026-03-15', false],
    ['2026-02-30', false],
    ['16/03/2026', false],
  ])('isMonday(%s) is %s', (date, monday) => {
    expect(isMonday(date)).toBe(monday)
  })

  it.each([
    { rule: 'a Monday check-in is due on the Monday itself', week: '2026-03-16', day: 1, due: '2026-03-16' },
    {
      rule: 'a Friday check-in is due four days after the Monday',
      week: '2026-03-16',
      day: 5,
      due: '2026-03-20',
    },
    { rule: 'a Sunday check-in can fall in the next month', week: '2026-03-30', day: 7, due: '2026-04-05' },
  ])('$rule', ({ week, day, due }) => {
    expect(dueDateOf(week, day)).toBe(due)
  })

  it.each([
    ['a week that does not start on Monday', '2026-03-17', 1],
    ['weekday 0', '2026-03-16', 0],
    ['weekday 8', '2026-03-16', 8],
    ['a fractional weekday', '2026-03-16', 1.5],
  ])('refuses %s', (_, week, day) => {
    expect(() => dueDateOf(week, day)).toThrow(RangeError)
  })
})

describe('weeksBetween: the weeks a mentorship has run', () => {
  it.each([
    {
      rule: 'a Wednesday start counts its own week, then every Monday through the last week',
      from: '2026-03-04',
      until: '2026-03-30',
      weeks: ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'],
    },
    {
      rule: 'a start and end in one week is one week',
      from: '2026-03-16',
      until: '2026-03-22',
      weeks: ['2026-03-16'],
    },
    {
      rule: 'a Sunday start belongs to the week that began the Monday before',
      from: '2026-03-22',
      until: '2026-03-23',
      weeks: ['2026-03-16', '2026-03-23'],
    },
    {
      rule: 'weeks run across the new year',
      from: '2025-12-24',
      until: '2026-01-05',
      weeks: ['2025-12-22', '2025-12-29', '2026-01-05'],
    },
    { rule: 'an end before the start gives no weeks', from: '2026-03-16', until: '2026-03-09', weeks: [] },
  ])('$rule', ({ from, until, weeks }) => {
    expect(weeksBetween(from, until)).toEqual(weeks)
  })

  it('every week listed is a Monday, 7 days after the one before, and the first holds the start', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2060-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 120 }),
        (date, days) => {
          const from = DateTime.fromJSDate(date, { zone: 'utc' })
          const weeks = weeksBetween(from.toISODate()!, from.plus({ days }).toISODate()!)
          expect(weeks.every(isMonday)).toBe(true)
          expect(weeks[0]).toBe(weekOf(from, 'UTC'))
          weeks.slice(1).forEach((week, i) => {
            expect(DateTime.fromISO(week).diff(DateTime.fromISO(weeks[i]!), 'days').days).toBe(7)
          })
        },
      ),
    )
  })
})

describe('the first week of a mentorship', () => {
  it.each([
    ['2026-09-27', 5, '2026-09-28'],
    ['2026-09-23', 5, '2026-09-21'],
    ['2026-09-25', 5, '2026-09-21'],
    ['2026-09-26', 5, '2026-09-28'],
  ])(
    'a start on %s with check-ins due on weekday %i has its first week on %s',
    (startedOn, weekday, first) => {
      expect(firstWeekOf(startedOn, weekday)).toBe(first)
    },
  )
})

describe('a date is a date: day arithmetic needs no zone', () => {
  const dates = fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2199-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10))

  it('addDays, epochDay and weekdayOf agree with the calendar (Luxon) over three centuries', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -800, max: 800 }), (date, days) => {
        const luxon = DateTime.fromISO(date, { zone: 'utc' })
        expect(addDays(date, days)).toBe(luxon.plus({ days }).toISODate())
        expect(epochDay(addDays(date, days)) - epochDay(date)).toBe(days)
        expect(weekdayOf(date)).toBe(luxon.weekday)
      }),
      { numRuns: 2000 },
    )
  })

  it.each(['2026-02-30', '2026-13-01', '2026-1-05', '0099-01-01x', ''])(
    'refuses %j rather than rolling it over',
    (date) => {
      expect(() => epochDay(date)).toThrow(RangeError)
      expect(() => weekdayOf(date)).toThrow(RangeError)
    },
  )

  it('crosses leap days and year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31')
  })
})

describe('localDateAt: the date on the local clock, remembered per zone for the day', () => {
  it('agrees with Luxon for instants in any order, around DST changes and midnights', () => {
    const instants = fc
      .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') })
      .map((ms) => DateTime.fromMillis(ms, { zone: 'utc' }))
    fc.assert(
      fc.property(
        fc.array(fc.tuple(instants, fc.constantFrom(...ZONES)), { minLength: 1, maxLength: 30 }),
        (asks) => {
          for (const [at, zone] of asks) expect(localDateAt(at, zone)).toBe(localDate(at, zone))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('moves to the next date at the local midnight, even on Havana’s day that starts at 01:00', () => {
    const start = DateTime.fromISO('2026-03-08T05:00:00Z') // 00:00 → 01:00 in Havana that night
    for (let minutes = 0; minutes < 48 * 60; minutes += 7) {
      const at = start.plus({ minutes })
      expect(localDateAt(at, 'America/Havana')).toBe(localDate(at, 'America/Havana'))
    }
  })
})
