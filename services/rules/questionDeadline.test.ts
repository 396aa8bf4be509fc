import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  deadlineFor,
  type QuestionUrgency,
  type Responder,
  type ResponseClock,
  type ResponseWindow,
} from './responseWindow.ts'
import { ZONES } from './testZones.ts'
import { DEFAULT_WORKING_WEEK, type WorkingWeek } from './workingHours.ts'

/**
 * Question deadlines (PRODUCT §3), checked against instants worked out by hand. Every expected
 * deadline below is written as a UTC instant (`due`) and as what the responder's own clock reads
 * then (`reads`); neither is computed by the code under test.
 */

const NEW_YORK = 'America/New_York'
const LISBON = 'Europe/Lisbon'

const responder = (zone: string, workingHours: WorkingWeek = []): Responder => ({ zone, workingHours })

/** A night shift: 22:00 to 06:00 the next morning, starting Monday to Friday nights. */
const NIGHTS: WorkingWeek = [1, 2, 3, 4, 5].flatMap((day) => [
  { day, start: '22:00', end: '24:00' },
  { day: day + 1, start: '00:00', end: '06:00' },
])

interface Row {
  rule: string
  who: Responder
  /** Local wall-clock time of the question, in the responder's zone unless `askedIn` says otherwise. */
  asked: string
  askedIn?: string
  windowHours?: number
  clock?: ResponseClock
  /** The deadline as a UTC instant. */
  due: string
  /** What the responder's clock reads at the deadline. */
  reads: string
}

function deadlineOf(urgency: QuestionUrgency, row: Row): DateTime | null {
  const askedAt = DateTime.fromISO(row.asked, { zone: row.askedIn ?? row.who.zone })
  expect(askedAt.isValid).toBe(true)
  // The pair's window defaults to 24 wall-clock hours; a blocking question must ignore it.
  const pair: ResponseWindow = { windowHours: row.windowHours ?? 24, clock: row.clock ?? 'WALL' }
  return deadlineFor({ urgency, askedAt }, pair, row.who)
}

function expectDeadline(urgency: QuestionUrgency, row: Row) {
  const deadline = deadlineOf(urgency, row)
  expect(deadline?.toISO()).toBe(row.due)
  expect(deadline?.setZone(row.who.zone).toFormat("yyyy-MM-dd'T'HH:mm")).toBe(row.reads)
}

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

