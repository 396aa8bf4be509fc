import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { healthSignals, signalChanges, SIGNAL_KINDS, type Signal, type SignalKind } from './health.ts'
import { addDays } from './week.ts'

import { FIRST_WEEK, HEALTHY, mondays, table, W, weeks, type Facts } from './healthCases.ts'

describe('CALLS_UNUSED: the mentee isn’t using the video call', () => {
  table('CALLS_UNUSED', [
    {
      rule: 'the last two calls skipped, weeks apart, raise it',
      weeks: weeks({ calls: ['HELD'] }, { calls: ['SKIPPED'] }, {}, { calls: ['SKIPPED'] }, {}),
      explanation: `the last 2 calls were skipped (weeks of ${W[1]} and ${W[3]})`,
    },
    {
      rule: 'two skipped in the same week name that week once',
      weeks: weeks({ calls: ['SKIPPED', 'SKIPPED'] }),
      explanation: `the last 2 calls were skipped (week of ${W[0]})`,
    },
    {
      rule: 'a longer run is counted whole',
      weeks: weeks({ calls: ['SKIPPED'] }, {}, { calls: ['SKIPPED'] }, {}, { calls: ['SKIPPED'] }),
      explanation: `the last 3 calls were skipped (weeks of ${W[0]}, ${W[2]} and ${W[4]})`,
    },
    {
      rule: 'one skipped call, at the threshold’s edge, is not yet a sign',
      weeks: weeks({ calls: ['HELD'] }, {}, { calls: ['SKIPPED'] }),
      explanation: null,
    },
    {
      rule: 'a held call last clears it',
      weeks: weeks({ calls: ['SKIPPED'] }, { calls: ['SKIPPED', 'HELD'] }),
      explanation: null,
    },
    {
      rule: 'a single call ever, skipped, is one call',
      weeks: weeks({}, { calls: ['SKIPPED'] }),
      explanation: null,
    },
    {
      rule: 'no calls at all is not skipping them',
      weeks: weeks({}, {}, {}, {}),
      explanation: null,
    },
  ])
})

describe('CALLS_OVERUSED: over-reliance on video calls', () => {
  table('CALLS_OVERUSED', [
    {
      rule: 'more than one call held a week, three weeks running, raises it',
      weeks: weeks(
        {},
        { calls: ['HELD', 'HELD'] },
        { calls: ['HELD', 'HELD', 'HELD'] },
        { calls: ['HELD', 'SKIPPED', 'HELD'] },
      ),
      explanation: `more than one call held a week for 3 weeks in a row (weeks of ${W[1]}, ${W[2]} and ${W[3]}: 2, 3 and 2 calls)`,
    },
    {
      rule: 'one call a week is not more than one',
      weeks: weeks({ calls: ['HELD'] }, { calls: ['HELD'] }, { calls: ['HELD'] }),
      explanation: null,
    },
    {
      rule: 'two weeks are not yet three',
      weeks: weeks({ calls: ['HELD', 'HELD'] }, { calls: ['HELD', 'HELD'] }),
      explanation: null,
    },
    {
      rule: 'a week with one call last breaks the run',
      weeks: weeks(
        { calls: ['HELD', 'HELD'] },
        { calls: ['HELD', 'HELD'] },
        { calls: ['HELD', 'HELD'] },
        { calls: ['HELD'] },
      ),
      explanation: null,
    },
    {
      rule: 'skipped calls were not relied on',
      weeks: weeks(
        { calls: ['HELD', 'SKIPPED'] },
        { calls: ['HELD', 'SKIPPED'] },
        { calls: ['SKIPPED', 'HELD'] },
      ),
      explanation: null,
    },
    {
      rule: 'a week without calls between busy ones breaks the run',
      weeks: weeks({ calls: ['HELD', 'HELD'] }, {}, { calls: ['HELD', 'HELD'] }, { calls: ['HELD', 'HELD'] }),
      explanation: null,
    },
  ])
})

