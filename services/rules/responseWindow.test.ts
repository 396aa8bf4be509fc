import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { deadlineFor, isOnTime, replyDeadline, type Responder, type ResponseClock } from './responseWindow.ts'
import { isWithinWorkingHours } from './workingHours.ts'

const lisbon: Responder = { zone: 'Europe/Lisbon', workingHours: [] }
const newYork: Responder = { zone: 'America/New_York', workingHours: [] }
const at = (iso: string, zone = 'Europe/Lisbon') => DateTime.fromISO(iso, { zone })
const inZone = (instant: DateTime, zone: string) => instant.setZone(zone).toISO({ includeOffset: false })

describe('replyDeadline: every check-in gets a reply within the pair’s window', () => {
  it.each<{
    rule: string
    submitted: string
    hours: number
    clock: ResponseClock
    responder: Responder
    due: string
  }>([
    {
      rule: 'a 24-hour wall-clock window ends 24 hours later',
      submitted: '2026-03-16T10:00',
      hours: 24,
      clock: 'WALL',
      responder: lisbon,
      due: '2026-03-17T10:00:00.000',
    },
    {
      rule: 'a wall-clock window runs through the weekend',
      submitted: '2026-03-20T16:00',
      hours: 24,
      clock: 'WALL',
      responder: lisbon,
      due: '2026-03-21T16:00:00.000',
    },
    {
      rule: 'a 24-hour wall-clock window over Lisbon’s spring-forward ends at 11:00 local, 24 real hours on',
      submitted: '2026-03-28T10:00',
      hours: 24,
      clock: 'WALL',
      responder: lisbon,
      due: '2026-03-29T11:00:00.000',
    },
    {
      rule: 'a working-clock window counts only the responder’s working hours',
      submitted: '2026-03-20T16:00',
      hours: 8,
      clock: 'WORKING',
      responder: lisbon,
      due: '2026-03-23T16:00:00.000',
    },
    {
      rule: 'a working-clock window started after hours starts at the next block',
      submitted: '2026-03-16T20:00',
      hours: 2,
      clock: 'WORKING',
      responder: lisbon,
      due: '2026-03-17T11:00:00.000',
    },
  ])('$rule', ({ submitted, hours, clock, responder, due }) => {
    const deadline = replyDeadline({ submittedAt: at(submitted), windowHours: hours, clock, responder })
    expect(inZone(deadline, 'Europe/Lisbon')).toBe(due)
  })

  it('the responder’s zone decides: Friday 18:00 in Lisbon is 14:00 for a New York mentor, whose 8 working hours end Monday 14:00', () => {
    const deadline = replyDeadline({
      submittedAt: at('2026-03-20T18:00'),
      windowHours: 8,
      clock: 'WORKING',
      responder: newYork,
    })
    expect(inZone(deadline, 'America/New_York')).toBe('2026-03-23T14:00:00.000')
  })

  it('the responder’s own week counts: a mentor working Tuesday and Thursday mornings', () => {
    const mornings: Responder = {
      zone: 'Asia/Kathmandu',
      workingHours: [2, 4].map((day) => ({ day, start: '08:00', end: '12:00' })),
    }
    const deadline = replyDeadline({
      submittedAt: at('2026-03-16T09:00'),
      windowHours: 6,
      clock: 'WORKING',
      responder: mornings,
    })
    expect(inZone(deadline, 'Asia/Kathmandu')).toBe('2026-03-19T10:00:00.000')
  })

  it('a deadline is a UTC instant', () => {
    expect(
      replyDeadline({
        submittedAt: at('2026-03-16T10:00'),
        windowHours: 24,
        clock: 'WALL',
        responder: lisbon,
      }).zoneName,
    ).toBe('UTC')
  })

  it('refuses a negative window', () => {
    expect(() =>
      replyDeadline({
        submittedAt: at('2026-03-16T10:00'),
        windowHours: -1,
        clock: 'WALL',
        responder: lisbon,
      }),
    ).toThrow(RangeError)
  })
})