describe('30- and 45-minute offsets are counted to the minute', () => {
  const kolkata = responder('Asia/Kolkata') // UTC+05:30, no DST
  const kathmandu = responder('Asia/Kathmandu') // UTC+05:45, no DST
  const adelaide = responder('Australia/Adelaide') // UTC+10:30 until 5 April 2026, +09:30, +10:30 from 4 October
  const stJohns = responder('America/St_Johns') // UTC−03:30, −02:30 from 8 March to 1 November 2026

  it.each<{ urgency: QuestionUrgency } & Row>([
    // A half-hour offset: 17:00 IST is 11:30Z, 09:00 IST is 03:30Z.
    {
      rule: 'Kolkata (+05:30): blocking, asked Wed 15:00, due Thu 11:00',
      urgency: 'BLOCKING',
      who: kolkata,
      asked: '2026-03-18T15:00',
      due: '2026-03-19T05:30:00.000Z',
      reads: '2026-03-19T11:00',
    },
    // Asked on a round UTC hour that is a half hour locally: 1½ hours today, 2½ tomorrow.
    {
      rule: 'Kolkata (+05:30): blocking, asked 10:00Z (15:30 IST), due 11:30 IST the next day',
      urgency: 'BLOCKING',
      who: kolkata,
      asked: '2026-03-16T10:00',
      askedIn: 'UTC',
      due: '2026-03-17T06:00:00.000Z',
      reads: '2026-03-17T11:30',
    },
    // ½ hour on Friday, 7½ on Monday.
    {
      rule: 'Kolkata (+05:30): 8 working hours from Friday 16:30 end Monday 16:30',
      urgency: 'THIS_WEEK',
      who: kolkata,
      asked: '2026-03-20T16:30',
      windowHours: 8,
      clock: 'WORKING',
      due: '2026-03-23T11:00:00.000Z',
      reads: '2026-03-23T16:30',
    },
    // A 45-minute offset: Friday 16:00Z is 21:45 in Kathmandu, after hours.
    {
      rule: 'Kathmandu (+05:45): blocking, asked Friday 16:00Z (21:45 local), due Monday 13:00',
      urgency: 'BLOCKING',
      who: kathmandu,
      asked: '2026-03-20T16:00',
      askedIn: 'UTC',
      due: '2026-03-23T07:15:00.000Z',
      reads: '2026-03-23T13:00',
    },
    // 08:00Z is 13:45 local: 3¼ hours today, ¾ hour tomorrow.
    {
      rule: 'Kathmandu (+05:45): blocking, asked 13:45 local, due 09:45 the next day',
      urgency: 'BLOCKING',
      who: kathmandu,
      asked: '2026-03-17T08:00',
      askedIn: 'UTC',
      due: '2026-03-18T04:00:00.000Z',
      reads: '2026-03-18T09:45',
    },
    {
      rule: 'Kathmandu (+05:45): 8 working hours from Tue 14:30 end Wed 14:30',
      urgency: 'THIS_WEEK',
      who: kathmandu,
      asked: '2026-03-17T14:30',
      windowHours: 8,
      clock: 'WORKING',
      due: '2026-03-18T08:45:00.000Z',
      reads: '2026-03-18T14:30',
    },
    // A half-hour zone whose DST ends on Sunday 5 April: Friday +10:30, Monday +09:30.
    {
      rule: 'Adelaide: blocking, asked Friday 15:00 before DST ends, due Monday 11:00 standard time',
      urgency: 'BLOCKING',
      who: adelaide,
      asked: '2026-04-03T15:00',
      due: '2026-04-06T01:30:00.000Z',
      reads: '2026-04-06T11:00',
    },
    // DST starts on Sunday 4 October: Monday 09:00 ACDT is 22:30Z on Sunday.
    {
      rule: 'Adelaide: blocking, asked Friday 15:00 before DST starts, due Monday 11:00 summer time',
      urgency: 'BLOCKING',
      who: adelaide,
      asked: '2026-10-02T15:00',
      due: '2026-10-05T00:30:00.000Z',
      reads: '2026-10-05T11:00',
    },
    // 24 wall hours across the end of DST: the clock reads an hour earlier.
    {
      rule: 'Adelaide: 24 wall-clock hours from Saturday 10:00 across the end of DST end at 09:00',
      urgency: 'THIS_WEEK',
      who: adelaide,
      asked: '2026-04-04T10:00',
      windowHours: 24,
      clock: 'WALL',
      due: '2026-04-04T23:30:00.000Z',
      reads: '2026-04-05T09:00',
    },
    // A negative half-hour zone across its spring-forward: Friday −03:30, Monday −02:30.
    {
      rule: 'St John’s: blocking, asked Friday 15:00 before the spring-forward, due Monday 11:00 NDT',
      urgency: 'BLOCKING',
      who: stJohns,
      asked: '2026-03-06T15:00',
      due: '2026-03-09T13:30:00.000Z',
      reads: '2026-03-09T11:00',
    },
    {
      rule: 'St John’s: blocking, asked Friday 15:00 before the fall-back, due Monday 11:00 NST',
      urgency: 'BLOCKING',
      who: stJohns,
      asked: '2026-10-30T15:00',
      due: '2026-11-02T14:30:00.000Z',
      reads: '2026-11-02T11:00',
    },
    // ½ hour on Tuesday, 2½ on Wednesday.
    {
      rule: 'St John’s: 3 working hours from Tue 16:30 end Wed 11:30',
      urgency: 'THIS_WEEK',
      who: stJohns,
      asked: '2026-03-17T16:30',
      windowHours: 3,
      clock: 'WORKING',
      due: '2026-03-18T14:00:00.000Z',
      reads: '2026-03-18T11:30',
    },
  ])('$rule', ({ urgency, ...row }) => expectDeadline(urgency, row))
})

