import { describe, expect, it } from 'vitest'
import { given } from '../shared/givenWhenThen.ts'
import { decide, questionAggregate } from './decider.ts'
import type { QuestionEvent } from './events.ts'

const ids = {
  questionId: '11111111-1111-4111-8111-111111111111',
  mentorshipId: '22222222-2222-4222-8222-222222222222',
}
const mentee = '33333333-3333-4333-8333-333333333333'
const mentor = '44444444-4444-4444-8444-444444444444'
const asked: QuestionEvent = {
  type: 'QuestionAsked',
  data: {
    ...ids,
    askedBy: mentee,
    responderId: mentor,
    title: 'Why does the migration lock?',
    body: null,
    urgency: 'THIS_WEEK',
    context: { goal: 'Ship the migration', tried: 'Ran it twice', errors: null, hypothesis: null },
    checkInId: null,
    askedAt: '2026-11-20T12:00:00.000Z',
    dueAt: '2026-11-21T12:00:00.000Z',
  },
}
const answer = (by: string): QuestionEvent => ({
  type: 'QuestionAnswered',
  data: { ...ids, answerId: '55555555-5555-4555-8555-555555555555', body: 'Use a lock timeout.', by },
})
const open = () => given(questionAggregate, [asked])

describe('questions: who may change what, and when', () => {
  it('a question is asked once', () => {
    const { type: _, ...command } = { ...asked.data, type: 'Ask' as const }
    expect(() => decide({ type: 'Ask', ...command }, open())).toThrow(/already been asked/)
  })

  it('the responder’s answer closes the window; the asker’s own follow-up does not', () => {
    expect(given(questionAggregate, [asked, answer(mentee)]).status).toBe('OPEN')
    expect(given(questionAggregate, [asked, answer(mentor)]).status).toBe('ANSWERED')
  })

  it('a resolved question takes no more answers, and resolving twice records once', () => {
    const resolved = given(questionAggregate, [
      asked,
      { type: 'QuestionResolved', data: { ...ids, by: mentee } },
    ])
    expect(() =>
      decide({ type: 'Answer', answerId: ids.questionId, body: 'late', by: mentor }, resolved),
    ).toThrow(/resolved/)
    expect(decide({ type: 'Resolve', by: mentor }, resolved)).toEqual([])
  })

  it('only the mentor reclassifies, only while open, and the new deadline is recorded with the change', () => {
    const command = {
      type: 'Reclassify' as const,
      to: 'CAN_WAIT' as const,
      dueAt: '2026-11-27T00:00:00.000Z',
      by: mentee,
    }
    expect(() => decide({ ...command, byMentor: false }, open())).toThrow(/only the pair’s mentor/)
    expect(decide({ ...command, by: mentor, byMentor: true }, open())).toEqual([
      {
        type: 'QuestionReclassified',
        data: { ...ids, from: 'THIS_WEEK', to: 'CAN_WAIT', dueAt: '2026-11-27T00:00:00.000Z', by: mentor },
      },
    ])
    const answered = given(questionAggregate, [asked, answer(mentor)])
    expect(() => decide({ ...command, by: mentor, byMentor: true }, answered)).toThrow(/already answered/)
  })

  it('escalation only raises the urgency, and never gives the responder more time', () => {
    const escalate = (to: 'BLOCKING' | 'CAN_WAIT', dueAt: string) =>
      decide({ type: 'Escalate', to, dueAt, by: mentee, byMentee: true }, open())
    expect(() => escalate('CAN_WAIT', '2026-11-30T00:00:00.000Z')).toThrow(/more urgent than THIS_WEEK/)
    // A blocking window that would end after the old deadline keeps the old one.
    expect(escalate('BLOCKING', '2026-11-23T18:00:00.000Z')[0]!.data).toMatchObject({
      to: 'BLOCKING',
      dueAt: '2026-11-21T12:00:00.000Z',
    })
    expect(escalate('BLOCKING', '2026-11-20T16:00:00.000Z')[0]!.data).toMatchObject({
      dueAt: '2026-11-20T16:00:00.000Z',
    })
    expect(() =>
      decide({ type: 'Escalate', to: 'BLOCKING', dueAt: null, by: mentor, byMentee: false }, open()),
    ).toThrow(/only the pair’s mentee/)
  })

  it('a deadline is overdue once: after it passes, unanswered, and again only after a new deadline', () => {
    const before = decide({ type: 'MarkOverdue', now: '2026-11-21T11:59:59.999Z' }, open())
    expect(before).toEqual([])
    const at = decide({ type: 'MarkOverdue', now: '2026-11-21T12:00:00.000Z' }, open())
    expect(at).toEqual([{ type: 'QuestionOverdue', data: { ...ids, dueAt: '2026-11-21T12:00:00.000Z' } }])
    const overdue = given(questionAggregate, [asked, ...at])
    expect(decide({ type: 'MarkOverdue', now: '2026-11-22T00:00:00.000Z' }, overdue)).toEqual([])
    const answered = given(questionAggregate, [asked, answer(mentor)])
    expect(decide({ type: 'MarkOverdue', now: '2026-11-22T00:00:00.000Z' }, answered)).toEqual([])
    const moved = given(questionAggregate, [
      asked,
      ...at,
      {
        type: 'QuestionReclassified',
        data: { ...ids, from: 'THIS_WEEK', to: 'CAN_WAIT', dueAt: '2026-11-27T00:00:00.000Z', by: mentor },
      },
    ])
    expect(decide({ type: 'MarkOverdue', now: '2026-11-26T00:00:00.000Z' }, moved)).toEqual([])
    expect(decide({ type: 'MarkOverdue', now: '2026-11-27T00:00:00.000Z' }, moved)).toHaveLength(1)
  })

  it('a question that can wait with nothing scheduled never falls overdue', () => {
    const waiting = given(questionAggregate, [
      { ...asked, data: { ...asked.data, urgency: 'CAN_WAIT', dueAt: null } },
    ])
    expect(decide({ type: 'MarkOverdue', now: '2030-01-01T00:00:00.000Z' }, waiting)).toEqual([])
  })

  it('flagging for the call records only a change', () => {
    expect(decide({ type: 'FlagForCall', flagged: false, by: mentee }, open())).toEqual([])
    expect(decide({ type: 'FlagForCall', flagged: true, by: mentee }, open())).toHaveLength(1)
  })
})
