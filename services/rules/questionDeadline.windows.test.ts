import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { deadlineFor, type ResponseWindow } from './responseWindow.ts'
import { expectDeadline, LISBON, NEW_YORK, responder, type Row } from './questionDeadlineCases.ts'

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