describe('CHECK_INS_UNANSWERED: no feedback loop', () => {
  const unanswered: Partial<Facts> = { replies: 0, replyHours: [] }
  table('CHECK_INS_UNANSWERED', [
    {
      rule: 'two submitted check-ins in a row without a reply raise it',
      weeks: weeks({}, unanswered, { ...unanswered, checkIn: 'LATE' }),
      explanation: `2 submitted check-ins in a row got no reply (weeks of ${W[1]} and ${W[2]})`,
    },
    {
      rule: 'weeks without a submitted check-in are skipped',
      weeks: weeks(
        unanswered,
        { ...unanswered, checkIn: 'MISSED' },
        { ...unanswered, checkIn: 'NOT_DUE' },
        unanswered,
      ),
      explanation: `2 submitted check-ins in a row got no reply (weeks of ${W[0]} and ${W[3]})`,
    },
    {
      rule: 'one unanswered check-in is not yet a pattern',
      weeks: weeks({}, unanswered),
      explanation: null,
    },
    {
      rule: 'an answered check-in last clears it',
      weeks: weeks(unanswered, unanswered, {}),
      explanation: null,
    },
    {
      rule: 'an answered one between two unanswered breaks the run',
      weeks: weeks(unanswered, {}, unanswered),
      explanation: null,
    },
    {
      rule: 'missed check-ins have nothing to answer',
      weeks: weeks({ ...unanswered, checkIn: 'MISSED' }, { ...unanswered, checkIn: 'MISSED' }),
      explanation: null,
    },
  ])
})

describe('ALWAYS_ON: treating async as always-on', () => {
  table('ALWAYS_ON', [
    {
      rule: 'more than a third outside working hours in the last two busy weeks raises it',
      weeks: weeks({}, { messages: 5, messagesOutsideHours: 2 }, { messages: 9, messagesOutsideHours: 4 }),
      explanation:
        `more than a third of messages written outside working hours in 2 busy weeks in a row ` +
        `(week of ${W[1]}: 2 of 5; week of ${W[2]}: 4 of 9)`,
    },
    {
      rule: 'exactly a third is not more than a third',
      weeks: weeks({ messages: 3, messagesOutsideHours: 1 }, { messages: 6, messagesOutsideHours: 2 }),
      explanation: null,
    },
    {
      rule: 'quiet weeks (fewer than 3 messages) are skipped',
      weeks: weeks(
        { messages: 3, messagesOutsideHours: 3 },
        { messages: 2, messagesOutsideHours: 0 },
        { messages: 4, messagesOutsideHours: 2 },
      ),
      explanation:
        `more than a third of messages written outside working hours in 2 busy weeks in a row ` +
        `(week of ${W[0]}: 3 of 3; week of ${W[2]}: 2 of 4)`,
    },
    {
      rule: 'quiet weeks alone tell nothing, however late their messages',
      weeks: weeks({ messages: 2, messagesOutsideHours: 2 }, { messages: 2, messagesOutsideHours: 2 }),
      explanation: null,
    },
    {
      rule: 'one busy week is not yet two',
      weeks: weeks({}, { messages: 5, messagesOutsideHours: 5 }),
      explanation: null,
    },
    {
      rule: 'a busy week inside hours last clears it',
      weeks: weeks(
        { messages: 5, messagesOutsideHours: 5 },
        { messages: 5, messagesOutsideHours: 5 },
        { messages: 5, messagesOutsideHours: 1 },
      ),
      explanation: null,
    },
  ])
})

describe('healthSignals: explanations are plain and name the weeks', () => {
  it('every raised signal names each of its weeks by date, in SIGNAL_KINDS order', () => {
    const bad: Partial<Facts> = {
      checkIn: 'MISSED',
      replyHours: [50],
      replies: 0,
      repliesWithHints: 0,
      questionsWithContext: 0,
      calls: ['SKIPPED'],
      messages: 3,
      messagesOutsideHours: 2,
    }
    const facts = weeks(
      {},
      { ...bad, checkIn: 'ON_TIME' },
      { ...bad, checkIn: 'ON_TIME' },
      { ...bad, checkIn: 'LATE' },
      bad,
      bad,
    )
    const signals = healthSignals(facts)
    expect(signals.map((s) => s.kind)).toEqual([
      'STOPPED_SUBMITTING',
      'REPLIES_LATE',
      'CALLS_UNUSED',
      'CHECK_INS_UNANSWERED',
      'ALWAYS_ON',
    ])
    for (const signal of signals) {
      expect(signal.explanation).toMatch(/weeks? of \d{4}-\d{2}-\d{2}/)
      expect(signal.explanation).not.toMatch(/[A-Z]{2,}_/) // no kinds or enum values in the text
    }
  })

  it('refuses weeks that are not Mondays, out of order, or facts that cannot be', () => {
    expect(() => healthSignals([{ ...HEALTHY, weekOf: '2026-11-03' }])).toThrow(RangeError)
    expect(() => healthSignals([...weeks({}, {})].reverse())).toThrow(RangeError)
    expect(() => healthSignals(weeks({ replies: 1, repliesWithHints: 2 }))).toThrow(RangeError)
    expect(() => healthSignals(weeks({ messages: 1, messagesOutsideHours: 2 }))).toThrow(RangeError)
    expect(() => healthSignals(weeks({ replyHours: [-1] }))).toThrow(RangeError)
    expect(() => healthSignals(weeks({ windowHours: 0 }))).toThrow(RangeError)
  })
})

