import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { deadlineFor } from './responseWindow.ts'
import { expectDeadline, LISBON, NEW_YORK, responder, type Row } from './questionDeadlineCases.ts'

describe('a blocking question is due after 4 of the responder’s working hours, counted only inside those hours', () => {
  const ny = responder(NEW_YORK) // default week: Mon–Fri 09:00–17:00, EDT (UTC−4) from 8 March 2026
  it.each<Row>([
    // The plain case: all 4 hours fit in the same working day.
    {
      rule: 'asked inside hours (Tue 10:00) it is due 4 hours later the same day (14:00)',
      who: ny,
      asked: '2026-03-17T10:00',
      due: '2026-03-17T18:00:00.000Z',
      reads: '2026-03-17T14:00',
    },
    // Asked exactly at the block start: no time is lost or added at the boundary.
    {
      rule: 'asked at the start of the day (09:00) it is due at 13:00',
      who: ny,
      asked: '2026-03-17T09:00',
      due: '2026-03-17T17:00:00.000Z',
      reads: '2026-03-17T13:00',
    },
    // The hours run out exactly at the block end: due then, not at the next morning's start.
    {
      rule: 'asked at 13:00 it is due at 17:00, the end of the day, not the next morning',
      who: ny,
      asked: '2026-03-17T13:00',
      due: '2026-03-17T21:00:00.000Z',
      reads: '2026-03-17T17:00',
    },
    // The evening and night are not working time: 1½ hours today, 2½ tomorrow.
    {
      rule: 'asked at 15:30 it is due at 11:30 the next working day',
      who: ny,
      asked: '2026-03-17T15:30',
      due: '2026-03-18T15:30:00.000Z',
      reads: '2026-03-18T11:30',
    },
    // Before hours the clock has not started: counting starts at 09:00.
    {
      rule: 'asked before hours (06:30) it is due at 13:00 that day',
      who: ny,
      asked: '2026-03-17T06:30',
      due: '2026-03-17T17:00:00.000Z',
      reads: '2026-03-17T13:00',
    },
    // After hours counting waits for the next morning.
    {
      rule: 'asked after hours (20:00) it is due at 13:00 the next day',
      who: ny,
      asked: '2026-03-17T20:00',
      due: '2026-03-18T17:00:00.000Z',
      reads: '2026-03-18T13:00',
    },
    // Exactly at the block end (17:00) is already outside: nothing is counted that evening.
    {
      rule: 'asked at the end of the day (17:00) it is due at 13:00 the next day',
      who: ny,
      asked: '2026-03-19T17:00',
      due: '2026-03-20T17:00:00.000Z',
      reads: '2026-03-20T13:00',
    },
    // The classic: two hours on Friday, the weekend skipped, two hours on Monday.
    {
      rule: 'asked Friday 15:00 it rolls over the weekend to Monday 11:00',
      who: ny,
      asked: '2026-03-20T15:00',
      due: '2026-03-23T15:00:00.000Z',
      reads: '2026-03-23T11:00',
    },
    // Friday evening: nothing left on Friday, so all four hours are Monday's.
    {
      rule: 'asked Friday after hours it is due Monday 13:00',
      who: ny,
      asked: '2026-03-20T18:00',
      due: '2026-03-23T17:00:00.000Z',
      reads: '2026-03-23T13:00',
    },
    // The weekend is not working time at all.
    {
      rule: 'asked on Saturday it is due Monday 13:00',
      who: ny,
      asked: '2026-03-21T11:00',
      due: '2026-03-23T17:00:00.000Z',
      reads: '2026-03-23T13:00',
    },
    // The last minute of Sunday is still the weekend.
    {
      rule: 'asked late on Sunday night it is due Monday 13:00',
      who: ny,
      asked: '2026-03-22T23:59',
      due: '2026-03-23T17:00:00.000Z',
      reads: '2026-03-23T13:00',
    },
    // The responder's zone decides, not the asker's: Tue 09:00 in Tokyo is Mon 20:00 in New York,
    // after the responder's hours. Counting in Tokyo's zone would say Tue 13:00 JST (04:00Z).
    {
      rule: 'asked Tuesday 09:00 in Tokyo (Monday 20:00 for a New York responder) it is due Tuesday 13:00 New York time',
      who: ny,
      asked: '2026-03-17T09:00',
      askedIn: 'Asia/Tokyo',
      due: '2026-03-17T17:00:00.000Z',
      reads: '2026-03-17T13:00',
    },
    // The responder's own week counts: a lunch break is not working time.
    {
      rule: 'a lunch break (12:00–13:00) is skipped: asked 11:00, due 16:00',
      who: responder(
        NEW_YORK,
        [1, 2, 3, 4, 5].flatMap((day) => [
          { day, start: '09:00', end: '12:00' },
          { day, start: '13:00', end: '17:00' },
        ]),
      ),
      asked: '2026-03-17T11:00',
      due: '2026-03-17T20:00:00.000Z',
      reads: '2026-03-17T16:00',
    },
    // A part-time responder: Wednesday is not a working day for them.
    {
      rule: 'a responder working Tuesday and Thursday mornings: asked Tue 11:00, due Thu 11:00',
      who: responder(NEW_YORK, [
        { day: 2, start: '08:00', end: '12:00' },
        { day: 4, start: '08:00', end: '12:00' },
      ]),
      asked: '2026-03-17T11:00',
      due: '2026-03-19T15:00:00.000Z',
      reads: '2026-03-19T11:00',
    },
  ])('$rule', (row) => expectDeadline('BLOCKING', row))

  it('ignores the pair’s own window: a 72-hour wall-clock pair still gets 4 working hours', () => {
    const due = deadlineFor(
      { urgency: 'BLOCKING', askedAt: DateTime.fromISO('2026-03-20T15:00', { zone: NEW_YORK }) },
      { windowHours: 72, clock: 'WALL' },
      ny,
    )
    expect(due?.toISO()).toBe('2026-03-23T15:00:00.000Z')
  })
})

