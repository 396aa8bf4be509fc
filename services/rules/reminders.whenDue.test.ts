import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  callSoonNudge,
  checkInDueNudge,
  questionNearingNudge,
  questionOverdueNudge,
  replyWaitingNudge,
  sendInstant,
} from './reminders.ts'
import { DEFAULT_WORKING_WEEK } from './workingHours.ts'
import { endOfDueDay } from './week.ts'

const instant = (iso: string) => DateTime.fromISO(iso, { setZone: true })
const utc = (at: DateTime | null) => at?.toUTC().toISO() ?? null
const timing = (t: { dueAt: DateTime; expiresAt: DateTime }) => [utc(t.dueAt), utc(t.expiresAt)]

describe('when each nudge becomes due, and when it loses its point', () => {
  it('CHECK_IN_DUE: from the start of the mentee’s due day to its end (Lisbon, a Friday)', () => {
    const end = endOfDueDay('2026-11-16', 5, 'Europe/Lisbon')
    expect(timing(checkInDueNudge(end, 'Europe/Lisbon'))).toEqual([
      '2026-11-20T00:00:00.000Z',
      '2026-11-21T00:00:00.000Z',
    ])
  })

  it('CHECK_IN_DUE: a due day whose midnight the clock skips starts at 01:00 (Havana, 8 March 2026)', () => {
    const end = endOfDueDay('2026-03-02', 7, 'America/Havana')
    const nudge = checkInDueNudge(end, 'America/Havana')
    expect(utc(nudge.dueAt)).toBe('2026-03-08T05:00:00.000Z')
    expect(nudge.dueAt.setZone('America/Havana').toFormat('yyyy-MM-dd HH:mm')).toBe('2026-03-08 01:00')
    // A 23-hour day.
    expect(nudge.expiresAt.diff(nudge.dueAt, 'hours').hours).toBe(23)
  })

  it('CHECK_IN_DUE on a day off is never sent: the mentee’s due day ends before their hours start', () => {
    const sunday = checkInDueNudge(endOfDueDay('2026-11-16', 7, 'Europe/Lisbon'), 'Europe/Lisbon')
    expect(sendInstant(sunday, { zone: 'Europe/Lisbon', workingHours: DEFAULT_WORKING_WEEK })).toBe(null)
  })

  it('REPLY_WAITING: 48 real hours after the check-in, whatever the clocks do (New York springs forward)', () => {
    expect(timing(replyWaitingNudge(instant('2026-03-07T12:00:00-05:00')))).toEqual([
      '2026-03-09T17:00:00.000Z',
      '2026-03-16T17:00:00.000Z',
    ])
  })

  it('QUESTION_NEARING: when a quarter of the window is left, until the deadline', () => {
    expect(
      timing(questionNearingNudge(instant('2026-11-20T12:00:00Z'), instant('2026-11-21T12:00:00Z'))),
    ).toEqual(['2026-11-21T06:00:00.000Z', '2026-11-21T12:00:00.000Z'])
  })

  it('QUESTION_NEARING on a blocking question over a weekend waits for Monday and still comes before the deadline', () => {
    // Asked Friday 16:00 in Lisbon; 4 working hours → due Monday 12:00; 68 hours, a quarter is 17.
    const nudge = questionNearingNudge(instant('2026-03-20T16:00:00Z'), instant('2026-03-23T12:00:00Z'))
    expect(utc(nudge.dueAt)).toBe('2026-03-22T19:00:00.000Z')
    expect(utc(sendInstant(nudge, { zone: 'Europe/Lisbon', workingHours: DEFAULT_WORKING_WEEK }))).toBe(
      '2026-03-23T09:00:00.000Z',
    )
  })

  it('QUESTION_OVERDUE: at the deadline, for a week', () => {
    expect(timing(questionOverdueNudge(instant('2026-11-21T12:00:00Z')))).toEqual([
      '2026-11-21T12:00:00.000Z',
      '2026-11-28T12:00:00.000Z',
    ])
  })

  it('CALL_SOON: 15 minutes before the call, until it starts; each member on their own hours', () => {
    const nudge = callSoonNudge(instant('2026-03-17T13:00:00Z'))
    expect(timing(nudge)).toEqual(['2026-03-17T12:45:00.000Z', '2026-03-17T13:00:00.000Z'])
    // 12:45 in Lisbon is inside the day; 08:45 in New York is not, and 09:00 there is after the start.
    expect(utc(sendInstant(nudge, { zone: 'Europe/Lisbon', workingHours: DEFAULT_WORKING_WEEK }))).toBe(
      '2026-03-17T12:45:00.000Z',
    )
    expect(sendInstant(nudge, { zone: 'America/New_York', workingHours: DEFAULT_WORKING_WEEK })).toBe(null)
  })
})
