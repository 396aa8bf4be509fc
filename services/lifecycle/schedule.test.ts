import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { applySignal, completeOccurrence, nextOccurrence, type Occurrence } from './schedule.ts'
import { initialLifecycle, type LifecycleSignal, type LifecycleState } from './state.ts'

const id = '11111111-1111-4111-8111-111111111111'

function start(startedOn: string, zone = 'Europe/Lisbon', weekday = 5) {
  const startsAt = DateTime.fromISO(startedOn, { zone }).startOf('day').toUTC().toISO()!
  return initialLifecycle({
    mentorshipId: id,
    startedOn,
    menteeZone: zone,
    checkInWeekday: weekday,
    startsAt,
  })
}

/** Runs the lifecycle until `until`, applying signals at their instants, as an engine would. */
function run(
  state: LifecycleState,
  until: string,
  signals: Array<{ at: string; signal: LifecycleSignal }> = [],
) {
  const seen: Occurrence[] = []
  const pending = [...signals].sort((a, b) => a.at.localeCompare(b.at))
  for (;;) {
    const next = nextOccurrence(state)
    const signal = pending[0]
    if (signal && (!next || signal.at <= next.at) && signal.at <= until) {
      state = applySignal(
        { ...state, cursor: state.cursor > signal.at ? state.cursor : state.cursor },
        signal.signal,
      )
      pending.shift()
      continue
    }
    if (!next || next.at > until) return { state, seen }
    seen.push(next)
    state = completeOccurrence(state, next)
  }
}

const kinds = (seen: Occurrence[], kind: string) =>
  seen.flatMap((o) => o.items.filter((i) => i.kind === kind).map((i) => ({ at: o.at, ...i })))

describe('lifecycle schedule (PRODUCT §2)', () => {
  it('weekly phase: a check-in falls due each week on the pair’s weekday and is missed at the end of that day', () => {
    const { seen } = run(start('2026-11-02'), '2026-11-30T00:00:00Z')
    expect(kinds(seen, 'CheckInDue').map((d: any) => d.weekOf)).toEqual([
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
    ])
    const missed = kinds(seen, 'CheckInMissed')
    expect(missed[0]).toMatchObject({ weekOf: '2026-11-02', at: '2026-11-07T00:00:00.000Z' })
  })

  it('a submitted check-in is not missed; an unanswered one becomes overdue at its deadline', () => {
    const { seen } = run(start('2026-11-02'), '2026-11-10T00:00:00Z', [
      {
        at: '2026-11-06T10:00:00.000Z',
        signal: {
          type: 'CheckInSubmitted',
          weekOf: '2026-11-02',
          checkInId: id,
          replyDeadline: '2026-11-07T10:00:00.000Z',
          at: '2026-11-06T10:00:00.000Z',
        },
      },
    ])
    expect(kinds(seen, 'CheckInMissed')).toEqual([])
    expect(kinds(seen, 'ReplyOverdue')).toEqual([
      expect.objectContaining({ at: '2026-11-07T10:00:00.000Z', checkInId: id }),
    ])
  })

  it('a call falls due every two weeks and a review every four from the start', () => {
    const { seen } = run(start('2026-11-02'), '2027-01-01T00:00:00Z')
    expect(kinds(seen, 'CallDue').map((c: any) => c.dueOn)).toEqual([
      '2026-11-16',
      '2026-11-30',
      '2026-12-14',
      '2026-12-28',
    ])
    expect(kinds(seen, 'ReviewDue').map((c: any) => c.dueOn)).toEqual(['2026-11-30', '2026-12-28'])
  })

  it('at six months the step down to monthly is proposed, once', () => {
    const { seen, state } = run(start('2026-05-31'), '2027-01-31T00:00:00Z')
    expect(kinds(seen, 'Propose')).toEqual([
      expect.objectContaining({ to: 'MONTHLY', at: '2026-11-30T00:00:00.000Z' }),
    ])
    expect(state.proposal).toBe('MONTHLY')
  })

  it('a held proposal is asked again four weeks later', () => {
    const { seen } = run(start('2026-05-31'), '2027-01-15T00:00:00Z', [
      { at: '2026-12-01T09:00:00.000Z', signal: { type: 'ProposalHeld', at: '2026-12-01T09:00:00.000Z' } },
    ])
    expect(kinds(seen, 'Propose').map((p) => p.at)).toEqual([
      '2026-11-30T00:00:00.000Z',
      '2026-12-29T09:00:00.000Z',
    ])
  })

  it('monthly phase: the check-in falls due on the first pair weekday of each month', () => {
    const { seen } = run(start('2026-05-31'), '2027-03-01T00:00:00Z', [
      {
        at: '2026-12-01T09:00:00.000Z',
        signal: { type: 'PhaseChanged', to: 'MONTHLY', at: '2026-12-01T09:00:00.000Z' },
      },
    ])
    const due = kinds(seen, 'CheckInDue').filter((d) => d.at > '2026-12-01')
    expect(due.map((d: any) => d.dueAt.slice(0, 10))).toEqual(['2026-12-05', '2027-01-02', '2027-02-06'])
    expect(kinds(seen, 'CallDue').filter((c) => c.at > '2026-12-01')).toEqual([])
  })

  it('leave across a due date: nothing falls due or is missed while paused, and it resumes the day after `until`', () => {
    const { seen } = run(start('2026-11-02'), '2026-11-30T00:00:00Z', [
      {
        at: '2026-11-10T12:00:00.000Z',
        signal: { type: 'Paused', until: '2026-11-20', at: '2026-11-10T12:00:00.000Z' },
      },
    ])
    expect(kinds(seen, 'CheckInDue').map((d: any) => d.weekOf)).toEqual(['2026-11-02', '2026-11-23'])
    expect(kinds(seen, 'LeaveEnded')).toEqual([expect.objectContaining({ at: '2026-11-21T00:00:00.000Z' })])
  })

  it('Australia/Lord_Howe across both DST changes: due days start at local midnight', () => {
    const { seen } = run(start('2026-09-28', 'Australia/Lord_Howe'), '2027-04-12T00:00:00Z')
    const offsets = kinds(seen, 'CheckInDue').map((d) =>
      DateTime.fromISO(d.at).setZone('Australia/Lord_Howe').toFormat('HH:mm'),
    )
    expect(new Set(offsets)).toEqual(new Set(['00:00']))
    expect(kinds(seen, 'CheckInDue').length).toBe(28)
  })

  it('a start on the 31st steps down on the last day of the sixth month', () => {
    const { seen } = run(start('2026-08-31'), '2027-03-15T00:00:00Z')
    expect(kinds(seen, 'Propose')[0]).toMatchObject({ to: 'MONTHLY', at: '2027-02-28T00:00:00.000Z' })
  })

  it('an ended mentorship has nothing more to do', () => {
    const state = applySignal(start('2026-11-02'), {
      type: 'PhaseChanged',
      to: 'ENDED',
      at: '2026-11-03T00:00:00.000Z',
    })
    expect(nextOccurrence(state)).toBeNull()
  })
})