describe('a Friday afternoon before the clocks change: working hours follow the local clock', () => {
  const lisbon = responder(LISBON) // WET (UTC+0) until 29 March 2026 01:00Z, WEST (UTC+1) until 25 October
  const ny = responder(NEW_YORK) // EST (UTC−5) until 8 March 2026, EDT (UTC−4) until 1 November
  const nySaturdayNights = responder(NEW_YORK, [
    { day: 6, start: '22:00', end: '24:00' },
    { day: 7, start: '00:00', end: '04:00' },
  ])

  describe('blocking', () => {
    it.each<Row>([
      // Lisbon springs forward on Sunday 29 March: Monday 09:00 is 08:00Z, not 09:00Z.
      {
        rule: 'Lisbon, Friday 15:00 before the spring-forward: due Monday 11:00 summer time',
        who: lisbon,
        asked: '2026-03-27T15:00',
        due: '2026-03-30T10:00:00.000Z',
        reads: '2026-03-30T11:00',
      },
      // Lisbon falls back on Sunday 25 October: Monday 09:00 is 09:00Z again.
      {
        rule: 'Lisbon, Friday 15:00 before the fall-back: due Monday 11:00 winter time',
        who: lisbon,
        asked: '2026-10-23T15:00',
        due: '2026-10-26T11:00:00.000Z',
        reads: '2026-10-26T11:00',
      },
      // New York springs forward on Sunday 8 March: Friday is UTC−5, Monday UTC−4.
      {
        rule: 'New York, Friday 15:00 before the spring-forward: due Monday 11:00 EDT',
        who: ny,
        asked: '2026-03-06T15:00',
        due: '2026-03-09T15:00:00.000Z',
        reads: '2026-03-09T11:00',
      },
      // New York falls back on Sunday 1 November: Friday is UTC−4, Monday UTC−5.
      {
        rule: 'New York, Friday 15:00 before the fall-back: due Monday 11:00 EST',
        who: ny,
        asked: '2026-10-30T15:00',
        due: '2026-11-02T16:00:00.000Z',
        reads: '2026-11-02T11:00',
      },
      // A night worker whose block holds the spring-forward gap (02:00→03:00): Sunday 00:00–04:00
      // is only 3 real hours. 2 hours Saturday night, then 2 real hours from 00:00 EST, which the
      // clock shows as 03:00 EDT (the rule counts real elapsed time inside a block).
      {
        rule: 'a Saturday-night worker over the spring-forward: 4 real hours end at 03:00 EDT',
        who: nySaturdayNights,
        asked: '2026-03-07T22:00',
        due: '2026-03-08T07:00:00.000Z',
        reads: '2026-03-08T03:00',
      },
    ])('$rule', (row) => expectDeadline('BLOCKING', row))
  })

  describe('this week, on the working clock', () => {
    it.each<Row>([
      // 2 hours on Friday, 6 on Monday after the spring-forward.
      {
        rule: 'Lisbon, 8 working hours from Friday 15:00 before the spring-forward: Monday 15:00 summer time',
        who: lisbon,
        asked: '2026-03-27T15:00',
        windowHours: 8,
        clock: 'WORKING',
        due: '2026-03-30T14:00:00.000Z',
        reads: '2026-03-30T15:00',
      },
      {
        rule: 'Lisbon, 8 working hours from Friday 15:00 before the fall-back: Monday 15:00 winter time',
        who: lisbon,
        asked: '2026-10-23T15:00',
        windowHours: 8,
        clock: 'WORKING',
        due: '2026-10-26T15:00:00.000Z',
        reads: '2026-10-26T15:00',
      },
      {
        rule: 'New York, 8 working hours from Friday 15:00 before the spring-forward: Monday 15:00 EDT',
        who: ny,
        asked: '2026-03-06T15:00',
        windowHours: 8,
        clock: 'WORKING',
        due: '2026-03-09T19:00:00.000Z',
        reads: '2026-03-09T15:00',
      },
      // 2 + 8 hours run out exactly at Monday's block end.
      {
        rule: 'New York, 10 working hours from Friday 15:00 before the fall-back: Monday 17:00 EST, the end of the day',
        who: ny,
        asked: '2026-10-30T15:00',
        windowHours: 10,
        clock: 'WORKING',
        due: '2026-11-02T22:00:00.000Z',
        reads: '2026-11-02T17:00',
      },
      // Three whole working days spanning the Lisbon spring-forward: Thu, Fri, Mon.
      {
        rule: 'Lisbon, 24 working hours from Thursday 09:00 before the spring-forward: Monday 17:00 summer time',
        who: lisbon,
        asked: '2026-03-26T09:00',
        windowHours: 24,
        clock: 'WORKING',
        due: '2026-03-30T16:00:00.000Z',
        reads: '2026-03-30T17:00',
      },
      // Saturday 22:00–24:00 (2h) + Sunday 00:00–04:00, shortened to 3 real hours: exactly 5.
      {
        rule: 'a Saturday-night worker: 5 working hours fill the night shortened by the spring-forward',
        who: nySaturdayNights,
        asked: '2026-03-07T22:00',
        windowHours: 5,
        clock: 'WORKING',
        due: '2026-03-08T08:00:00.000Z',
        reads: '2026-03-08T04:00',
      },
      // The 6th hour is not in that short night: it comes at 23:00 the next Saturday.
      {
        rule: 'a Saturday-night worker: the 6th working hour over the spring-forward waits a week',
        who: nySaturdayNights,
        asked: '2026-03-07T22:00',
        windowHours: 6,
        clock: 'WORKING',
        due: '2026-03-15T03:00:00.000Z',
        reads: '2026-03-14T23:00',
      },
      // The fall-back night is 5 real hours long (01:00–02:00 happens twice): 2 + 4 hours end
      // at 08:00Z, which the clock shows as 03:00 EST.
      {
        rule: 'a Saturday-night worker: 6 working hours over the fall-back end at 03:00 EST',
        who: nySaturdayNights,
        asked: '2026-10-31T22:00',
        windowHours: 6,
        clock: 'WORKING',
        due: '2026-11-01T08:00:00.000Z',
        reads: '2026-11-01T03:00',
      },
      // Repeated times take their first occurrence: a Sunday 01:30–03:00 block on the fall-back
      // night starts at the first 01:30 (EDT, 05:30Z) and runs to 03:00 EST (08:00Z), 2½ hours.
      // Two hours into it the clock reads 02:30 EST. Starting at the second 01:30 would give 03:30.
      {
        rule: 'a block starting inside the repeated hour starts at its first occurrence',
        who: responder(NEW_YORK, [{ day: 7, start: '01:30', end: '03:00' }]),
        asked: '2026-10-31T12:00',
        windowHours: 2,
        clock: 'WORKING',
        due: '2026-11-01T07:30:00.000Z',
        reads: '2026-11-01T02:30',
      },
      // Skipped times start at the end of the gap: a Sunday 02:30–04:00 block on the spring-forward
      // night starts when the clock jumps to 03:00 EDT (07:00Z), not at a shifted 03:30.
      {
        rule: 'a block starting inside the skipped hour starts when the clock reappears at 03:00',
        who: responder(NEW_YORK, [{ day: 7, start: '02:30', end: '04:00' }]),
        asked: '2026-03-07T12:00',
        windowHours: 0.5,
        clock: 'WORKING',
        due: '2026-03-08T07:30:00.000Z',
        reads: '2026-03-08T03:30',
      },
    ])('$rule', (row) => expectDeadline('THIS_WEEK', row))
  })
})
