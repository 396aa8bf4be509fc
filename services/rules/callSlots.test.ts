import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  callPlan,
  fairSlot,
  leastInconvenientSlots,
  sharedSlots,
  workingRanges,
  type Attendee,
  type CallSlot,
  type RankedSlot,
  type Role,
  whoIsInconvenienced,
} from './callSlots.ts'
import type { Range } from './ranges.ts'
import { ZONES } from './testZones.ts'
import { isWithinWorkingHours, type WorkingWeek } from './workingHours.ts'

const NY = 'America/New_York'
const LISBON = 'Europe/Lisbon'
const KATHMANDU = 'Asia/Kathmandu'
const ST_JOHNS = 'America/St_Johns'
const LORD_HOWE = 'Australia/Lord_Howe'
const TOKYO = 'Asia/Tokyo'
const SAN_FRANCISCO = 'America/Los_Angeles'
const SINGAPORE = 'Asia/Singapore'

const person = (zone: string, workingHours: WorkingWeek = []): Attendee => ({ zone, workingHours })
const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' })
/** The local calendar day `date` in `zone`, as a from/to pair. */
const dayIn = (date: string, zone: string) => {
  const from = DateTime.fromISO(date, { zone })
  return { from, to: from.plus({ days: 1 }) }
}
const clock = (at: DateTime, zone: string) => at.setZone(zone).toFormat('HH:mm')
const starts = (slots: readonly CallSlot[], zone: string) => slots.map((slot) => clock(slot.start, zone))
/** Every quarter hour from `first` to `last`, inclusive, as HH:mm. */
const quarters = (first: string, last: string) => {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3))
  const all: string[] = []
  for (let m = minutes(first); m <= minutes(last); m += 15) {
    all.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`)
  }
  return all
}

describe('workingRanges: blocks placed by each date’s wall clock, as instants', () => {
  it.each([
    {
      rule: 'New York 09:00–17:00 is 14:00–22:00 UTC in winter',
      date: '2026-03-06',
      range: ['2026-03-06T14:00:00.000Z', '2026-03-06T22:00:00.000Z'],
    },
    {
      rule: 'the Monday after the spring-forward, the same block is an hour earlier in UTC',
      date: '2026-03-09',
      range: ['2026-03-09T13:00:00.000Z', '2026-03-09T21:00:00.000Z'],
    },
  ])('$rule', ({ date, range }) => {
    const { from, to } = dayIn(date, NY)
    const ranges = workingRanges(person(NY), from, to)
    expect(ranges.map((x) => [new Date(x.start).toISOString(), new Date(x.end).toISOString()])).toEqual([
      range,
    ])
  })

  it('a night shift over midnight (20:00–24:00, then 00:00–04:00) is one range of 8 hours', () => {
    const week = [
      { day: 1, start: '20:00', end: '24:00' },
      { day: 2, start: '00:00', end: '04:00' },
    ]
    const { from } = dayIn('2026-01-12', LISBON)
    const ranges = workingRanges(person(LISBON, week), from, from.plus({ days: 7 }))
    expect(ranges).toEqual([
      { start: utc('2026-01-12T20:00').toMillis(), end: utc('2026-01-13T04:00').toMillis() },
    ])
  })

  it('a block over the spring-forward night holds only the hours the clock shows: 00:00–06:00 is 5 hours', () => {
    const { from, to } = dayIn('2026-03-08', NY)
    const [range] = workingRanges(person(NY, [{ day: 7, start: '00:00', end: '06:00' }]), from, to)
    expect((range!.end - range!.start) / 3_600_000).toBe(5)
  })

  it('ranges are clipped to the span asked for', () => {
    const ranges = workingRanges(person(LISBON), utc('2026-01-12T10:00'), utc('2026-01-12T12:30'))
    expect(ranges).toEqual([
      { start: utc('2026-01-12T10:00').toMillis(), end: utc('2026-01-12T12:30').toMillis() },
    ])
  })
})

describe('sharedSlots: every grid slot inside both people’s working hours', () => {
  const newYorkAndLisbon = (date: string, durationMinutes = 30) => ({
    mentor: person(NY),
    mentee: person(LISBON),
    ...dayIn(date, 'UTC'),
    durationMinutes,
  })

  it.each([
    {
      rule: 'in winter a New York mentor and a Lisbon mentee share 09:00–12:00 New York (14:00–17:00 Lisbon)',
      date: '2026-01-14',
      newYork: quarters('09:00', '11:30'),
      lisbon: quarters('14:00', '16:30'),
    },
    {
      rule: 'the Friday before the US springs forward (8 March) the overlap is still 3 hours',
      date: '2026-03-06',
      newYork: quarters('09:00', '11:30'),
      lisbon: quarters('14:00', '16:30'),
    },
    {
      rule: 'once the US has sprung forward and Europe has not (9–27 March) it is an hour wider',
      date: '2026-03-09',
      newYork: quarters('09:00', '12:30'),
      lisbon: quarters('13:00', '16:30'),
    },
    {
      rule: 'the last Friday before Europe springs forward (29 March) it is still 4 hours',
      date: '2026-03-27',
      newYork: quarters('09:00', '12:30'),
      lisbon: quarters('13:00', '16:30'),
    },
    {
      rule: 'once both have sprung forward it is 3 hours again',
      date: '2026-03-30',
      newYork: quarters('09:00', '11:30'),
      lisbon: quarters('14:00', '16:30'),
    },
    {
      rule: 'in summer it is 3 hours',
      date: '2026-07-15',
      newYork: quarters('09:00', '11:30'),
      lisbon: quarters('14:00', '16:30'),
    },
    {
      rule: 'once Europe has fallen back (25 October) and the US has not (1 November) it is an hour wider',
      date: '2026-10-26',
      newYork: quarters('09:00', '12:30'),
      lisbon: quarters('13:00', '16:30'),
    },
    {
      rule: 'the Friday of that week it is still 4 hours',
      date: '2026-10-30',
      newYork: quarters('09:00', '12:30'),
      lisbon: quarters('13:00', '16:30'),
    },
    {
      rule: 'once both have fallen back it is 3 hours',
      date: '2026-11-02',
      newYork: quarters('09:00', '11:30'),
      lisbon: quarters('14:00', '16:30'),
    },
    { rule: 'on a Saturday nobody works, so there is no slot', date: '2026-01-17', newYork: [], lisbon: [] },
  ])('$rule', ({ date, newYork, lisbon }) => {
    const slots = sharedSlots(newYorkAndLisbon(date))
    expect(starts(slots, NY)).toEqual(newYork)
    expect(starts(slots, LISBON)).toEqual(lisbon)
    for (const slot of slots) {
      expect(slot.end.diff(slot.start).as('minutes')).toBe(30)
      expect(slot.inconvenientFor).toEqual([])
      expect(slot.start.zoneName).toBe('UTC')
    }
  })

  it.each([
    { rule: 'a 60-minute call fits 3 hours four quarter hours fewer times', duration: 60, last: '11:00' },
    { rule: 'a 3-hour call fits the 3-hour overlap exactly once', duration: 180, last: '09:00' },
    { rule: 'a 4-hour call does not fit a 3-hour overlap', duration: 240, last: null },
  ])('$rule', ({ duration, last }) => {
    const slots = sharedSlots(newYorkAndLisbon('2026-01-14', duration))
    expect(starts(slots, NY)).toEqual(last ? quarters('09:00', last) : [])
  })

  it.each([
    {
      rule: 'Kathmandu (+05:45) and Lisbon share 14:45–17:00 Kathmandu: slots start on Kathmandu quarter hours',
      mentor: KATHMANDU,
      mentee: LISBON,
      date: '2026-01-14',
      mentorClock: quarters('14:45', '16:30'),
      menteeClock: quarters('09:00', '10:45'),
    },
    {
      rule: 'St John’s (−03:30) and Lisbon share 09:00–13:30 St John’s, 12:30–17:00 Lisbon',
      mentor: ST_JOHNS,
      mentee: LISBON,
      date: '2026-01-14',
      mentorClock: quarters('09:00', '13:00'),
      menteeClock: quarters('12:30', '16:30'),
    },
    {
      rule: 'before Lord Howe’s 30-minute spring-forward (4 Oct) Tokyo’s 09:00 is 10:30 there: 6½ hours shared',
      mentor: LORD_HOWE,
      mentee: TOKYO,
      date: '2026-10-02',
      mentorClock: quarters('10:30', '16:30'),
      menteeClock: quarters('09:00', '15:00'),
    },
    {
      rule: 'after it Tokyo’s 09:00 is 11:00 on Lord Howe: 6 hours shared',
      mentor: LORD_HOWE,
      mentee: TOKYO,
      date: '2026-10-05',
      mentorClock: quarters('11:00', '16:30'),
      menteeClock: quarters('09:00', '14:30'),
    },
    {
      rule: 'after Lord Howe’s fall-back (5 April) it is 6½ hours again',
      mentor: LORD_HOWE,
      mentee: TOKYO,
      date: '2026-04-06',
      mentorClock: quarters('10:30', '16:30'),
      menteeClock: quarters('09:00', '15:00'),
    },
  ])('$rule', ({ mentor, mentee, date, mentorClock, menteeClock }) => {
    const slots = sharedSlots({
      mentor: person(mentor),
      mentee: person(mentee),
      ...dayIn(date, mentee),
      durationMinutes: 30,
    })
    expect(starts(slots, mentor)).toEqual(mentorClock)
    expect(starts(slots, mentee)).toEqual(menteeClock)
  })

  it('a day with a custom block (the mentee works 12:00–20:00 on Wednesdays) widens that day only', () => {
    const week = [
      ...[1, 2, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
      { day: 3, start: '12:00', end: '20:00' },
    ]
    const search = (date: string) => ({
      mentor: person(NY),
      mentee: person(LISBON, week),
      ...dayIn(date, 'UTC'),
      durationMinutes: 60,
    })
    // Wednesday: Lisbon 12:00–20:00 meets New York 09:00–17:00 (14:00–22:00 Lisbon) for 6 hours.
    expect(starts(sharedSlots(search('2026-01-14')), NY)).toEqual(quarters('09:00', '14:00'))
    expect(starts(sharedSlots(search('2026-01-14')), LISBON)).toEqual(quarters('14:00', '19:00'))
    // Thursday is the usual 3 hours.
    expect(starts(sharedSlots(search('2026-01-15')), NY)).toEqual(quarters('09:00', '11:00'))
  })

  it('slots keep to the span asked for: a span starting mid-slot starts at the next quarter hour', () => {
    const slots = sharedSlots({
      mentor: person(NY),
      mentee: person(LISBON),
      from: utc('2026-01-14T14:07'),
      to: utc('2026-01-14T15:00'),
      durationMinutes: 30,
    })
    expect(starts(slots, 'UTC')).toEqual(['14:15', '14:30'])
  })

  it('San Francisco and Singapore share no Monday–Friday 09:00–17:00 hours', () => {
    for (const date of ['2026-01-12', '2026-07-13']) {
      const { from } = dayIn(date, 'UTC')
      const search = {
        mentor: person(SAN_FRANCISCO),
        mentee: person(SINGAPORE),
        from,
        to: from.plus({ weeks: 1 }),
      }
      expect(sharedSlots({ ...search, durationMinutes: 15 })).toEqual([])
    }
  })

  describe('refuses input it cannot honour', () => {
    const valid = {
      mentor: person(NY),
      mentee: person(LISBON),
      ...dayIn('2026-01-14', 'UTC'),
      durationMinutes: 30,
    }
    it.each([
      ['a zero duration', { durationMinutes: 0 }, /durationMinutes/],
      ['a negative duration', { durationMinutes: -30 }, /durationMinutes/],
      ['a duration off the 15-minute grid', { durationMinutes: 20 }, /multiple of 15/],
      ['a fractional duration', { durationMinutes: 22.5 }, /durationMinutes/],
      ['a call longer than 8 hours', { durationMinutes: 495 }, /8 hours/],
      ['an empty span', { to: valid.from }, /from must be before to/],
      ['a span that ends before it starts', { from: valid.to, to: valid.from }, /from must be before to/],
      ['an invalid instant', { from: DateTime.invalid('test') }, /valid instant/],
      ['an offset instead of a zone', { mentor: person('+05:45') }, /mentor\.zone/],
      ['an unknown zone', { mentee: person('Mars/Olympus_Mons') }, /mentee\.zone/],
      [
        'a working block that ends before it starts',
        { mentee: person(LISBON, [{ day: 1, start: '17:00', end: '09:00' }]) },
        /mentee\.workingHours\.0\.end/,
      ],
    ])('refuses %s', (_, change, message) => {
      const args = { ...valid, ...change }
      expect(() => sharedSlots(args)).toThrow(RangeError)
      expect(() => sharedSlots(args)).toThrow(message)
      expect(() => leastInconvenientSlots(args)).toThrow(RangeError)
    })

    it('a call of exactly 8 hours is allowed', () => {
      expect(() => sharedSlots({ ...valid, durationMinutes: 480 })).not.toThrow()
    })
  })
})

describe('leastInconvenientSlots: when nothing suits both, the least inconvenient waking-hours slots', () => {
  it('San Francisco and Singapore in winter meet halfway: 16:45 Monday and 08:45 Tuesday, 15 minutes over for each', () => {
    const from = utc('2026-01-12T00:00')
    const ranked = leastInconvenientSlots({
      mentor: person(SAN_FRANCISCO),
      mentee: person(SINGAPORE),
      from,
      to: from.plus({ weeks: 1 }),
      durationMinutes: 30,
    })
    const best = ranked[0]!
    expect(best.start.setZone(SAN_FRANCISCO).toISO()).toBe('2026-01-12T16:45:00.000-08:00')
    expect(best.start.setZone(SINGAPORE).toISO()).toBe('2026-01-13T08:45:00.000+08:00')
    expect(best.minutesOutside).toEqual({ MENTOR: 15, MENTEE: 15 })
    expect(best.inconvenientFor).toEqual(['MENTOR', 'MENTEE'])
    // The same time on the other weekdays follows, before any 30-minute burden on one person.
    expect(ranked.slice(0, 4).map((s) => clock(s.start, SAN_FRANCISCO))).toEqual([
      '16:45',
      '16:45',
      '16:45',
      '16:45',
    ])
  })

  it('San Francisco and Singapore in summer (an hour apart): 30 minutes over for one of them', () => {
    const from = utc('2026-07-14T00:00') // a Tuesday in UTC, Monday evening in San Francisco
    const [best] = leastInconvenientSlots({
      mentor: person(SAN_FRANCISCO),
      mentee: person(SINGAPORE),
      from,
      to: from.plus({ days: 1 }),
      durationMinutes: 30,
    })
    // Earliest of the 30-minute burdens: Singapore's 09:00 is San Francisco's 18:00.
    expect(best!.start.setZone(SAN_FRANCISCO).toFormat('ccc HH:mm')).toBe('Mon 18:00')
    expect(best!.start.setZone(SINGAPORE).toFormat('ccc HH:mm')).toBe('Tue 09:00')
    expect(best!.minutesOutside).toEqual({ MENTOR: 30, MENTEE: 0 })
    expect(best!.inconvenientFor).toEqual(['MENTOR'])
  })

  it('no candidate starts before 06:00 or ends after 22:00 for either person', () => {
    const from = utc('2026-01-12T00:00')
    const ranked = leastInconvenientSlots({
      mentor: person(SAN_FRANCISCO),
      mentee: person(SINGAPORE),
      from,
      to: from.plus({ weeks: 2 }),
      durationMinutes: 60,
    })
    expect(ranked.length).toBeGreaterThan(0)
    for (const slot of ranked) {
      for (const zone of [SAN_FRANCISCO, SINGAPORE]) {
        expect(clock(slot.start, zone) >= '06:00').toBe(true)
        expect(slot.end.setZone(zone).toISODate()).toBe(slot.start.setZone(zone).toISODate())
        expect(clock(slot.end, zone) <= '22:00').toBe(true)
      }
    }
  })

  it('Kathmandu and St John’s (9¼ hours apart) cannot split the burden: the best costs one of them 30 minutes', () => {
    const ranked = leastInconvenientSlots({
      mentor: person(KATHMANDU),
      mentee: person(ST_JOHNS),
      ...dayIn('2026-01-14', 'UTC'),
      durationMinutes: 30,
    })
    const best = ranked.filter((s) => s.minutesOutside.MENTOR + s.minutesOutside.MENTEE === 30)
    // The mentee's early morning (inside the mentor's afternoon), then the mentor's evening.
    expect(best.map((s) => `${clock(s.start, KATHMANDU)}/${clock(s.start, ST_JOHNS)}`)).toEqual([
      ...quarters('15:15', '16:30').map((k, i) => `${k}/${quarters('06:00', '07:15')[i]}`),
      ...quarters('18:15', '21:30').map((k, i) => `${k}/${quarters('09:00', '12:15')[i]}`),
    ])
    expect(ranked[0]!.minutesOutside).toEqual({ MENTOR: 0, MENTEE: 30 })
  })
})

describe('fairSlot: whoever took the inconvenient time last time is spared it this time', () => {
  const slot = (start: string, mentor: number, mentee: number): RankedSlot => ({
    start: utc(start),
    end: utc(start).plus({ minutes: 30 }),
    inconvenientFor: (['MENTOR', 'MENTEE'] as const).filter((_, i) => [mentor, mentee][i]! > 0),
    minutesOutside: { MENTOR: mentor, MENTEE: mentee },
  })
  const mentorEarly = slot('2026-01-14T09:00', 15, 0)
  const menteeLate = slot('2026-01-14T18:00', 0, 60)
  const bothALittle = slot('2026-01-14T12:00', 15, 15)
  const menteeLater = slot('2026-01-15T18:00', 0, 60)
  const nobody = slot('2026-01-16T12:00', 0, 0)

  it.each([
    { rule: 'no candidates, no slot', candidates: [], last: null, pick: null },
    {
      rule: 'with no history, the least inconvenient overall',
      candidates: [menteeLate, bothALittle, mentorEarly],
      last: null,
      pick: mentorEarly,
    },
    {
      rule: 'after the mentor’s turn, a slot inconvenient only for the mentee wins, though it costs more',
      candidates: [mentorEarly, bothALittle, menteeLate],
      last: 'MENTOR',
      pick: menteeLate,
    },
    {
      rule: 'of the mentee’s slots, the least inconvenient, then the earliest',
      candidates: [menteeLater, slot('2026-01-15T17:00', 0, 45), menteeLate],
      last: 'MENTOR',
      pick: slot('2026-01-15T17:00', 0, 45),
    },
    {
      rule: 'after the mentee’s turn, with no slot inconvenient only for the mentor, the least inconvenient overall',
      candidates: [menteeLate, bothALittle],
      last: 'MENTEE',
      pick: bothALittle,
    },
    {
      rule: 'a slot inconvenient for both is not the other person’s turn',
      candidates: [bothALittle, mentorEarly],
      last: 'MENTOR',
      pick: mentorEarly,
    },
    {
      rule: 'a slot inconvenient for nobody beats anyone’s turn',
      candidates: [menteeLate, nobody],
      last: 'MENTOR',
      pick: nobody,
    },
  ] as Array<{ rule: string; candidates: RankedSlot[]; last: Role | null; pick: RankedSlot | null }>)(
    '$rule',
    ({ candidates, last, pick }) => {
      expect(fairSlot(candidates, last)).toEqual(pick)
    },
  )

  it('refuses a role it does not know', () => {
    expect(() => fairSlot([mentorEarly], 'ADMIN' as Role)).toThrow(RangeError)
  })
})

describe('callPlan: one call per 14 days, alternating who takes the inconvenient time', () => {
  const plan = (mentor: string, mentee: string, from: string, lastInconvenienced: Role | null, count = 4) =>
    callPlan({
      mentor: person(mentor),
      mentee: person(mentee),
      from: utc(from),
      count,
      durationMinutes: 30,
      lastInconvenienced,
    }).map((call) => `${call.start.toISO()} ${call.inconvenientFor.join('+') || 'nobody'}`)

  it('when working hours meet, each call is the earliest shared slot of its fortnight', () => {
    expect(plan(NY, LISBON, '2026-01-12T00:00', 'MENTEE', 3)).toEqual([
      '2026-01-12T14:00:00.000Z nobody',
      '2026-01-26T14:00:00.000Z nobody',
      '2026-02-09T14:00:00.000Z nobody',
    ])
  })

  it('a shared slot that opens only after the US springs forward is taken the day it opens', () => {
    // Each fortnight starts on a Wednesday; from 9 March the overlap starts at 13:00 UTC.
    expect(plan(NY, LISBON, '2026-03-04T00:00', null, 2)).toEqual([
      '2026-03-04T14:00:00.000Z nobody',
      '2026-03-18T13:00:00.000Z nobody',
    ])
  })

  it.each([
    {
      rule: 'Kathmandu mentor, St John’s mentee, no history: the mentee’s 06:00 first, then turns alternate',
      last: null,
      calls: [
        '2026-01-14T09:30:00.000Z MENTEE',
        '2026-01-28T12:30:00.000Z MENTOR',
        '2026-02-11T09:30:00.000Z MENTEE',
        '2026-02-25T12:30:00.000Z MENTOR',
      ],
    },
    {
      rule: 'when the mentee took the last inconvenient call, the mentor’s 18:15 comes first',
      last: 'MENTEE',
      calls: [
        '2026-01-14T12:30:00.000Z MENTOR',
        '2026-01-28T09:30:00.000Z MENTEE',
        '2026-02-11T12:30:00.000Z MENTOR',
        '2026-02-25T09:30:00.000Z MENTEE',
      ],
    },
  ] as Array<{ rule: string; last: Role | null; calls: string[] }>)('$rule', ({ last, calls }) => {
    expect(plan(KATHMANDU, ST_JOHNS, '2026-01-14T00:00', last)).toEqual(calls)
  })

  it.each([
    {
      rule: 'San Francisco and Singapore in winter, no history: every call splits the burden 15/15, and nobody owes a turn',
      last: null,
      calls: ['2026-01-13T00:45:00.000Z MENTOR+MENTEE', '2026-01-27T00:45:00.000Z MENTOR+MENTEE'],
    },
    {
      rule: 'after the mentor’s turn, the mentee’s turn beats the 15/15 split (Singapore 08:00), then the mentor’s (San Francisco 17:00)',
      last: 'MENTOR',
      calls: ['2026-01-13T00:00:00.000Z MENTEE', '2026-01-27T01:00:00.000Z MENTOR'],
    },
  ] as Array<{ rule: string; last: Role | null; calls: string[] }>)('$rule', ({ last, calls }) => {
    expect(plan(SAN_FRANCISCO, SINGAPORE, '2026-01-13T00:00', last, 2)).toEqual(calls)
  })

  it.each([
    ['no calls', 0],
    ['more than a year of calls', 27],
    ['a fraction of a call', 1.5],
  ])('refuses %s', (_, count) => {
    expect(() =>
      callPlan({
        mentor: person(NY),
        mentee: person(LISBON),
        from: utc('2026-01-12T00:00'),
        count,
        durationMinutes: 30,
        lastInconvenienced: null,
      }),
    ).toThrow(/count/)
  })
})

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

describe('whoIsInconvenienced: whoever spends part of the call outside their own hours', () => {
  const newYork = { zone: 'America/New_York', workingHours: [] }
  const lisbon = { zone: 'Europe/Lisbon', workingHours: [] }
  it.each([
    ['inside both days (10:00 New York, 15:00 Lisbon)', '2026-01-07T15:00:00Z', [] as string[]],
    ['after Lisbon’s day ends (12:30 New York, 17:30 Lisbon)', '2026-01-07T17:30:00Z', ['MENTEE']],
    ['before New York’s day starts (08:00 New York, 13:00 Lisbon)', '2026-01-07T13:00:00Z', ['MENTOR']],
    ['straddling New York’s 09:00 by 15 minutes', '2026-01-07T13:45:00Z', ['MENTOR']],
    ['on a Saturday, for both', '2026-01-10T15:00:00Z', ['MENTOR', 'MENTEE']],
  ])('%s', (_, start, expected) => {
    const at = DateTime.fromISO(start, { zone: 'utc' })
    expect(whoIsInconvenienced(newYork, lisbon, at, at.plus({ minutes: 30 }))).toEqual(expected)
  })
})
