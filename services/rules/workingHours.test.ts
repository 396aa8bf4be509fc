import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  addWorkingHours,
  DEFAULT_WORKING_WEEK,
  isWithinWorkingHours,
  nextWorkingInstant,
  overlappingBlocks,
  workingHoursErrors,
  type WorkingWeek,
} from './workingHours.ts'

const LISBON = 'Europe/Lisbon'
const at = (iso: string, zone = LISBON) => DateTime.fromISO(iso, { zone })
const local = (instant: DateTime, zone = LISBON) => instant.setZone(zone).toISO({ includeOffset: false })

describe('addWorkingHours: hours count only inside the person’s working blocks', () => {
  it.each([
    {
      rule: 'a blocking-style 4 working hours from Friday 16:00 lands Monday 12:00',
      from: '2026-03-20T16:00',
      hours: 4,
      lands: '2026-03-23T12:00:00.000',
    },
    {
      rule: '4 working hours from Tuesday 10:00 land Tuesday 14:00',
      from: '2026-03-17T10:00',
      hours: 4,
      lands: '2026-03-17T14:00:00.000',
    },
    {
      rule: 'hours asked on a Saturday start counting on Monday at 09:00',
      from: '2026-03-21T10:00',
      hours: 1,
      lands: '2026-03-23T10:00:00.000',
    },
    {
      rule: 'hours asked before the day starts start counting at 09:00',
      from: '2026-03-17T06:30',
      hours: 2,
      lands: '2026-03-17T11:00:00.000',
    },
    {
      rule: 'hours that run out exactly at a block end stop there, not at the next start',
      from: '2026-03-16T13:00',
      hours: 4,
      lands: '2026-03-16T17:00:00.000',
    },
    {
      rule: 'a 40-hour week from Monday 09:00 ends Friday 17:00',
      from: '2026-03-16T09:00',
      hours: 40,
      lands: '2026-03-20T17:00:00.000',
    },
    {
      rule: 'the 41st hour spills into the next Monday',
      from: '2026-03-16T09:00',
      hours: 41,
      lands: '2026-03-23T10:00:00.000',
    },
    {
      rule: 'half an hour is thirty minutes',
      from: '2026-03-16T16:45',
      hours: 0.5,
      lands: '2026-03-17T09:15:00.000',
    },
    {
      rule: 'zero hours outside the blocks is the next block’s start',
      from: '2026-03-20T17:00',
      hours: 0,
      lands: '2026-03-23T09:00:00.000',
    },
  ])('$rule', ({ from, hours, lands }) => {
    expect(local(addWorkingHours(at(from), hours, [], LISBON))).toBe(lands)
  })

  it('a lunch break is not working time', () => {
    const week = [1, 2, 3, 4, 5].flatMap((day) => [
      { day, start: '09:00', end: '12:00' },
      { day, start: '13:00', end: '17:00' },
    ])
    expect(local(addWorkingHours(at('2026-03-16T11:00'), 2, week, LISBON))).toBe('2026-03-16T14:00:00.000')
  })

  it('a night shift over midnight (20:00–24:00, then 00:00–04:00) counts straight through', () => {
    const week = [
      { day: 1, start: '20:00', end: '24:00' },
      { day: 2, start: '00:00', end: '04:00' },
    ]
    expect(local(addWorkingHours(at('2026-03-16T22:00'), 4, week, LISBON))).toBe('2026-03-17T02:00:00.000')
  })

  it('the hours are the person’s own: from a Lisbon Friday 16:00, a Kathmandu worker’s 4 hours end Monday 13:00 their time', () => {
    const lands = addWorkingHours(at('2026-03-20T16:00'), 4, [], 'Asia/Kathmandu')
    expect(local(lands, 'Asia/Kathmandu')).toBe('2026-03-23T13:00:00.000')
  })

  describe('time inside a block is real elapsed time, so DST changes its length', () => {
    const night = (day: number): WorkingWeek => [{ day, start: '00:00', end: '06:00' }]
    const NY = 'America/New_York'
    it.each([
      {
        rule: 'a block over a spring-forward holds 5 hours, not 6',
        from: '2024-03-10T00:00',
        hours: 5,
        lands: '2024-03-10T10:00:00.000Z',
      },
      {
        rule: 'the 6th hour after a spring-forward block comes a week later',
        from: '2024-03-10T00:00',
        hours: 6,
        lands: '2024-03-17T05:00:00.000Z',
      },
      {
        rule: 'a block over a fall-back holds 7 hours',
        from: '2024-11-03T00:00',
        hours: 7,
        lands: '2024-11-03T11:00:00.000Z',
      },
    ])('$rule', ({ from, hours, lands }) => {
      expect(addWorkingHours(at(from, NY), hours, night(7), NY).toUTC().toISO()).toBe(lands)
    })

    it('Lord Howe’s 30-minute spring-forward leaves 5½ hours in a 00:00–06:00 block', () => {
      const zone = 'Australia/Lord_Howe'
      const from = at('2024-10-06T00:00', zone)
      expect(local(addWorkingHours(from, 5.5, night(7), zone), zone)).toBe('2024-10-06T06:00:00.000')
      expect(local(addWorkingHours(from, 5.75, night(7), zone), zone)).toBe('2024-10-13T00:15:00.000')
    })
  })

  it.each([
    ['negative hours', () => addWorkingHours(at('2026-03-16T09:00'), -1, [], LISBON)],
    ['infinite hours', () => addWorkingHours(at('2026-03-16T09:00'), Infinity, [], LISBON)],
    ['an offset instead of a zone', () => addWorkingHours(at('2026-03-16T09:00'), 1, [], '+01:00')],
    [
      'a block that ends before it starts',
      () => addWorkingHours(at('2026-03-16T09:00'), 1, [{ day: 1, start: '17:00', end: '09:00' }], LISBON),
    ],
  ])('refuses %s', (_, call) => {
    expect(call).toThrow(RangeError)
  })
})