describe('working days that cross midnight UTC, and working blocks that cross local midnight', () => {
  const losAngeles = responder('America/Los_Angeles') // PST (UTC−8) in January: 09:00–17:00 is 17:00Z–01:00Z
  const auckland = responder('Pacific/Auckland') // NZDT (UTC+13) in January: 09:00–17:00 is 20:00Z–04:00Z
  const kolkataNights = responder('Asia/Kolkata', NIGHTS) // 22:00–06:00 IST is 16:30Z–00:30Z

  it.each<{ urgency: QuestionUrgency } & Row>([
    // The working day ends at 01:00Z the next UTC date: 2 hours on Tuesday, 2 on Wednesday.
    {
      rule: 'Los Angeles: blocking, asked Tue 15:00, due Wed 11:00',
      urgency: 'BLOCKING',
      who: losAngeles,
      asked: '2026-01-13T15:00',
      due: '2026-01-14T19:00:00.000Z',
      reads: '2026-01-14T11:00',
    },
    // Already Wednesday in UTC, still Tuesday's working day locally: ½ hour of it is left.
    {
      rule: 'Los Angeles: blocking, asked Tue 16:30 (Wednesday 00:30Z), ½ hour counts on Tuesday',
      urgency: 'BLOCKING',
      who: losAngeles,
      asked: '2026-01-13T16:30',
      due: '2026-01-14T20:30:00.000Z',
      reads: '2026-01-14T12:30',
    },
    // Saturday in UTC but Friday's working hour locally: it counts, then Monday.
    {
      rule: 'Los Angeles: blocking, asked Friday 16:00 (Saturday 00:00Z), 1 hour Friday, due Monday 12:00',
      urgency: 'BLOCKING',
      who: losAngeles,
      asked: '2026-01-16T16:00',
      due: '2026-01-19T20:00:00.000Z',
      reads: '2026-01-19T12:00',
    },
    // The deadline itself lands on the next UTC date (Tuesday 00:00Z).
    {
      rule: 'Los Angeles: 8 working hours from Friday 16:00 end Monday 16:00 (Tuesday 00:00Z)',
      urgency: 'THIS_WEEK',
      who: losAngeles,
      asked: '2026-01-16T16:00',
      windowHours: 8,
      clock: 'WORKING',
      due: '2026-01-20T00:00:00.000Z',
      reads: '2026-01-19T16:00',
    },
    // Still Sunday in UTC, Monday 08:00 locally: counting starts at 09:00 Monday.
    {
      rule: 'Auckland: blocking, asked Monday 08:00 (Sunday 19:00Z), due Monday 13:00 (00:00Z)',
      urgency: 'BLOCKING',
      who: auckland,
      asked: '2026-01-12T08:00',
      due: '2026-01-12T00:00:00.000Z',
      reads: '2026-01-12T13:00',
    },
    // A Monday-morning deadline that is a Sunday in UTC.
    {
      rule: 'Auckland: blocking, asked Friday 15:00, due Monday 11:00 (Sunday 22:00Z)',
      urgency: 'BLOCKING',
      who: auckland,
      asked: '2026-01-16T15:00',
      due: '2026-01-18T22:00:00.000Z',
      reads: '2026-01-19T11:00',
    },
    // Asked on a UTC Sunday that is already Monday working time in Auckland.
    {
      rule: 'Auckland: blocking, asked Sunday 21:00Z (Monday 10:00 local), due Monday 14:00',
      urgency: 'BLOCKING',
      who: auckland,
      asked: '2026-01-18T21:00',
      askedIn: 'UTC',
      due: '2026-01-19T01:00:00.000Z',
      reads: '2026-01-19T14:00',
    },
    // DST ends on Sunday 5 April: Friday +13, Monday +12.
    {
      rule: 'Auckland: blocking, asked Friday 15:00 before DST ends, due Monday 11:00 (Sunday 23:00Z)',
      urgency: 'BLOCKING',
      who: auckland,
      asked: '2026-04-03T15:00',
      due: '2026-04-05T23:00:00.000Z',
      reads: '2026-04-06T11:00',
    },
    // A night shift is two blocks (22:00–24:00, then 00:00–06:00): counting runs straight through
    // local midnight. 1 hour Monday night, 3 hours Tuesday morning.
    {
      rule: 'night shift: blocking, asked Monday 23:00, due Tuesday 03:00 straight through midnight',
      urgency: 'BLOCKING',
      who: kolkataNights,
      asked: '2026-03-16T23:00',
      due: '2026-03-16T21:30:00.000Z',
      reads: '2026-03-17T03:00',
    },
    // Asked at noon, between shifts: counting starts at 22:00, due the next local date but still
    // the same UTC date.
    {
      rule: 'night shift: blocking, asked Monday 12:00, due Tuesday 02:00',
      urgency: 'BLOCKING',
      who: kolkataNights,
      asked: '2026-03-16T12:00',
      due: '2026-03-16T20:30:00.000Z',
      reads: '2026-03-17T02:00',
    },
    // The last shift runs Friday 22:00 to Saturday 06:00; the next one starts Monday 22:00.
    {
      rule: 'night shift: blocking, asked Saturday 05:00, 1 hour left, due Tuesday 01:00',
      urgency: 'BLOCKING',
      who: kolkataNights,
      asked: '2026-03-21T05:00',
      due: '2026-03-23T19:30:00.000Z',
      reads: '2026-03-24T01:00',
    },
    // A full shift (2 + 6 hours) ends exactly at the block end, 06:00.
    {
      rule: 'night shift: 8 working hours from Monday 22:00 end at Tuesday 06:00',
      urgency: 'THIS_WEEK',
      who: kolkataNights,
      asked: '2026-03-16T22:00',
      windowHours: 8,
      clock: 'WORKING',
      due: '2026-03-17T00:30:00.000Z',
      reads: '2026-03-17T06:00',
    },
    // The 9th hour is in the next night's shift.
    {
      rule: 'night shift: 9 working hours from Monday 22:00 end at Tuesday 23:00',
      urgency: 'THIS_WEEK',
      who: kolkataNights,
      asked: '2026-03-16T22:00',
      windowHours: 9,
      clock: 'WORKING',
      due: '2026-03-17T17:30:00.000Z',
      reads: '2026-03-17T23:00',
    },
  ])('$rule', ({ urgency, ...row }) => expectDeadline(urgency, row))
})