describe('signalChanges: raised and cleared between two weeks', () => {
  const signal = (kind: SignalKind, explanation = kind.toLowerCase()): Signal => ({ kind, explanation })

  it.each([
    {
      rule: 'a new signal is raised, a gone one is cleared, a lasting one is neither',
      before: [signal('STOPPED_SUBMITTING'), signal('ALWAYS_ON')],
      after: [signal('STOPPED_SUBMITTING'), signal('REPLIES_LATE')],
      raised: [signal('REPLIES_LATE')],
      cleared: ['ALWAYS_ON'],
    },
    {
      rule: 'a lasting signal whose explanation grew (a longer streak) is not raised again',
      before: [signal('STOPPED_SUBMITTING', '2 check-ins missed in a row')],
      after: [signal('STOPPED_SUBMITTING', '3 check-ins missed in a row')],
      raised: [],
      cleared: [],
    },
    {
      rule: 'from nothing, everything is raised',
      before: [],
      after: [signal('CALLS_UNUSED'), signal('CALLS_OVERUSED')],
      raised: [signal('CALLS_UNUSED'), signal('CALLS_OVERUSED')],
      cleared: [],
    },
    {
      rule: 'to nothing, everything is cleared, in SIGNAL_KINDS order',
      before: [signal('ALWAYS_ON'), signal('REPLIES_VAGUE')],
      after: [],
      raised: [],
      cleared: ['REPLIES_VAGUE', 'ALWAYS_ON'],
    },
  ])('$rule', ({ before, after, raised, cleared }) => {
    expect(signalChanges(before, after)).toEqual({ raised, cleared })
  })

  it('a week that restarts submitting clears STOPPED_SUBMITTING; a second miss raises it', () => {
    const missed: Partial<Facts> = { checkIn: 'MISSED' }
    const history = weeks({}, missed, missed, {})
    const at = (n: number) => healthSignals(history.slice(0, n))
    expect(signalChanges(at(2), at(3)).raised.map((s) => s.kind)).toEqual(['STOPPED_SUBMITTING'])
    expect(signalChanges(at(3), at(4))).toEqual({ raised: [], cleared: ['STOPPED_SUBMITTING'] })
  })
})

// Facts for any week, within what the validation accepts.
const facts: fc.Arbitrary<Facts> = fc
  .record({
    checkIn: fc.constantFrom('ON_TIME', 'LATE', 'MISSED', 'NOT_DUE'),
    replyHours: fc.array(fc.integer({ min: 0, max: 72 }), { maxLength: 4 }),
    windowHours: fc.constantFrom(8, 24, 48),
    replies: fc.integer({ min: 0, max: 4 }),
    hinted: fc.integer({ min: 0, max: 4 }),
    questionsWithContext: fc.integer({ min: 0, max: 2 }),
    calls: fc.array(fc.constantFrom('HELD', 'SKIPPED'), { maxLength: 3 }),
    messages: fc.integer({ min: 0, max: 8 }),
    outside: fc.integer({ min: 0, max: 8 }),
  })
  .map(({ hinted, outside, ...f }) => ({
    ...f,
    repliesWithHints: Math.min(hinted, f.replies),
    messagesOutsideHours: Math.min(outside, f.messages),
  }))

describe('healthSignals: a property', () => {
  it('signals depend only on the weeks’ facts, not on how many older healthy weeks precede them', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 8 }), fc.integer({ min: 1, max: 8 }), (recent, older) => {
        const start = addDays(FIRST_WEEK, 7 * older)
        const dated = recent.map((f, i) => ({ ...f, weekOf: addDays(start, 7 * i) }))
        const healthy = mondays(older).map((weekOf, i) => ({
          ...HEALTHY,
          calls: i % 2 === 0 ? ['HELD' as const] : [],
          weekOf,
        }))
        expect(healthSignals([...healthy, ...dated])).toEqual(healthSignals(dated))
      }),
      { numRuns: 500 },
    )
  })

  it('signals come in SIGNAL_KINDS order, once each, and a week compared with itself changes nothing', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 8 }), (recent) => {
        const signals = healthSignals(recent.map((f, i) => ({ ...f, weekOf: addDays(FIRST_WEEK, 7 * i) })))
        const kinds = signals.map((s) => s.kind)
        expect(kinds).toEqual(SIGNAL_KINDS.filter((k) => kinds.includes(k)))
        expect(signalChanges(signals, signals)).toEqual({ raised: [], cleared: [] })
      }),
      { numRuns: 300 },
    )
  })
})