describe('isWithinWorkingHours and nextWorkingInstant', () => {
  it.each([
    ['Monday 09:00, the first minute', '2026-03-16T09:00', true],
    ['Monday 16:59', '2026-03-16T16:59', true],
    ['Monday 17:00, the block has ended', '2026-03-16T17:00', false],
    ['Monday 08:59', '2026-03-16T08:59', false],
    ['Saturday noon', '2026-03-21T12:00', false],
  ])('%s → %s', (_, iso, within) => {
    expect(isWithinWorkingHours(at(iso), [], LISBON)).toBe(within)
  })

  it.each([
    ['inside a block it is now', '2026-03-17T10:15', '2026-03-17T10:15:00.000'],
    ['after Friday’s block it is Monday 09:00', '2026-03-20T17:00', '2026-03-23T09:00:00.000'],
    ['early Monday it is 09:00 that day', '2026-03-16T03:00', '2026-03-16T09:00:00.000'],
  ])('%s', (_, iso, next) => {
    expect(local(nextWorkingInstant(at(iso), [], LISBON))).toBe(next)
  })

  it('an empty week means Monday to Friday, 09:00–17:00', () => {
    expect(DEFAULT_WORKING_WEEK).toEqual(
      [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
    )
  })
})

describe('workingHoursErrors: a block ends after it starts, on a real weekday', () => {
  it.each([
    { rule: 'a normal block is valid', block: { day: 1, start: '09:00', end: '17:00' }, errors: [] },
    { rule: 'a block may end at 24:00', block: { day: 7, start: '20:00', end: '24:00' }, errors: [] },
    {
      rule: 'an end before the start is invalid',
      block: { day: 1, start: '17:00', end: '09:00' },
      errors: [{ field: 'workingHours.0.end', message: 'must be after start' }],
    },
    {
      rule: 'an empty block is invalid',
      block: { day: 1, start: '09:00', end: '09:00' },
      errors: [{ field: 'workingHours.0.end', message: 'must be after start' }],
    },
    {
      rule: 'weekday 0 is invalid',
      block: { day: 0, start: '09:00', end: '17:00' },
      errors: [{ field: 'workingHours.0.day', message: 'must be an ISO weekday 1 (Monday) to 7 (Sunday)' }],
    },
    {
      rule: 'a start of 24:00 is invalid',
      block: { day: 1, start: '24:00', end: '24:00' },
      errors: [{ field: 'workingHours.0.start', message: 'must be local time HH:MM' }],
    },
    {
      rule: 'times are zero-padded HH:MM',
      block: { day: 1, start: '9:00', end: '17:60' },
      errors: [
        { field: 'workingHours.0.start', message: 'must be local time HH:MM' },
        { field: 'workingHours.0.end', message: 'must be local time HH:MM (24:00 allowed)' },
      ],
    },
  ])('$rule', ({ block, errors }) => {
    expect(workingHoursErrors([block])).toEqual(errors)
  })

  it('names the field under the caller’s prefix', () => {
    expect(
      workingHoursErrors([{ day: 1, start: '10:00', end: '09:00' }], 'input.workingHours')[0]?.field,
    ).toBe('input.workingHours.0.end')
  })
})

describe('properties', () => {
  const ZONES = [
    'UTC',
    LISBON,
    'America/New_York',
    'Australia/Lord_Howe',
    'America/Havana',
    'Asia/Kathmandu',
    'America/St_Johns',
  ]
  const hhmm = (quarter: number) =>
    `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`
  const week = fc.array(
    fc
      .record({
        day: fc.integer({ min: 1, max: 7 }),
        start: fc.integer({ min: 0, max: 95 }),
        length: fc.integer({ min: 1, max: 96 }),
      })
      .map(({ day, start, length }) => ({
        day,
        start: hhmm(start),
        end: hhmm(Math.min(start + length, 96)),
      })),
    { maxLength: 6 },
  )
  const instant = fc
    .date({ min: new Date('2000-01-01'), max: new Date('2045-12-31'), noInvalidDate: true })
    .map((date) => DateTime.fromJSDate(date))
  const minutes = fc.integer({ min: 0, max: 30 * 60 })
  const zone = fc.constantFrom(...ZONES)

  it('addWorkingHours never lands outside working hours, except exactly at a block end', () => {
    fc.assert(
      fc.property(instant, minutes, week, zone, (from, m, w, z) => {
        const lands = addWorkingHours(from, m / 60, w, z)
        expect(lands >= from).toBe(true)
        const inside =
          isWithinWorkingHours(lands, w, z) || isWithinWorkingHours(lands.minus({ milliseconds: 1 }), w, z)
        expect(inside).toBe(true)
      }),
    )
  })

  it('more hours never give an earlier deadline', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, week, zone, (from, a, b, w, z) => {
        const [fewer, more] = a <= b ? [a, b] : [b, a]
        expect(addWorkingHours(from, fewer / 60, w, z) <= addWorkingHours(from, more / 60, w, z)).toBe(true)
      }),
    )
  })

  it('working hours add up: a hours, then b hours, is a + b hours', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, week, zone, (from, a, b, w, z) => {
        const stepwise = addWorkingHours(addWorkingHours(from, a / 60, w, z), b / 60, w, z)
        expect(stepwise.toMillis()).toBe(addWorkingHours(from, (a + b) / 60, w, z).toMillis())
      }),
    )
  })

  it('the next working instant is never earlier and is always inside a block', () => {
    fc.assert(
      fc.property(instant, week, zone, (from, w, z) => {
        const next = nextWorkingInstant(from, w, z)
        expect(next >= from).toBe(true)
        expect(isWithinWorkingHours(next, w, z)).toBe(true)
      }),
    )
  })
})

