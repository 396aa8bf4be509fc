import { describe, expect, it } from 'vitest'
import { healthSignals } from './health.ts'

import { table, W, weeks } from './healthCases.ts'

describe('healthSignals: no signal for a healthy program', () => {
  it('no weeks, one week or ten healthy weeks raise nothing', () => {
    expect(healthSignals([])).toEqual([])
    expect(healthSignals(weeks({}))).toEqual([])
    expect(
      healthSignals(
        weeks(...Array.from({ length: 10 }, (_, i) => ({ calls: i % 2 ? [] : ['HELD' as const] }))),
      ),
    ).toEqual([])
  })
})

describe('STOPPED_SUBMITTING: the mentee stops submitting weekly updates', () => {
  table('STOPPED_SUBMITTING', [
    {
      rule: 'two due weeks missed in a row raise it, naming both weeks',
      weeks: weeks({}, { checkIn: 'MISSED' }, { checkIn: 'MISSED' }),
      explanation: `2 check-ins missed in a row (weeks of ${W[1]} and ${W[2]})`,
    },
    {
      rule: 'a week with nothing due between two misses is skipped, not a break',
      weeks: weeks({ checkIn: 'MISSED' }, { checkIn: 'NOT_DUE' }, { checkIn: 'MISSED' }),
      explanation: `2 check-ins missed in a row (weeks of ${W[0]} and ${W[2]})`,
    },
    {
      rule: 'a week with nothing due after two misses leaves it raised',
      weeks: weeks({ checkIn: 'MISSED' }, { checkIn: 'MISSED' }, { checkIn: 'NOT_DUE' }),
      explanation: `2 check-ins missed in a row (weeks of ${W[0]} and ${W[1]})`,
    },
    {
      rule: 'a longer streak is described whole',
      weeks: weeks({ checkIn: 'MISSED' }, { checkIn: 'MISSED' }, { checkIn: 'MISSED' }),
      explanation: `3 check-ins missed in a row (weeks of ${W[0]}, ${W[1]} and ${W[2]})`,
    },
    {
      rule: 'one missed week, at the threshold’s edge, is not yet a sign',
      weeks: weeks({}, { checkIn: 'MISSED' }),
      explanation: null,
    },
    {
      rule: 'a late check-in after a miss breaks the streak',
      weeks: weeks({ checkIn: 'MISSED' }, { checkIn: 'LATE' }),
      explanation: null,
    },
    {
      rule: 'submitting again clears it',
      weeks: weeks({ checkIn: 'MISSED' }, { checkIn: 'MISSED' }, {}),
      explanation: null,
    },
    {
      rule: 'weeks with nothing due are not missed weeks',
      weeks: weeks({ checkIn: 'NOT_DUE' }, { checkIn: 'NOT_DUE' }),
      explanation: null,
    },
  ])
})

describe('REPLIES_LATE: the mentor responds too slowly', () => {
  table('REPLIES_LATE', [
    {
      rule: 'a median over the window in each of the last 3 weeks with replies raises it',
      weeks: weeks({}, { replyHours: [30] }, { replyHours: [36, 20, 40] }, { replyHours: [28] }),
      explanation:
        `median reply time over the response window in 3 weeks with replies in a row ` +
        `(week of ${W[1]}: 30 h against 24 h; week of ${W[2]}: 36 h against 24 h; week of ${W[3]}: 28 h against 24 h)`,
    },
    {
      rule: 'a median exactly at the window is on time',
      weeks: weeks({ replyHours: [24] }, { replyHours: [24] }, { replyHours: [20, 28] }),
      explanation: null,
    },
    {
      rule: 'weeks without replies are skipped',
      weeks: weeks(
        { replyHours: [30] },
        { replyHours: [] },
        { replyHours: [30] },
        { replyHours: [], replies: 0 },
        { replyHours: [30] },
      ),
      explanation:
        `median reply time over the response window in 3 weeks with replies in a row ` +
        `(week of ${W[0]}: 30 h against 24 h; week of ${W[2]}: 30 h against 24 h; week of ${W[4]}: 30 h against 24 h)`,
    },
    {
      rule: 'the median of an even count is the mean of the middle two, and each week has its own window',
      weeks: weeks({ replyHours: [20, 30] }, { replyHours: [10, 50], windowHours: 29 }, { replyHours: [25] }),
      explanation:
        `median reply time over the response window in 3 weeks with replies in a row ` +
        `(week of ${W[0]}: 25 h against 24 h; week of ${W[1]}: 30 h against 29 h; week of ${W[2]}: 25 h against 24 h)`,
    },
    {
      rule: 'one very slow reply does not move the median',
      weeks: weeks({ replyHours: [1, 2, 100] }, { replyHours: [1, 2, 100] }, { replyHours: [1, 2, 100] }),
      explanation: null,
    },
    {
      rule: 'two late weeks after an on-time one are not yet three',
      weeks: weeks({ replyHours: [5] }, { replyHours: [30] }, { replyHours: [30] }),
      explanation: null,
    },
    {
      rule: 'two weeks of history are not enough',
      weeks: weeks({ replyHours: [30] }, { replyHours: [30] }),
      explanation: null,
    },
    {
      rule: 'a fast week clears it',
      weeks: weeks({ replyHours: [30] }, { replyHours: [30] }, { replyHours: [30] }, { replyHours: [3] }),
      explanation: null,
    },
  ])
})

