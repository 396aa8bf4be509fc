import { describe, expect, it } from 'vitest'
import { DomainError } from '../shared/errors.ts'
import { given } from '../shared/givenWhenThen.ts'
import {
  callAggregate,
  decide,
  MAX_MINUTES,
  MAX_SHORT_MINUTES,
  requireDuration,
  type CallCommand,
  type CallState,
} from './decider.ts'
import type { CallEvent, CallKind } from './events.ts'

const ids = {
  callId: '11111111-1111-4111-8111-111111111111',
  mentorshipId: '22222222-2222-4222-8222-222222222222',
}
const mentor = '33333333-3333-4333-8333-333333333333'
const mentee = '44444444-4444-4444-8444-444444444444'
const START = '2026-03-09T13:00:00.000Z'
const END = '2026-03-09T13:30:00.000Z'

const scheduled: CallEvent = {
  type: 'CallScheduled',
  data: {
    ...ids,
    kind: 'BIWEEKLY',
    start: START,
    end: END,
    joinUrl: 'https://meet.jit.si/trellis-room',
    inconvenientFor: [],
    by: mentor,
  },
}
const cancelled: CallEvent = { type: 'CallCancelled', data: { ...ids, reason: null, by: mentee } }
const outcome = (status: 'HELD' | 'SKIPPED'): CallEvent => ({
  type: 'CallOutcomeRecorded',
  data: { ...ids, status, notes: null, skippedBy: status === 'SKIPPED' ? 'MENTEE' : null, by: mentor },
})
const added = (itemId: string): CallEvent => ({
  type: 'AgendaItemAdded',
  data: { ...ids, itemId, text: 'Talk about the export', by: mentee },
})

const call = (...more: CallEvent[]) => given(callAggregate, [scheduled, ...more])
const reschedule = (start: string, end: string): CallCommand => ({
  type: 'Reschedule',
  start,
  end,
  inconvenientFor: [],
  by: mentee,
})
const record = (
  status: 'HELD' | 'SKIPPED',
  now = '2026-03-09T13:05:00.000Z',
  skippedBy: 'MENTOR' | 'MENTEE' | null = null,
): CallCommand => ({ type: 'RecordOutcome', status, notes: 'Went well.', skippedBy, by: mentor, now })

/** The DomainError a thunk throws, so its code, reason and fields can be compared. */
function refusal(thunk: () => unknown) {
  try {
    thunk()
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError)
    const e = error as DomainError
    return { code: e.code, reason: e.reason, fields: e.fields.map((f) => f.field) }
  }
  throw new Error('expected a refusal')
}

describe('call durations: requireDuration', () => {
  const kinds: CallKind[] = ['BIWEEKLY', 'PAIRING', 'REVIEW', 'OFFICE_HOURS']

  it('a call lasts 15 to 240 minutes, in steps of 15, whatever its kind', () => {
    for (const kind of kinds) {
      expect(() => requireDuration(kind, 15, 'input.durationMinutes')).not.toThrow()
      expect(() => requireDuration(kind, 30, 'input.durationMinutes')).not.toThrow()
      for (const minutes of [0, -15, 14, 16, 20, 29, 31, 7.5, 15.5, MAX_MINUTES + 15, Number.NaN, Infinity])
        expect(refusal(() => requireDuration(kind, minutes, 'input.durationMinutes'))).toEqual({
          code: 'BAD_USER_INPUT',
          reason: 'invalid_input',
          fields: ['input.durationMinutes'],
        })
    }
  })

  it('bi-weekly and pairing calls are 30 minutes at most', () => {
    expect(MAX_SHORT_MINUTES).toBe(30)
    for (const kind of ['BIWEEKLY', 'PAIRING'] as const)
      for (const minutes of [45, 60, 90, MAX_MINUTES]) {
        expect(refusal(() => requireDuration(kind, minutes, 'input.durationMinutes')).fields).toEqual([
          'input.durationMinutes',
        ])
        expect(() => requireDuration(kind, minutes, 'input.durationMinutes')).toThrow(/30 minutes at most/)
      }
  })

  it('review and office-hours calls may be longer, up to 240 minutes', () => {
    expect(MAX_MINUTES).toBe(240)
    for (const kind of ['REVIEW', 'OFFICE_HOURS'] as const)
      for (let minutes = 15; minutes <= MAX_MINUTES; minutes += 15)
        expect(() => requireDuration(kind, minutes, 'input.durationMinutes')).not.toThrow()
  })

  it('the refusal names the field it was given', () => {
    expect(refusal(() => requireDuration('REVIEW', 10, 'input.custom')).fields).toEqual(['input.custom'])
  })
})

