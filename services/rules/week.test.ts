import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  canonicalZone,
  checkInStatus,
  dueDateOf,
  endOfDueDay,
  firstWeekOf,
  isIanaZone,
  isLate,
  isMonday,
  localInstant,
  weekOf,
  weeksBetween,
  type CheckInStatus,
} from './week.ts'

const utc = (at: DateTime) => at.toUTC().toISO()
const localDate = (at: DateTime, zone: string) => at.setZone(zone).toISODate()

// Zones chosen for their odd offsets and DST rules: 45-minute offsets, 30-minute DST, days that
// start at 01:00, days whose midnight happens twice, the dateline, and a fixed-offset Etc zone.
const ZONES = [
  'UTC',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'America/Havana',
  'America/Santiago',
  'America/New_York',
  'Europe/Lisbon',
  'Asia/Tehran',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Etc/GMT+12',
]

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

describe('isIanaZone: people’s zones are IANA names', () => {
  it.each([
    ['Asia/Kathmandu', true],
    ['America/St_Johns', true],
    ['UTC', true],
    ['Etc/GMT+5', true],
    ['GMT+0', true], // a real IANA link name, unlike UTC+1
    ['+05:00', false],
    ['-03:30', false],
    ['UTC+1', false],
    ['America/Nowhere', false],
    ['', false],
  ])('%s is %s', (name, valid) => {
    expect(isIanaZone(name)).toBe(valid)
  })
})

describe('canonicalZone: one zone is stored one way', () => {
  it.each([
    ['europe/lisbon', 'Europe/Lisbon'],
    ['utc', 'UTC'],
    ['etc/gmt+5', 'Etc/GMT+5'],
    ['AMERICA/ST_JOHNS', 'America/St_Johns'],
    ['Asia/Kathmandu', 'Asia/Kathmandu'], // current IANA name, though Intl resolves it to Asia/Katmandu
    ['US/Pacific', 'US/Pacific'],
    ['us/pacific', 'America/Los_Angeles'],
  ])('%s is stored as %s', (given, canonical) => {
    expect(canonicalZone(given)).toBe(canonical)
  })

  it('a name that is not a zone is refused, not guessed', () => {
    expect(() => canonicalZone('+05:00')).toThrow(RangeError)
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

describe('checkInStatus: DUE, SUBMITTED, LATE, REPLIED or MISSED', () => {
  const dueEnd = '2026-03-21T00:00:00Z'
  it.each<{ rule: string; submittedAt?: string; repliedAt?: string; now: string; status: CheckInStatus }>([
    { rule: 'nothing written before the due day ends is DUE', now: '2026-03-20T23:59:59Z', status: 'DUE' },
    { rule: 'nothing written when the due day has ended is MISSED', now: dueEnd, status: 'MISSED' },
    {
      rule: 'written on time is SUBMITTED',
      submittedAt: '2026-03-20T10:00:00Z',
      now: '2026-03-20T11:00:00Z',
      status: 'SUBMITTED',
    },
    {
      rule: 'written on time stays SUBMITTED after the due day',
      submittedAt: '2026-03-20T10:00:00Z',
      now: '2026-03-25T00:00:00Z',
      status: 'SUBMITTED',
    },
    {
      rule: 'written after the due day ended is LATE',
      submittedAt: '2026-03-21T00:00:00Z',
      now: '2026-03-22T00:00:00Z',
      status: 'LATE',
    },
    {
      rule: 'a reply makes it REPLIED',
      submittedAt: '2026-03-20T10:00:00Z',
      repliedAt: '2026-03-20T12:00:00Z',
      now: '2026-03-22T00:00:00Z',
      status: 'REPLIED',
    },
    {
      rule: 'a reply to a late check-in still makes it REPLIED',
      submittedAt: '2026-03-22T10:00:00Z',
      repliedAt: '2026-03-22T12:00:00Z',
      now: '2026-03-23T00:00:00Z',
      status: 'REPLIED',
    },
    {
      rule: 'a reply after now has not happened yet',
      submittedAt: '2026-03-20T10:00:00Z',
      repliedAt: '2026-03-20T12:00:00Z',
      now: '2026-03-20T11:00:00Z',
      status: 'SUBMITTED',
    },
    {
      rule: 'a submission after now has not happened yet',
      submittedAt: '2026-03-20T10:00:00Z',
      now: '2026-03-20T09:00:00Z',
      status: 'DUE',
    },
  ])('$rule', ({ submittedAt, repliedAt, now, status }) => {
    expect(checkInStatus({ submittedAt, repliedAt, dueEnd, now })).toBe(status)
  })

  it('as time passes a check-in’s status only moves forward: DUE → MISSED → SUBMITTED/LATE → REPLIED', () => {
    const rank: Record<CheckInStatus, number> = { DUE: 0, MISSED: 1, SUBMITTED: 2, LATE: 2, REPLIED: 3 }
    const hour = fc.integer({ min: 0, max: 24 * 14 })
    fc.assert(
      fc.property(
        hour,
        fc.option(hour),
        fc.option(hour),
        fc.array(hour, { minLength: 2 }),
        (end, sub, reply, nows) => {
          const at = (h: number) => DateTime.fromISO('2026-03-16T00:00:00Z').plus({ hours: h })
          const submittedAt = sub === null ? null : at(sub)
          const repliedAt = sub === null || reply === null ? null : at(sub + reply)
          const ranks = [...nows]
            .sort((a, b) => a - b)
            .map((now) => rank[checkInStatus({ submittedAt, repliedAt, dueEnd: at(end), now: at(now) })])
          expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
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
