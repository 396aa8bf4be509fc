import { MAX_NESTING, nestingDepth } from '../markdown/nesting.ts'
import { isMember, type MentorshipState } from '../mentorships/decider.ts'
import { badField, conflict, forbidden, notFound } from '../shared/errors.ts'
import type { AnyEvent } from '../shared/events.ts'
import type { CheckInEvent } from './events.ts'

/** One check-in stream per mentorship and week: its id follows from both (services/shared/ids.ts). */
export interface CheckInState {
  exists: boolean
  checkInId: string
  mentorshipId: string
  weekOf: string
  markdown: string
  replies: number
}

export const initialState: CheckInState = {
  exists: false,
  checkInId: '',
  mentorshipId: '',
  weekOf: '',
  markdown: '',
  replies: 0,
}

export function evolve(state: CheckInState, event: AnyEvent): CheckInState {
  const e = event as CheckInEvent
  switch (e.type) {
    case 'CheckInSubmitted':
      return { ...state, exists: true, ...e.data, replies: 0 }
    case 'CheckInEdited':
      return { ...state, markdown: e.data.markdown }
    case 'ReplyWritten':
      return { ...state, replies: state.replies + 1 }
    default:
      return state
  }
}

/**
 * Twice the longest of 332 real weekly reports (17.6 KB). Parsing is superlinear in the worst
 * shapes (100 KiB of list items took over a second to render, holding the server), so the cap
 * also bounds what one read can cost before the text is remembered.
 */
export const MAX_MARKDOWN = 32 * 1024

export type CheckInCommand =
  | { type: 'SubmitCheckIn'; checkInId: string; weekOf: string; markdown: string; by: string }
  | { type: 'EditCheckIn'; markdown: string; by: string }
  | { type: 'ReplyToCheckIn'; replyId: string; markdown: string; by: string }

/** The pair's week bounds, computed by the handler from the rules in services/rules/week.ts. */
export interface WeekBounds {
  firstWeek: string
  currentWeek: string
}

export function decide(
  command: CheckInCommand,
  state: CheckInState,
  mentorship: MentorshipState,
  weeks: WeekBounds,
): CheckInEvent[] {
  if (!mentorship.exists || !isMember(mentorship, command.by)) {
    throw notFound(command.type === 'SubmitCheckIn' ? 'mentorship' : 'check_in')
  }
  if (mentorship.phase === 'ENDED') throw conflict('mentorship_ended', 'this mentorship has ended')
  requireMarkdown(command.markdown)
  const mentorshipId = mentorship.mentorshipId
  switch (command.type) {
    case 'SubmitCheckIn': {
      if (command.by !== mentorship.menteeId)
        throw forbidden('mentee_only', 'only the mentee submits check-ins')
      if (command.weekOf < weeks.firstWeek) {
        throw badField('input.weekOf', `must be on or after the mentorship's first week (${weeks.firstWeek})`)
      }
      if (command.weekOf > weeks.currentWeek) {
        throw badField('input.weekOf', `must not be after the current week (${weeks.currentWeek})`)
      }
      if (state.exists)
        throw conflict('check_in_exists', `a check-in for the week of ${command.weekOf} exists`)
      const { checkInId, weekOf, markdown, by } = command
      return [{ type: 'CheckInSubmitted', data: { checkInId, mentorshipId, weekOf, markdown, by } }]
    }
    case 'EditCheckIn': {
      if (!state.exists) throw notFound('check_in')
      if (command.by !== mentorship.menteeId)
        throw forbidden('mentee_only', 'only the mentee edits a check-in')
      if (command.markdown === state.markdown) return []
      return [
        {
          type: 'CheckInEdited',
          data: { checkInId: state.checkInId, mentorshipId, markdown: command.markdown, by: command.by },
        },
      ]
    }
    case 'ReplyToCheckIn': {
      if (!state.exists) throw notFound('check_in')
      if (command.by !== mentorship.mentorId)
        throw forbidden('mentor_only', 'only the mentor replies to a check-in')
      const { replyId, markdown, by } = command
      return [
        { type: 'ReplyWritten', data: { checkInId: state.checkInId, mentorshipId, replyId, markdown, by } },
      ]
    }
  }
}

function requireMarkdown(markdown: string) {
  if (markdown.trim() === '') throw badField('input.markdown', 'must not be empty')
  if (Buffer.byteLength(markdown) > MAX_MARKDOWN) {
    throw badField('input.markdown', `must be at most ${MAX_MARKDOWN} bytes`)
  }
  if (nestingDepth(markdown) > MAX_NESTING) {
    throw badField('input.markdown', `must not nest quotes and lists over ${MAX_NESTING} deep`)
  }
}
