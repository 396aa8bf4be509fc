import { describe, expect, it } from 'vitest'
import { given } from '../shared/givenWhenThen.ts'
import { decide, DELIVERY_ATTEMPTS, nudgeKey, reminderAggregate, type ReminderCommand } from './decider.ts'
import type { ReminderEvent } from './events.ts'

const personId = '11111111-1111-4111-8111-111111111111'
const TOKEN = 'a'.repeat(43)
const nudge = (subject: number, kind: 'CALL_SOON' | 'QUESTION_OVERDUE' = 'QUESTION_OVERDUE') => ({
  personId,
  kind,
  subjectId: `22222222-2222-4222-8222-${String(subject).padStart(12, '0')}`,
  dueAt: '2026-11-16T09:00:00.000Z',
})
const claim = (n = nudge(1), now = '2026-11-16T10:00:00.000Z', zone = 'Europe/Lisbon'): ReminderCommand => ({
  type: 'Claim',
  ...n,
  now,
  zone,
  token: TOKEN,
})
const sent = (n = nudge(1), sentAt = '2026-11-16T10:00:00.000Z', attempt = 1): ReminderEvent => ({
  type: 'ReminderSent',
  data: { ...n, sentAt, attempt },
})
const failed = (n = nudge(1), failedAt = '2026-11-16T10:00:01.000Z', attempt = 1): ReminderEvent => ({
  type: 'ReminderFailed',
  data: { ...n, failedAt, attempt, error: 'connect ECONNREFUSED 127.0.0.1:25' },
})
const issued: ReminderEvent = { type: 'ReminderUnsubscribeIssued', data: { personId, token: 'b'.repeat(43) } }
const state = (...events: ReminderEvent[]) => given(reminderAggregate, [issued, ...events])