describe('calls: what may change, and when', () => {
  it('a call is scheduled once', () => {
    const { type: _, ...data } = scheduled
    const command = { type: 'Schedule' as const, ...data.data }
    expect(decide(command, given(callAggregate, []))).toEqual([scheduled])
    expect(refusal(() => decide(command, call()))).toMatchObject({ code: 'CONFLICT', reason: 'call_exists' })
  })

  it('a command on a call never scheduled finds no call', () => {
    expect(refusal(() => decide(reschedule(START, END), given(callAggregate, [])))).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'call_not_found',
    })
  })

  it('rescheduling to the same time records nothing; a new time records the move', () => {
    expect(decide(reschedule(START, END), call())).toEqual([])
    const moved = decide(reschedule('2026-03-10T14:00:00.000Z', '2026-03-10T14:30:00.000Z'), call())
    expect(moved).toEqual([
      {
        type: 'CallRescheduled',
        data: {
          ...ids,
          start: '2026-03-10T14:00:00.000Z',
          end: '2026-03-10T14:30:00.000Z',
          inconvenientFor: [],
          by: mentee,
        },
      },
    ])
    const state = call(...moved)
    expect(state).toMatchObject({ start: '2026-03-10T14:00:00.000Z', end: '2026-03-10T14:30:00.000Z' })
    // Back to where it was after a move is a change again.
    expect(decide(reschedule(START, END), state)).toHaveLength(1)
    // A new length at the same start is a change.
    expect(decide(reschedule(START, '2026-03-09T13:15:00.000Z'), call())).toHaveLength(1)
  })

  it('cancelling twice records once', () => {
    const first = decide({ type: 'Cancel', reason: 'Conference week', by: mentee }, call())
    expect(first).toEqual([
      { type: 'CallCancelled', data: { ...ids, reason: 'Conference week', by: mentee } },
    ])
    const state = call(...first)
    expect(state.status).toBe('CANCELLED')
    expect(decide({ type: 'Cancel', reason: 'again', by: mentor }, state)).toEqual([])
  })

  it('a cancelled call is closed: no reschedule, no outcome (CONFLICT call_closed)', () => {
    const state = call(cancelled)
    for (const command of [
      reschedule('2026-03-10T14:00:00.000Z', '2026-03-10T14:30:00.000Z'),
      record('HELD'),
      record('SKIPPED', '2026-03-09T13:05:00.000Z', 'MENTOR'),
    ])
      expect(refusal(() => decide(command, state))).toMatchObject({
        code: 'CONFLICT',
        reason: 'call_closed',
      })
  })

  it('a call with an outcome is closed: no reschedule, no second outcome, no cancel (CONFLICT call_closed)', () => {
    for (const status of ['HELD', 'SKIPPED'] as const) {
      const state = call(outcome(status))
      expect(state.status).toBe(status)
      for (const command of [
        reschedule('2026-03-10T14:00:00.000Z', '2026-03-10T14:30:00.000Z'),
        record('HELD'),
        record('SKIPPED', '2026-03-09T13:05:00.000Z', 'MENTEE'),
        { type: 'Cancel', reason: null, by: mentee } as const,
      ])
        expect(refusal(() => decide(command, state))).toMatchObject({
          code: 'CONFLICT',
          reason: 'call_closed',
        })
    }
  })

  it('an outcome before the start is CONFLICT call_not_started; from the start on it is recorded', () => {
    expect(refusal(() => decide(record('HELD', '2026-03-09T12:59:59.999Z'), call()))).toMatchObject({
      code: 'CONFLICT',
      reason: 'call_not_started',
    })
    expect(decide(record('HELD', START), call())).toEqual([
      {
        type: 'CallOutcomeRecorded',
        data: { ...ids, status: 'HELD', notes: 'Went well.', skippedBy: null, by: mentor },
      },
    ])
    // The start that counts is the latest one.
    const moved = call({
      type: 'CallRescheduled',
      data: {
        ...ids,
        start: '2026-03-10T14:00:00.000Z',
        end: '2026-03-10T14:30:00.000Z',
        inconvenientFor: [],
        by: mentee,
      },
    })
    expect(refusal(() => decide(record('HELD', '2026-03-09T13:05:00.000Z'), moved)).reason).toBe(
      'call_not_started',
    )
  })

  it('a HELD call has no one who skipped it: skippedBy is BAD_USER_INPUT input.skippedBy', () => {
    expect(refusal(() => decide(record('HELD', undefined, 'MENTEE'), call()))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'invalid_input',
      fields: ['input.skippedBy'],
    })
    expect(decide(record('SKIPPED', undefined, 'MENTEE'), call())[0]!.data).toMatchObject({
      status: 'SKIPPED',
      skippedBy: 'MENTEE',
    })
    expect(decide(record('SKIPPED', undefined, null), call())[0]!.data).toMatchObject({ skippedBy: null })
  })
})

