import { describe, expect, it } from 'vitest'
import { callPlan, fairSlot, leastInconvenientSlots, type RankedSlot, type Role } from './callSlots.ts'

import {
  clock,
  dayIn,
  KATHMANDU,
  LISBON,
  NY,
  person,
  quarters,
  SAN_FRANCISCO,
  SINGAPORE,
  ST_JOHNS,
  utc,
} from './callSlotCases.ts'

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
