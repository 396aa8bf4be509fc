import { describe, it } from 'vitest'
import { type QuestionUrgency } from './responseWindow.ts'
import { expectDeadline, NIGHTS, responder, type Row } from './questionDeadlineCases.ts'

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