describe('a this-week question on the wall clock is due exactly windowHours elapsed hours later', () => {
  const ny = responder(NEW_YORK)
  const wall = { windowHours: 24, clock: 'WALL' as const }

  it.each<Row>([
    // The default window: 24 hours, same time tomorrow.
    {
      rule: '24 hours from Tuesday 10:00 is Wednesday 10:00',
      who: ny,
      asked: '2026-03-17T10:00',
      ...wall,
      due: '2026-03-18T14:00:00.000Z',
      reads: '2026-03-18T10:00',
    },
    // Working hours play no part on the wall clock: the deadline may fall on a Saturday.
    {
      rule: 'the wall clock runs through the weekend: Friday 16:00 → Saturday 16:00',
      who: ny,
      asked: '2026-03-20T16:00',
      ...wall,
      due: '2026-03-21T20:00:00.000Z',
      reads: '2026-03-21T16:00',
    },
    // …and at night.
    {
      rule: 'the wall clock runs at night: Tuesday 23:00 → Wednesday 23:00',
      who: ny,
      asked: '2026-03-17T23:00',
      ...wall,
      due: '2026-03-19T03:00:00.000Z',
      reads: '2026-03-18T23:00',
    },
    // As documented: 24 elapsed hours across a spring-forward read an hour later on the clock.
    {
      rule: 'Lisbon: 24 hours across the spring-forward, Saturday 10:00 → Sunday 11:00 on the clock',
      who: responder(LISBON),
      asked: '2026-03-28T10:00',
      ...wall,
      due: '2026-03-29T10:00:00.000Z',
      reads: '2026-03-29T11:00',
    },
    {
      rule: 'New York: 24 hours across the spring-forward, Saturday 10:00 → Sunday 11:00 on the clock',
      who: ny,
      asked: '2026-03-07T10:00',
      ...wall,
      due: '2026-03-08T15:00:00.000Z',
      reads: '2026-03-08T11:00',
    },
    // …and an hour earlier across a fall-back.
    {
      rule: 'Lisbon: 24 hours across the fall-back, Saturday 10:00 → Sunday 09:00 on the clock',
      who: responder(LISBON),
      asked: '2026-10-24T10:00',
      ...wall,
      due: '2026-10-25T09:00:00.000Z',
      reads: '2026-10-25T09:00',
    },
    // Lord Howe's DST is 30 minutes: the clock reads half an hour later.
    {
      rule: 'Lord Howe: 24 hours across its 30-minute spring-forward read 10:30 on the clock',
      who: responder('Australia/Lord_Howe'),
      asked: '2026-10-03T10:00',
      ...wall,
      due: '2026-10-03T23:30:00.000Z',
      reads: '2026-10-04T10:30',
    },
    {
      rule: 'St John’s: 24 hours across the spring-forward, Saturday 12:00 → Sunday 13:00 on the clock',
      who: responder('America/St_Johns'),
      asked: '2026-03-07T12:00',
      ...wall,
      due: '2026-03-08T15:30:00.000Z',
      reads: '2026-03-08T13:00',
    },
    // A week-long window over the DST change: 168 elapsed hours.
    {
      rule: '168 hours from Friday 15:00 across the spring-forward read Friday 16:00',
      who: ny,
      asked: '2026-03-06T15:00',
      windowHours: 168,
      clock: 'WALL',
      due: '2026-03-13T20:00:00.000Z',
      reads: '2026-03-13T16:00',
    },
    // Fractions of an hour are kept.
    {
      rule: '1½ hours from 10:00 is 11:30',
      who: ny,
      asked: '2026-03-17T10:00',
      windowHours: 1.5,
      clock: 'WALL',
      due: '2026-03-17T15:30:00.000Z',
      reads: '2026-03-17T11:30',
    },
    // A zero window is due at once, even outside working hours.
    {
      rule: 'a zero-hour window is due the moment it is asked, even on a Saturday night',
      who: ny,
      asked: '2026-03-21T23:00',
      windowHours: 0,
      clock: 'WALL',
      due: '2026-03-22T03:00:00.000Z',
      reads: '2026-03-21T23:00',
    },
  ])('$rule', (row) => expectDeadline('THIS_WEEK', row))
})