describe('isOnTime: whether the answer met its window', () => {
  const deadline = DateTime.fromISO('2026-03-17T10:00:00Z')
  it.each([
    ['a reply before the deadline is on time', '2026-03-17T09:00:00Z', true],
    ['a reply at the deadline instant is on time', '2026-03-17T10:00:00Z', true],
    ['a reply a millisecond after the deadline is late', '2026-03-17T10:00:00.001Z', false],
    ['the same instant written in another zone is still on time', '2026-03-17T05:00:00-05:00', true],
  ])('%s', (_, replied, onTime) => {
    expect(isOnTime(DateTime.fromISO(replied, { setZone: true }), deadline)).toBe(onTime)
  })
})

describe('deadlineFor: the question hierarchy (PRODUCT §3)', () => {
  const pair = { windowHours: 24, clock: 'WALL' as const }
  it('a blocking question asked Friday 16:00 is due Monday 12:00, after 4 working hours', () => {
    const due = deadlineFor({ urgency: 'BLOCKING', askedAt: at('2026-03-20T16:00') }, pair, lisbon)
    expect(inZone(due!, 'Europe/Lisbon')).toBe('2026-03-23T12:00:00.000')
  })

  it('a this-week question is due within the pair’s window', () => {
    const due = deadlineFor({ urgency: 'THIS_WEEK', askedAt: at('2026-03-20T16:00') }, pair, lisbon)
    expect(inZone(due!, 'Europe/Lisbon')).toBe('2026-03-21T16:00:00.000')
  })

  it('a this-week question on the working clock counts working hours', () => {
    const due = deadlineFor(
      { urgency: 'THIS_WEEK', askedAt: at('2026-03-20T16:00') },
      { windowHours: 8, clock: 'WORKING' },
      lisbon,
    )
    expect(inZone(due!, 'Europe/Lisbon')).toBe('2026-03-23T16:00:00.000')
  })

  it('a can-wait question is due at the pair’s next check-in or call, or has no deadline without one', () => {
    const nextCall = DateTime.fromISO('2026-03-26T15:00:00Z')
    expect(
      deadlineFor(
        { urgency: 'CAN_WAIT', askedAt: at('2026-03-20T16:00') },
        { ...pair, nextTouchpoint: nextCall },
        lisbon,
      )?.toISO(),
    ).toBe('2026-03-26T15:00:00.000Z')
    expect(deadlineFor({ urgency: 'CAN_WAIT', askedAt: at('2026-03-20T16:00') }, pair, lisbon)).toBeNull()
  })
})

describe('properties', () => {
  const instant = fc
    .date({ min: new Date('2000-01-01'), max: new Date('2045-12-31'), noInvalidDate: true })
    .map((date) => DateTime.fromJSDate(date))
  const hours = fc.integer({ min: 0, max: 120 })
  const responder = fc.constantFrom<Responder>(
    lisbon,
    newYork,
    { zone: 'Australia/Lord_Howe', workingHours: [] },
    { zone: 'Asia/Kathmandu', workingHours: [{ day: 6, start: '22:00', end: '24:00' }] },
  )

  it('a working-clock deadline never lands outside the responder’s working hours, except at a block end', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 80 }), responder, (submittedAt, windowHours, r) => {
        const due = replyDeadline({ submittedAt, windowHours, clock: 'WORKING', responder: r })
        const inside = (t: DateTime) => isWithinWorkingHours(t, r.workingHours, r.zone)
        expect(inside(due) || inside(due.minus({ milliseconds: 1 }))).toBe(true)
      }),
    )
  })

  it('a wall-clock deadline is exactly the window’s length after submission, whatever the zones', () => {
    fc.assert(
      fc.property(instant, hours, responder, (submittedAt, windowHours, r) => {
        const due = replyDeadline({ submittedAt, windowHours, clock: 'WALL', responder: r })
        expect(due.diff(submittedAt, 'hours').hours).toBe(windowHours)
      }),
    )
  })

  it('a longer window never gives an earlier deadline, on either clock', () => {
    fc.assert(
      fc.property(
        instant,
        hours,
        hours,
        responder,
        fc.constantFrom<ResponseClock>('WALL', 'WORKING'),
        (submittedAt, a, b, r, clock) => {
          const due = (windowHours: number) =>
            replyDeadline({ submittedAt, windowHours, clock, responder: r })
          expect(due(Math.min(a, b)) <= due(Math.max(a, b))).toBe(true)
        },
      ),
    )
  })
})