describe('reminders: each nudge once, five a week, as the person wants', () => {
  it('the first nudge issues the unsubscribe secret with it; later ones reuse it', () => {
    expect(decide(claim(), given(reminderAggregate, []))).toEqual([
      { type: 'ReminderUnsubscribeIssued', data: { personId, token: TOKEN } },
      sent(),
    ])
    expect(decide(claim(), state())).toEqual([sent()])
  })

  it('a nudge already sent is not sent again, however its instant is spelled', () => {
    const given = state(sent())
    expect(decide(claim(), given)).toEqual([])
    expect(decide(claim({ ...nudge(1), dueAt: '2026-11-16T09:00:00Z' }), given)).toEqual([])
    expect(nudgeKey({ ...nudge(1), dueAt: '2026-11-16T10:00:00+01:00' })).toBe(nudgeKey(nudge(1)))
  })

  it('a moved deadline or call is a new nudge', () => {
    expect(decide(claim({ ...nudge(1), dueAt: '2026-11-17T09:00:00.000Z' }), state(sent()))).toHaveLength(1)
  })

  it('the sixth nudge of the person’s local week is withheld, for good', () => {
    const five = [1, 2, 3, 4, 5].map((i) => sent(nudge(i), `2026-11-${i + 15}T10:00:00.000Z`))
    const sixth = decide(claim(nudge(6), '2026-11-21T10:00:00.000Z'), state(...five))
    expect(sixth).toEqual([{ type: 'ReminderWithheld', data: { ...nudge(6), reason: 'WEEKLY_CAP' } }])
    expect(decide(claim(nudge(6), '2026-11-23T10:00:00.000Z'), state(...five, ...sixth))).toEqual([])
    // A new week makes room for new nudges.
    expect(decide(claim(nudge(7), '2026-11-23T10:00:00.000Z'), state(...five, ...sixth))).toHaveLength(1)
  })

  it('the week is the recipient’s: Sunday 23:30 in New York is Monday in UTC, still the full week', () => {
    const five = [1, 2, 3, 4, 5].map((i) => sent(nudge(i), `2026-11-${i + 15}T15:00:00.000Z`))
    const late = '2026-11-23T04:30:00.000Z'
    expect(decide(claim(nudge(6), late, 'America/New_York'), state(...five))[0]!.type).toBe(
      'ReminderWithheld',
    )
    expect(decide(claim(nudge(6), late, 'Europe/Lisbon'), state(...five))[0]!.type).toBe('ReminderSent')
  })

  it('turned off, or its kind turned off: nothing is sent or recorded', () => {
    const off = state({
      type: 'ReminderPreferencesSet',
      data: { personId, enabled: false, kinds: ['CALL_SOON', 'QUESTION_OVERDUE'], via: 'UNSUBSCRIBE_LINK' },
    })
    expect(decide(claim(), off)).toEqual([])
    const callsOnly = state({
      type: 'ReminderPreferencesSet',
      data: { personId, enabled: true, kinds: ['CALL_SOON'], via: 'API' },
    })
    expect(decide(claim(), callsOnly)).toEqual([])
    expect(decide(claim(nudge(1, 'CALL_SOON')), callsOnly)).toHaveLength(1)
  })

  it('a failed mail is tried again after five minutes, three times in all, each attempt claimed once', () => {
    const first = state(sent(), failed())
    expect(decide(claim(nudge(1), '2026-11-16T10:04:59.000Z'), first)).toEqual([])
    const retry = decide(claim(nudge(1), '2026-11-16T10:05:01.000Z'), first)
    expect(retry).toEqual([sent(nudge(1), '2026-11-16T10:05:01.000Z', 2)])
    // Claimed again: a second instance finds it taken.
    expect(decide(claim(nudge(1), '2026-11-16T10:05:02.000Z'), state(sent(), failed(), ...retry))).toEqual([])
    const third = state(
      sent(),
      failed(),
      sent(nudge(1), '2026-11-16T10:05:01.000Z', 2),
      failed(nudge(1), '2026-11-16T10:05:02.000Z', 2),
      sent(nudge(1), '2026-11-16T10:11:00.000Z', DELIVERY_ATTEMPTS),
      failed(nudge(1), '2026-11-16T10:11:01.000Z', DELIVERY_ATTEMPTS),
    )
    expect(decide(claim(nudge(1), '2026-11-16T11:00:00.000Z'), third)).toEqual([])
    // A retried nudge counts once towards the week.
    expect(third.sentAt).toHaveLength(1)
  })

  it('a failure is recorded for the attempt out, once', () => {
    const command: ReminderCommand = {
      type: 'RecordFailure',
      ...nudge(1),
      now: '2026-11-16T10:00:01.000Z',
      error: 'connect ECONNREFUSED 127.0.0.1:25',
    }
    expect(decide(command, state(sent()))).toEqual([failed()])
    expect(decide(command, state(sent(), failed()))).toEqual([])
    expect(decide(command, state())).toEqual([])
  })

  it('preferences record only a change, kinds in a fixed order', () => {
    const set = (enabled: boolean, kinds: Extract<ReminderCommand, { type: 'SetPreferences' }>['kinds']) =>
      decide({ type: 'SetPreferences', personId, enabled, kinds, via: 'API' }, state())
    expect(set(true, null)).toEqual([])
    expect(
      set(true, ['QUESTION_OVERDUE', 'CALL_SOON', 'CHECK_IN_DUE', 'REPLY_WAITING', 'QUESTION_NEARING']),
    ).toEqual([])
    expect(set(true, ['CALL_SOON', 'CHECK_IN_DUE'])).toEqual([
      {
        type: 'ReminderPreferencesSet',
        data: { personId, enabled: true, kinds: ['CHECK_IN_DUE', 'CALL_SOON'], via: 'API' },
      },
    ])
    expect(set(false, null)[0]!.data).toMatchObject({
      enabled: false,
      kinds: expect.arrayContaining(['CALL_SOON']),
    })
  })
})