describe('a this-week question on the working clock is due after N of the responder’s working hours', () => {
  const ny = responder(NEW_YORK)
  const working = (windowHours: number) => ({ windowHours, clock: 'WORKING' as const })

  it.each<Row>([
    // One full working day later.
    {
      rule: '8 working hours from Tuesday 10:00 end Wednesday 10:00',
      who: ny,
      asked: '2026-03-17T10:00',
      ...working(8),
      due: '2026-03-18T14:00:00.000Z',
      reads: '2026-03-18T10:00',
    },
    // Two whole days end at the second day's block end, not the third morning.
    {
      rule: '16 working hours from Monday 09:00 end Tuesday 17:00',
      who: ny,
      asked: '2026-03-16T09:00',
      ...working(16),
      due: '2026-03-17T21:00:00.000Z',
      reads: '2026-03-17T17:00',
    },
    // A default week holds exactly 40 hours.
    {
      rule: '40 working hours from Monday 09:00 end Friday 17:00',
      who: ny,
      asked: '2026-03-16T09:00',
      ...working(40),
      due: '2026-03-20T21:00:00.000Z',
      reads: '2026-03-20T17:00',
    },
    {
      rule: 'the 41st working hour spills into the next Monday',
      who: ny,
      asked: '2026-03-16T09:00',
      ...working(41),
      due: '2026-03-23T14:00:00.000Z',
      reads: '2026-03-23T10:00',
    },
    // 1 hour Friday + 8 Monday + 8 Tuesday + 7 Wednesday.
    {
      rule: '24 working hours from Friday 16:00 end Wednesday 16:00',
      who: ny,
      asked: '2026-03-20T16:00',
      ...working(24),
      due: '2026-03-25T20:00:00.000Z',
      reads: '2026-03-25T16:00',
    },
    // 1 hour Tuesday + 1¼ Wednesday.
    {
      rule: '2¼ working hours from Tuesday 16:00 end Wednesday 10:15',
      who: ny,
      asked: '2026-03-17T16:00',
      ...working(2.25),
      due: '2026-03-18T14:15:00.000Z',
      reads: '2026-03-18T10:15',
    },
    // Zero working hours outside hours: the next block's start, not the asked-at instant.
    {
      rule: 'zero working hours asked on Saturday are due Monday 09:00',
      who: ny,
      asked: '2026-03-21T11:00',
      ...working(0),
      due: '2026-03-23T13:00:00.000Z',
      reads: '2026-03-23T09:00',
    },
    // Zero working hours inside hours: at once.
    {
      rule: 'zero working hours asked inside hours are due at once',
      who: ny,
      asked: '2026-03-17T10:15',
      ...working(0),
      due: '2026-03-17T14:15:00.000Z',
      reads: '2026-03-17T10:15',
    },
    // A 4-hour working window agrees with the blocking rule.
    {
      rule: '4 working hours from Friday 15:00 end Monday 11:00, like a blocking question',
      who: ny,
      asked: '2026-03-20T15:00',
      ...working(4),
      due: '2026-03-23T15:00:00.000Z',
      reads: '2026-03-23T11:00',
    },
  ])('$rule', (row) => expectDeadline('THIS_WEEK', row))
})