describe('overlappingBlocks: each stretch of a day is stated once', () => {
  const block = (day: number, start: string, end: string) => ({ day, start, end })
  it.each([
    {
      rule: 'blocks on different days never overlap',
      week: [block(1, '09:00', '17:00'), block(2, '09:00', '17:00')],
      overlapping: [],
    },
    {
      rule: 'touching blocks do not overlap',
      week: [block(1, '09:00', '12:00'), block(1, '12:00', '17:00')],
      overlapping: [],
    },
    {
      rule: 'a block starting inside an earlier one overlaps it',
      week: [block(1, '09:00', '12:00'), block(1, '11:00', '17:00')],
      overlapping: [1],
    },
    {
      rule: 'a block inside an earlier one overlaps it',
      week: [block(3, '08:00', '18:00'), block(3, '10:00', '11:00')],
      overlapping: [1],
    },
    {
      rule: 'the later block is named, in either order of time',
      week: [block(5, '13:00', '17:00'), block(5, '09:00', '14:00')],
      overlapping: [1],
    },
    {
      rule: 'a malformed block is left to workingHoursErrors',
      week: [block(1, '09:00', '17:00'), block(1, '17:00', '10:00')],
      overlapping: [],
    },
  ])('$rule', ({ week, overlapping }) => {
    expect(overlappingBlocks(week)).toEqual(overlapping)
  })
})
