import { describe, expect, it } from 'vitest'
import { evolve as evolveMentorship, initialState as noMentorship } from '../mentorships/decider.ts'
import { given } from '../shared/givenWhenThen.ts'
import { decide, evolve, initialState, MAX_MARKDOWN } from './decider.ts'

const mentorshipId = '11111111-1111-4111-8111-111111111111'
const mentorId = '22222222-2222-4222-8222-222222222222'
const menteeId = '33333333-3333-4333-8333-333333333333'
const checkInId = '55555555-5555-4555-8555-555555555555'
const pair = given({ initialState: noMentorship, evolve: evolveMentorship }, [
  {
    type: 'MentorshipStarted',
    data: {
      mentorshipId,
      mentorId,
      menteeId,
      startedOn: '2026-11-02',
      checkInWeekday: 5,
      responseWindowHours: 24,
      responseClock: 'WALL',
    },
  },
])
const weeks = { firstWeek: '2026-11-02', currentWeek: '2026-11-16' }
const checkIns = { initialState, evolve }
const submit = {
  type: 'SubmitCheckIn' as const,
  checkInId,
  weekOf: '2026-11-16',
  markdown: '## Week of 2026-11-16',
  by: menteeId,
}
const submitted = given(checkIns, [
  {
    type: 'CheckInSubmitted',
    data: { checkInId, mentorshipId, weekOf: '2026-11-16', markdown: 'x', by: menteeId },
  },
])

describe('check-in decider', () => {
  it('the mentee writes first: a submitted check-in is stored verbatim', () => {
    expect(decide(submit, given(checkIns, []), pair, weeks)).toEqual([
      {
        type: 'CheckInSubmitted',
        data: { checkInId, mentorshipId, weekOf: '2026-11-16', markdown: submit.markdown, by: menteeId },
      },
    ])
  })

  it('one check-in per mentorship and week', () => {
    expect(() => decide(submit, submitted, pair, weeks)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', reason: 'check_in_exists' }),
    )
  })

  it('only the mentee submits; only the mentor replies', () => {
    expect(() => decide({ ...submit, by: mentorId }, given(checkIns, []), pair, weeks)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    )
    const reply = { type: 'ReplyToCheckIn' as const, replyId: checkInId, markdown: 'Nice', by: menteeId }
    expect(() => decide(reply, submitted, pair, weeks)).toThrow(
      expect.objectContaining({ reason: 'mentor_only' }),
    )
    expect(decide({ ...reply, by: mentorId }, submitted, pair, weeks)[0]!.type).toBe('ReplyWritten')
  })

  it('a past week on or after the start may be submitted, a week before it or in the future may not', () => {
    expect(decide({ ...submit, weekOf: '2026-11-02' }, given(checkIns, []), pair, weeks)).toHaveLength(1)
    expect(() => decide({ ...submit, weekOf: '2026-10-26' }, given(checkIns, []), pair, weeks)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    )
    expect(() => decide({ ...submit, weekOf: '2026-11-23' }, given(checkIns, []), pair, weeks)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    )
  })

  it('an outsider is told the mentorship does not exist', () => {
    expect(() =>
      decide({ ...submit, by: '44444444-4444-4444-8444-444444444444' }, given(checkIns, []), pair, weeks),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })

  it('empty or oversized Markdown is refused, naming the field', () => {
    expect(() => decide({ ...submit, markdown: '  \n' }, given(checkIns, []), pair, weeks)).toThrow(
      expect.objectContaining({ fields: [expect.objectContaining({ field: 'input.markdown' })] }),
    )
    expect(() =>
      decide({ ...submit, markdown: 'x'.repeat(MAX_MARKDOWN + 1) }, given(checkIns, []), pair, weeks),
    ).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }))
  })

  it('an edit is its own event; the same text again records nothing', () => {
    const edit = { type: 'EditCheckIn' as const, markdown: 'y', by: menteeId }
    expect(decide(edit, submitted, pair, weeks)).toEqual([
      { type: 'CheckInEdited', data: { checkInId, mentorshipId, markdown: 'y', by: menteeId } },
    ])
    expect(decide({ ...edit, markdown: 'x' }, submitted, pair, weeks)).toEqual([])
  })
})