describe('a can-wait question is due at the pair’s next check-in or call, or has no deadline', () => {
  const ny = responder(NEW_YORK)
  const askedAt = DateTime.fromISO('2026-03-17T10:00', { zone: NEW_YORK })
  const canWait = (pair: ResponseWindow & { nextTouchpoint?: DateTime | null }, who = ny) =>
    deadlineFor({ urgency: 'CAN_WAIT', askedAt }, pair, who)

  it.each([
    // The touchpoint is an instant: written in another zone, it is the same deadline.
    {
      rule: 'the next check-in, written in Kathmandu time, is the deadline',
      touchpoint: DateTime.fromISO('2026-03-19T09:00', { zone: 'Asia/Kathmandu' }),
      pair: { windowHours: 24, clock: 'WALL' as const },
      due: '2026-03-19T03:15:00.000Z',
    },
    // Working hours do not move a scheduled call, even one on Saturday night.
    {
      rule: 'a call on Saturday night is the deadline, not moved into working hours',
      touchpoint: DateTime.fromISO('2026-03-21T22:00', { zone: NEW_YORK }),
      pair: { windowHours: 24, clock: 'WALL' as const },
      due: '2026-03-22T02:00:00.000Z',
    },
    // The pair's window and clock play no part.
    {
      rule: 'a call weeks away is the deadline whatever the pair’s window',
      touchpoint: DateTime.fromISO('2026-04-02T15:00:00Z'),
      pair: { windowHours: 4, clock: 'WORKING' as const },
      due: '2026-04-02T15:00:00.000Z',
    },
  ])('$rule', ({ touchpoint, pair, due }) => {
    const deadline = canWait({ ...pair, nextTouchpoint: touchpoint })
    expect(deadline?.toISO()).toBe(due)
    expect(deadline?.zoneName).toBe('UTC')
  })

  it.each([
    ['no touchpoint scheduled (null)', null],
    ['no touchpoint given at all', undefined],
  ])('%s: no deadline', (_, nextTouchpoint) => {
    expect(canWait({ windowHours: 24, clock: 'WALL', nextTouchpoint })).toBeNull()
  })
})

/* ------------------------------------------------------------------------------------------------
 * Properties. The oracles here are written from the rule's documentation, not from its code:
 * a block of a local date runs from the first instant the responder's clock reaches its start to
 * the first instant it reaches its end (skipped times start at the end of the gap, repeated times
 * take their first occurrence), and time inside a block is real elapsed time.
 * --------------------------------------------------------------------------------------------- */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
const blocksOf = (week: WorkingWeek) => (week.length > 0 ? week : DEFAULT_WORKING_WEEK)

const offsetAt = (t: number, zone: string) => DateTime.fromMillis(t, { zone }).offset
/** The responder's clock reading at `t`, as local epoch milliseconds (the reading written as if UTC). */
const readingAt = (t: number, zone: string) => t + offsetAt(t, zone) * MINUTE

/**
 * The furthest the responder's clock has got by `t`. After a fall-back the clock repeats
 * readings; since a block boundary is the first instant the clock reaches it, an instant inside
 * a block is one whose furthest reading so far is between the block's start and end.
 */
function furthestReading(t: number, zone: string): number {
  const reading = readingAt(t, zone)
  let lo = t - 3 * HOUR // longer than any fall-back in the tested zones
  let hi = t
  const before = offsetAt(lo, zone)
  if (before <= offsetAt(hi, zone)) return reading
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (offsetAt(mid, zone) === before) lo = mid
    else hi = mid
  }
  return Math.max(reading, readingAt(lo, zone))
}

/** Inside a block (start included, end excluded), judged from the responder's clock alone. */
function insideBlock(t: number, week: WorkingWeek, zone: string): boolean {
  const reading = DateTime.fromMillis(furthestReading(t, zone), { zone: 'utc' })
  const minute = (reading.toMillis() - reading.startOf('day').toMillis()) / MINUTE
  return blocksOf(week).some(
    (b) => b.day === reading.weekday && minutesOf(b.start) <= minute && minute < minutesOf(b.end),
  )
}

/** Inside a block, or exactly at a block's end. */
const insideOrAtEnd = (t: number, week: WorkingWeek, zone: string) =>
  insideBlock(t, week, zone) || insideBlock(t - 1, week, zone)

/**
 * The first instant at which the responder's clock has reached `reading` (local epoch ms): a
 * block's start or end. Found by bisection on the furthest reading, which never goes back.
 */
function firstInstantReaching(reading: number, zone: string): number {
  let lo = reading - 16 * HOUR // before any offset can have the clock there
  let hi = reading + 16 * HOUR
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (furthestReading(mid, zone) >= reading) hi = mid
    else lo = mid
  }
  return hi
}

