import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { callSoonNudge, mayNudgeAt, sendInstant, type NudgeTiming, type Recipient } from './reminders.ts'
import { ZONES } from './testZones.ts'
import { DEFAULT_WORKING_WEEK, isWithinWorkingHours, type WorkingWeek } from './workingHours.ts'

const instant = (iso: string) => DateTime.fromISO(iso, { setZone: true })
/** A nudge due at `due` that keeps its point for a week. */
const due = (iso: string): NudgeTiming => ({ dueAt: instant(iso), expiresAt: instant(iso).plus({ days: 7 }) })
const officeHours = (zone: string): Recipient => ({ zone, workingHours: DEFAULT_WORKING_WEEK })
const sundayNight = (start: string, end: string): WorkingWeek => [{ day: 7, start, end }]
const local = (at: DateTime | null, zone: string) => at?.setZone(zone).toISO() ?? null

describe('sendInstant: a nudge goes out at the first instant inside the recipient’s working hours', () => {
  it.each([
    {
      rule: 'due inside a block: sent at once',
      due: '2026-03-17T10:00:00+00:00',
      sent: '2026-03-17T10:00:00.000+00:00',
    },
    {
      rule: 'due before the day starts: sent when it starts',
      due: '2026-03-17T06:30:00+00:00',
      sent: '2026-03-17T09:00:00.000+00:00',
    },
    {
      rule: 'due at the very end of a block: the end is not inside, so the next morning',
      due: '2026-03-17T17:00:00+00:00',
      sent: '2026-03-18T09:00:00.000+00:00',
    },
    {
      rule: 'due on Friday evening: Monday morning',
      due: '2026-03-20T18:30:00+00:00',
      sent: '2026-03-23T09:00:00.000+00:00',
    },
    {
      rule: 'due on a Saturday: Monday morning',
      due: '2026-03-21T11:00:00+00:00',
      sent: '2026-03-23T09:00:00.000+00:00',
    },
  ])('$rule (Lisbon, Monday–Friday 09:00–17:00)', ({ due: at, sent }) => {
    expect(local(sendInstant(due(at), officeHours('Europe/Lisbon')), 'Europe/Lisbon')).toBe(sent)
  })

  it('the same due instant lands at each recipient’s own morning, in their zone', () => {
    // Tuesday 12:00 UTC: midday in Lisbon, 08:00 in New York, evening in Kathmandu.
    const nudge = due('2026-03-17T12:00:00Z')
    expect(local(sendInstant(nudge, officeHours('Europe/Lisbon')), 'Europe/Lisbon')).toBe(
      '2026-03-17T12:00:00.000+00:00',
    )
    expect(local(sendInstant(nudge, officeHours('America/New_York')), 'America/New_York')).toBe(
      '2026-03-17T09:00:00.000-04:00',
    )
    expect(local(sendInstant(nudge, officeHours('Asia/Kathmandu')), 'Asia/Kathmandu')).toBe(
      '2026-03-18T09:00:00.000+05:45',
    )
  })

  it('St John’s across its spring-forward: Friday evening waits for Monday 09:00 by the new clock', () => {
    // Friday 6 March 17:30 NST (−03:30); the clocks go to NDT (−02:30) on Sunday 8 March.
    const sent = sendInstant(due('2026-03-06T17:30:00-03:30'), officeHours('America/St_Johns'))
    expect(local(sent, 'America/St_Johns')).toBe('2026-03-09T09:00:00.000-02:30')
    expect(sent!.toUTC().toISO()).toBe('2026-03-09T11:30:00.000Z')
  })

  it('Lord Howe’s 30-minute spring-forward: a block at 02:00 starts at 02:30, ten real minutes after 01:50', () => {
    const recipient = { zone: 'Australia/Lord_Howe', workingHours: sundayNight('02:00', '06:00') }
    // 4 October 2026, 02:00 (+10:30) becomes 02:30 (+11:00).
    const sent = sendInstant(due('2026-10-04T01:50:00+10:30'), recipient)
    expect(local(sent, 'Australia/Lord_Howe')).toBe('2026-10-04T02:30:00.000+11:00')
    expect(sent!.toMillis() - instant('2026-10-04T01:50:00+10:30').toMillis()).toBe(10 * 60_000)
  })

  it('Lord Howe’s 30-minute fall-back: a block starting in the repeated half hour starts at its first occurrence', () => {
    // 5 April 2026, 02:00 (+11:00) becomes 01:30 (+10:30): 01:30–02:00 happens twice.
    const recipient = { zone: 'Australia/Lord_Howe', workingHours: sundayNight('01:45', '03:00') }
    const sent = sendInstant(due('2026-04-05T01:40:00+11:00'), recipient)
    expect(local(sent, 'Australia/Lord_Howe')).toBe('2026-04-05T01:45:00.000+11:00')
  })

  it('a block that begins in a spring-forward gap begins when the gap ends (New York, 02:30 → 03:00)', () => {
    const recipient = { zone: 'America/New_York', workingHours: sundayNight('02:30', '05:00') }
    const sent = sendInstant(due('2026-03-08T01:45:00-05:00'), recipient)
    expect(local(sent, 'America/New_York')).toBe('2026-03-08T03:00:00.000-04:00')
    expect(sent!.toUTC().toISO()).toBe('2026-03-08T07:00:00.000Z')
  })

  it('a nudge the wait would push past its point is not sent at all (a call before the day starts)', () => {
    // The call at 08:55 in New York: the nudge would wait for 09:00, after the call began.
    expect(
      sendInstant(callSoonNudge(instant('2026-03-17T08:55:00-04:00')), officeHours('America/New_York')),
    ).toBe(null)
    // At 09:10 it waits from 08:55 to 09:00 and still comes before the call.
    expect(
      local(
        sendInstant(callSoonNudge(instant('2026-03-17T09:10:00-04:00')), officeHours('America/New_York')),
        'America/New_York',
      ),
    ).toBe('2026-03-17T09:00:00.000-04:00')
  })

  it('never outside the working hours, never before it is due (property, every test zone)', () => {
    const zone = fc.constantFrom(...ZONES)
    const at = fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true })
    fc.assert(
      fc.property(zone, at, fc.integer({ min: 1, max: 60 * 24 * 9 }), (z, d, minutes) => {
        const dueAt = DateTime.fromJSDate(d, { zone: 'utc' })
        const nudge = { dueAt, expiresAt: dueAt.plus({ minutes }) }
        const sent = sendInstant(nudge, officeHours(z))
        if (sent === null) return
        expect(sent >= dueAt && sent < nudge.expiresAt).toBe(true)
        expect(isWithinWorkingHours(sent, DEFAULT_WORKING_WEEK, z)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})

describe('mayNudgeAt: a sweep sends only while due, not expired, and inside the working hours', () => {
  const nudge = due('2026-03-17T16:30:00Z')
  const lisbon = officeHours('Europe/Lisbon')

  it('not before it is due, and not once it has lost its point', () => {
    expect(mayNudgeAt(nudge, lisbon, instant('2026-03-17T16:29:59Z'))).toBe(false)
    expect(mayNudgeAt(nudge, lisbon, instant('2026-03-17T16:30:00Z'))).toBe(true)
    expect(mayNudgeAt(nudge, lisbon, nudge.expiresAt)).toBe(false)
  })

  it('a sweep that comes late, after hours, waits for the next block instead of mailing at night', () => {
    expect(mayNudgeAt(nudge, lisbon, instant('2026-03-17T23:00:00Z'))).toBe(false)
    expect(mayNudgeAt(nudge, lisbon, instant('2026-03-18T08:59:59Z'))).toBe(false)
    expect(mayNudgeAt(nudge, lisbon, instant('2026-03-18T09:00:00Z'))).toBe(true)
  })
})