describe('call agendas: reorder and tick name items on the agenda', () => {
  const known: ReadonlySet<string> = new Set(['question:q1', 'checkin:c1:struggled:0'])
  const withOwn = (): CallState => call(added('member:m1'))
  const reorder = (itemIds: string[]): CallCommand => ({ type: 'Reorder', itemIds, known, by: mentee })
  const tick = (itemId: string): CallCommand => ({ type: 'Tick', itemId, done: true, known, by: mentor })

  it('a reorder names items from the record and the members’ own', () => {
    expect(decide(reorder(['member:m1', 'question:q1']), withOwn())).toEqual([
      { type: 'AgendaReordered', data: { ...ids, itemIds: ['member:m1', 'question:q1'], by: mentee } },
    ])
  })

  it('a reorder naming an unknown item is BAD_USER_INPUT input.itemIds', () => {
    expect(refusal(() => decide(reorder(['question:q1', 'question:nope']), withOwn()))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'invalid_input',
      fields: ['input.itemIds'],
    })
    expect(() => decide(reorder(['question:nope']), withOwn())).toThrow(/question:nope/)
  })

  it('a reorder naming the same item twice is BAD_USER_INPUT input.itemIds', () => {
    expect(refusal(() => decide(reorder(['question:q1', 'member:m1', 'question:q1']), withOwn()))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'invalid_input',
      fields: ['input.itemIds'],
    })
  })

  it('ticking an unknown item is BAD_USER_INPUT input.itemId; a known or own item is ticked', () => {
    expect(refusal(() => decide(tick('question:nope'), withOwn()))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'invalid_input',
      fields: ['input.itemId'],
    })
    expect(decide(tick('question:q1'), withOwn())).toEqual([
      { type: 'AgendaItemTicked', data: { ...ids, itemId: 'question:q1', done: true, by: mentor } },
    ])
    expect(decide(tick('member:m1'), withOwn())).toHaveLength(1)
  })

  it('a cancelled call takes no new agenda items', () => {
    expect(
      refusal(() =>
        decide({ type: 'AddItem', itemId: 'member:m2', text: 'late', by: mentee }, call(cancelled)),
      ),
    ).toMatchObject({ code: 'CONFLICT', reason: 'call_cancelled' })
  })
})
