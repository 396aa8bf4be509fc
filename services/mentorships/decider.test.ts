import { describe, expect, it } from 'vitest'
import { given } from '../shared/givenWhenThen.ts'
import { decide, evolve, initialState } from './decider.ts'
import type { MentorshipEvent } from './events.ts'

const mentorship = { initialState, evolve }
const ids = {
  mentorshipId: '11111111-1111-4111-8111-111111111111',
  mentorId: '22222222-2222-4222-8222-222222222222',
  menteeId: '33333333-3333-4333-8333-333333333333',
}
const started: MentorshipEvent = {
  type: 'MentorshipStarted',
  data: {
    ...ids,
    startedOn: '2026-05-31',
    checkInWeekday: 5,
    responseWindowHours: 24,
    responseClock: 'WALL',
    blockingWindowHours: 4,
  },
}
const admin = { personId: null, admin: true }
const mentee = { personId: ids.menteeId, admin: false }
const stranger = { personId: '44444444-4444-4444-8444-444444444444', admin: false }

describe('mentorship decider', () => {
  it('a mentorship starts once', () => {
    const state = given(mentorship, [started])
    expect(() => decide({ type: 'StartMentorship', ...started.data }, state, admin)).toThrow(
      /already started/,
    )
  })

  it('a mentorship the caller is not part of does not exist for them', () => {
    const state = given(mentorship, [started])
    expect(() => decide({ type: 'Pause', until: null, reason: 'x' }, state, stranger)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    )
  })

  it('leave pauses once, and resuming needs a pause', () => {
    const paused = given(mentorship, [
      started,
      {
        type: 'MentorshipPaused',
        data: { mentorshipId: ids.mentorshipId, until: '2026-07-01', reason: 'vacation' },
      },
    ])
    expect(paused.paused).toBe(true)
    expect(() => decide({ type: 'Pause', until: null, reason: 'again' }, paused, mentee)).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    )
    expect(decide({ type: 'Resume' }, paused, mentee)).toEqual([
      { type: 'MentorshipResumed', data: { mentorshipId: ids.mentorshipId } },
    ])
    expect(() => decide({ type: 'Resume' }, given(mentorship, [started]), mentee)).toThrow(
      expect.objectContaining({ reason: 'not_paused' }),
    )
  })

  it('a member confirms a proposed step down, or holds it', () => {
    const proposed = given(mentorship, [
      started,
      {
        type: 'PhaseChangeProposed',
        data: { mentorshipId: ids.mentorshipId, from: 'WEEKLY', to: 'MONTHLY' },
      },
    ])
    expect(decide({ type: 'RespondToProposal', accept: true }, proposed, mentee)[0]).toMatchObject({
      type: 'MentorshipPhaseChanged',
      data: { from: 'WEEKLY', to: 'MONTHLY' },
    })
    expect(decide({ type: 'RespondToProposal', accept: false }, proposed, mentee)[0]).toMatchObject({
      type: 'PhaseProposalHeld',
    })
    expect(() =>
      decide({ type: 'RespondToProposal', accept: true }, given(mentorship, [started]), mentee),
    ).toThrow(expect.objectContaining({ reason: 'no_proposal' }))
  })

  it('an ended mentorship takes no more commands', () => {
    const ended = given(mentorship, [
      started,
      {
        type: 'MentorshipPhaseChanged',
        data: { mentorshipId: ids.mentorshipId, from: 'WEEKLY', to: 'ENDED', reason: 'left' },
      },
    ])
    expect(() => decide({ type: 'Transition', to: 'WEEKLY', reason: 'back' }, ended, admin)).toThrow(
      expect.objectContaining({ reason: 'mentorship_ended' }),
    )
  })

  it('settings that do not change record nothing', () => {
    const state = given(mentorship, [started])
    expect(decide({ type: 'ChangeSettings', changes: { checkInWeekday: 5 } }, state, admin)).toEqual([])
    expect(decide({ type: 'ChangeSettings', changes: { checkInWeekday: 3 } }, state, admin)).toEqual([
      { type: 'MentorshipSettingsChanged', data: { mentorshipId: ids.mentorshipId, checkInWeekday: 3 } },
    ])
  })
})