describe('REPLIES_VAGUE: the mentor responds vaguely', () => {
  table('REPLIES_VAGUE', [
    {
      rule: 'more than half the replies with hints, 3 weeks with replies in a row, raises it',
      weeks: weeks(
        { replies: 3, repliesWithHints: 2 },
        { replies: 1, repliesWithHints: 1 },
        { replies: 4, repliesWithHints: 3 },
      ),
      explanation:
        `more than half the replies got feedback hints in 3 weeks with replies in a row ` +
        `(week of ${W[0]}: 2 of 3; week of ${W[1]}: 1 of 1; week of ${W[2]}: 3 of 4)`,
    },
    {
      rule: 'exactly half is not more than half',
      weeks: weeks(
        { replies: 2, repliesWithHints: 1 },
        { replies: 2, repliesWithHints: 1 },
        { replies: 4, repliesWithHints: 2 },
      ),
      explanation: null,
    },
    {
      rule: 'weeks without replies are skipped',
      weeks: weeks(
        { replies: 1, repliesWithHints: 1 },
        { replies: 0, replyHours: [] },
        { replies: 1, repliesWithHints: 1 },
        { replies: 1, repliesWithHints: 1 },
      ),
      explanation:
        `more than half the replies got feedback hints in 3 weeks with replies in a row ` +
        `(week of ${W[0]}: 1 of 1; week of ${W[2]}: 1 of 1; week of ${W[3]}: 1 of 1)`,
    },
    {
      rule: 'two vague weeks are not yet three',
      weeks: weeks(
        { replies: 2, repliesWithHints: 0 },
        { replies: 2, repliesWithHints: 2 },
        { replies: 2, repliesWithHints: 2 },
      ),
      explanation: null,
    },
    {
      rule: 'a clear week last clears it',
      weeks: weeks(
        { replies: 1, repliesWithHints: 1 },
        { replies: 1, repliesWithHints: 1 },
        { replies: 1, repliesWithHints: 1 },
        {},
      ),
      explanation: null,
    },
    {
      rule: 'no replies at all is not vagueness (it is CHECK_INS_UNANSWERED)',
      weeks: weeks(
        { replies: 0, replyHours: [] },
        { replies: 0, replyHours: [] },
        { replies: 0, replyHours: [] },
      ),
      explanation: null,
    },
  ])
})

describe('TRIVIAL_QUESTIONS_ONLY: the mentee avoids difficult topics', () => {
  table('TRIVIAL_QUESTIONS_ONLY', [
    {
      rule: 'four weeks of check-ins without a question with context raise it',
      weeks: weeks(
        {},
        { questionsWithContext: 0 },
        { questionsWithContext: 0 },
        { questionsWithContext: 0 },
        { questionsWithContext: 0 },
      ),
      explanation:
        `no question with context (what they are trying to do and what they tried) in 4 weeks, ` +
        `while 4 of those check-ins came in (weeks of ${W[1]}, ${W[2]}, ${W[3]} and ${W[4]})`,
    },
    {
      rule: 'three check-ins of four is enough (late ones count), at the threshold',
      weeks: weeks(
        { questionsWithContext: 0, checkIn: 'LATE' },
        { questionsWithContext: 0, checkIn: 'MISSED' },
        { questionsWithContext: 0 },
        { questionsWithContext: 0 },
      ),
      explanation:
        `no question with context (what they are trying to do and what they tried) in 4 weeks, ` +
        `while 3 of those check-ins came in (weeks of ${W[0]}, ${W[1]}, ${W[2]} and ${W[3]})`,
    },
    {
      rule: 'two check-ins of four: the mentee is quiet, not avoiding (STOPPED_SUBMITTING’s business)',
      weeks: weeks(
        { questionsWithContext: 0, checkIn: 'MISSED' },
        { questionsWithContext: 0, checkIn: 'NOT_DUE' },
        { questionsWithContext: 0 },
        { questionsWithContext: 0 },
      ),
      explanation: null,
    },
    {
      rule: 'one question with context in the four weeks is enough',
      weeks: weeks(
        { questionsWithContext: 1 },
        { questionsWithContext: 0 },
        { questionsWithContext: 0 },
        { questionsWithContext: 0 },
      ),
      explanation: null,
    },
    {
      rule: 'three weeks of history are not four',
      weeks: weeks({ questionsWithContext: 0 }, { questionsWithContext: 0 }, { questionsWithContext: 0 }),
      explanation: null,
    },
    {
      rule: 'a question with context in the latest week clears it',
      weeks: weeks(
        { questionsWithContext: 0 },
        { questionsWithContext: 0 },
        { questionsWithContext: 0 },
        { questionsWithContext: 0 },
        {},
      ),
      explanation: null,
    },
  ])
})
