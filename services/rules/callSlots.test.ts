import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { leastInconvenientSlots, sharedSlots, workingRanges, whoIsInconvenienced } from './callSlots.ts'

import {
  dayIn,
  KATHMANDU,
  LISBON,
  LORD_HOWE,
  NY,
  person,
  quarters,
  SAN_FRANCISCO,
  SINGAPORE,
  ST_JOHNS,
  starts,
  TOKYO,
  utc,
} from './callSlotCases.ts'

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