/** Working time (ms) between two instants: the overlap with every block of every local date. */
function workingMsBetween(from: number, to: number, week: WorkingWeek, zone: string): number {
  let total = 0
  const first = Math.floor(readingAt(from, zone) / DAY) - 1
  const last = Math.floor(furthestReading(to, zone) / DAY) + 1
  for (let day = first; day <= last; day++) {
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1 // 1970-01-01 was a Thursday
    const ranges = blocksOf(week)
      .filter((b) => b.day === weekday)
      .map((b) => [minutesOf(b.start), minutesOf(b.end)] as const)
      .sort((a, b) => a[0] - b[0])
    // Overlapping blocks are not double time: merge them before measuring.
    const merged: [number, number][] = []
    for (const [start, end] of ranges) {
      const previous = merged.at(-1)
      if (previous && start <= previous[1]) previous[1] = Math.max(previous[1], end)
      else merged.push([start, end])
    }
    for (const [start, end] of merged) {
      const s = firstInstantReaching(day * DAY + start * MINUTE, zone)
      const e = firstInstantReaching(day * DAY + end * MINUTE, zone)
      total += Math.max(0, Math.min(e, to) - Math.max(s, from))
    }
  }
  return total
}

describe('properties of question deadlines', () => {
  const MORE_ZONES = [
    'Asia/Kolkata',
    'Australia/Adelaide',
    'Pacific/Auckland',
    'America/Los_Angeles',
    'Africa/Casablanca',
  ]
  const zone = fc.constantFrom(...ZONES, ...MORE_ZONES)
  const askedAt = fc
    .date({
      min: new Date('2026-01-01T00:00:00Z'),
      max: new Date('2027-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    })
    .map((date) => DateTime.fromJSDate(date, { zone: 'utc' }))
  // Uniform instants seldom land near a clock change, where the rule is most likely to slip: half
  // of the questions are asked in the three days before one of the zone's changes, or two after.
  const changes = new Map<string, number[]>()
  const changesOf = (z: string): number[] => {
    let days = changes.get(z)
    if (!days) {
      days = []
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += DAY) {
        if (offsetAt(t, z) !== offsetAt(t + DAY, z)) days.push(t)
      }
      changes.set(z, days)
    }
    return days
  }
  const zoneAndAskedAt = zone.chain((z) => {
    const days = changesOf(z)
    if (days.length === 0) return fc.tuple(fc.constant(z), askedAt)
    const nearChange = fc
      .tuple(fc.constantFrom(...days), fc.integer({ min: -72 * 60, max: 48 * 60 }))
      .map(([day, minutes]) => DateTime.fromMillis(day + minutes * MINUTE, { zone: 'utc' }))
    return fc.tuple(fc.constant(z), fc.oneof(askedAt, nearChange))
  })
  // Valid blocks on a 5-minute grid, up to '24:00'; an empty week means the default week. Half of
  // the blocks have both ends in the small hours, where the clocks change.
  const block = (startSlots: number, lengthSlots: number) =>
    fc
      .record({
        day: fc.integer({ min: 1, max: 7 }),
        start: fc.integer({ min: 0, max: startSlots }),
        length: fc.integer({ min: 1, max: lengthSlots }),
      })
      .map(({ day, start, length }) => ({
        day,
        start: hhmm(start * 5),
        end: hhmm(Math.min(start + length, 288) * 5),
      }))
  const week: fc.Arbitrary<WorkingWeek> = fc.array(fc.oneof(block(287, 288), block(60, 24)), { maxLength: 5 })
  const hours = fc.integer({ min: 0, max: 160 }).map((quarters) => quarters / 4)
  const clock = fc.constantFrom<ResponseClock>('WALL', 'WORKING')
  // The working clock, reached both ways; a blocking question's pair is on the wall clock, to show
  // that the pair's own clock plays no part.
  const workingUrgency = fc.constantFrom<{ urgency: QuestionUrgency; clock: ResponseClock }>(
    { urgency: 'BLOCKING', clock: 'WALL' },
    { urgency: 'THIS_WEEK', clock: 'WORKING' },
  )
  const runs = { numRuns: 150 }

  const due = (
    urgency: QuestionUrgency,
    at: DateTime,
    windowHours: number,
    c: ResponseClock,
    who: Responder,
  ): DateTime => {
    const deadline = deadlineFor({ urgency, askedAt: at }, { windowHours, clock: c }, who)
    expect(deadline).not.toBeNull()
    return deadline!
  }

  it('a working-clock deadline (blocking or this week) falls inside a working block or exactly at its end', () => {
    fc.assert(
      fc.property(zoneAndAskedAt, hours, week, workingUrgency, ([z, at], h, w, { urgency, clock: c }) => {
        const deadline = due(urgency, at, h, c, responder(z, w))
        expect(insideOrAtEnd(deadline.toMillis(), w, z)).toBe(true)
      }),
      runs,
    )
  })

  it('a working-clock deadline holds exactly the window’s working hours, and no more', () => {
    fc.assert(
      fc.property(zoneAndAskedAt, hours, week, workingUrgency, ([z, at], h, w, { urgency, clock: c }) => {
        const deadline = due(urgency, at, h, c, responder(z, w)).toMillis()
        const windowMs = (urgency === 'BLOCKING' ? 4 : h) * HOUR
        expect(workingMsBetween(at.toMillis(), deadline, w, z)).toBe(windowMs)
        // Due inside a block, or at a block end: no idle time was added after the last hour.
        expect(insideOrAtEnd(deadline, w, z)).toBe(true)
      }),
      runs,
    )
  })

  it('more hours never give an earlier deadline, on either clock', () => {
    fc.assert(
      fc.property(zoneAndAskedAt, hours, hours, week, clock, ([z, at], a, b, w, c) => {
        const who = responder(z, w)
        const sooner = due('THIS_WEEK', at, Math.min(a, b), c, who)
        const later = due('THIS_WEEK', at, Math.max(a, b), c, who)
        expect(sooner.toMillis()).toBeLessThanOrEqual(later.toMillis())
      }),
      runs,
    )
  })

  it('a deadline is never before the question was asked', () => {
    fc.assert(
      fc.property(
        zoneAndAskedAt,
        hours,
        week,
        fc.constantFrom<QuestionUrgency>('BLOCKING', 'THIS_WEEK'),
        clock,
        ([z, at], h, w, urgency, c) => {
          expect(due(urgency, at, h, c, responder(z, w)).toMillis()).toBeGreaterThanOrEqual(at.toMillis())
        },
      ),
      runs,
    )
  })

  it('a blocking deadline is at least 4 elapsed hours after the question, whatever the pair’s window', () => {
    fc.assert(
      fc.property(zoneAndAskedAt, hours, week, clock, ([z, at], h, w, c) => {
        const deadline = due('BLOCKING', at, h, c, responder(z, w))
        expect(deadline.toMillis() - at.toMillis()).toBeGreaterThanOrEqual(4 * HOUR)
      }),
      runs,
    )
  })

  it('a wall-clock deadline is exactly the window’s elapsed hours after the question', () => {
    fc.assert(
      fc.property(zoneAndAskedAt, hours, week, ([z, at], h, w) => {
        const deadline = due('THIS_WEEK', at, h, 'WALL', responder(z, w))
        expect(deadline.toMillis() - at.toMillis()).toBe(h * HOUR)
      }),
      runs,
    )
  })

  it('the asker’s zone does not matter: the same instant gives the same deadline', () => {
    fc.assert(
      fc.property(
        zoneAndAskedAt,
        hours,
        week,
        zone,
        fc.constantFrom<QuestionUrgency>('BLOCKING', 'THIS_WEEK'),
        clock,
        ([z, at], h, w, askerZone, urgency, c) => {
          const who = responder(z, w)
          expect(due(urgency, at.setZone(askerZone), h, c, who).toISO()).toBe(
            due(urgency, at, h, c, who).toISO(),
          )
        },
      ),
      runs,
    )
  })

  it('a can-wait deadline is the next touchpoint’s instant, in UTC, whatever the window or responder (none if it is past)', () => {
    fc.assert(
      fc.property(askedAt, askedAt, hours, week, zone, zone, clock, (at, touch, h, w, z, touchZone, c) => {
        const touchpoint = touch.setZone(touchZone)
        const deadline = deadlineFor(
          { urgency: 'CAN_WAIT', askedAt: at },
          { windowHours: h, clock: c, nextTouchpoint: touchpoint },
          responder(z, w),
        )
        if (touchpoint.toMillis() < at.toMillis()) return void expect(deadline).toBeNull()
        expect(deadline?.toMillis()).toBe(touchpoint.toMillis())
        expect(deadline?.zoneName).toBe('UTC')
      }),
      runs,
    )
  })
})

describe('a question that can wait is never due before it was asked', () => {
  it('a touchpoint already past counts as nothing scheduled', () => {
    const askedAt = DateTime.fromISO('2026-03-17T10:00:00Z', { zone: 'utc' })
    const due = deadlineFor(
      { urgency: 'CAN_WAIT', askedAt },
      {
        windowHours: 24,
        clock: 'WALL',
        nextTouchpoint: DateTime.fromISO('2026-03-10T10:00:00Z', { zone: 'utc' }),
      },
      { zone: 'UTC', workingHours: [] },
    )
    expect(due).toBeNull()
  })
})
