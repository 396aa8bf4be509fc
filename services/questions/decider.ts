import type { AnyEvent } from '../shared/events.ts'
import { badField, conflict, forbidden, notFound } from '../shared/errors.ts'
import type { QuestionEvent, Urgency } from './events.ts'

export type QuestionStatus = 'OPEN' | 'ANSWERED' | 'RESOLVED'

export interface QuestionState {
  exists: boolean
  questionId: string
  mentorshipId: string
  askedBy: string
  responderId: string
  urgency: Urgency
  askedAt: string
  dueAt: string | null
  status: QuestionStatus
  overdue: boolean
  flagged: boolean
}

export const initialState: QuestionState = {
  exists: false,
  questionId: '',
  mentorshipId: '',
  askedBy: '',
  responderId: '',
  urgency: 'THIS_WEEK',
  askedAt: '',
  dueAt: null,
  status: 'OPEN',
  overdue: false,
  flagged: false,
}

export function evolve(state: QuestionState, event: AnyEvent): QuestionState {
  const e = event as QuestionEvent
  switch (e.type) {
    case 'QuestionAsked': {
      const d = e.data
      return {
        ...initialState,
        exists: true,
        questionId: d.questionId,
        mentorshipId: d.mentorshipId,
        askedBy: d.askedBy,
        responderId: d.responderId,
        urgency: d.urgency,
        askedAt: d.askedAt,
        dueAt: d.dueAt,
      }
    }
    case 'QuestionAnswered':
      return e.data.by !== state.askedBy && state.status === 'OPEN' ? { ...state, status: 'ANSWERED' } : state
    case 'QuestionResolved':
      return { ...state, status: 'RESOLVED' }
    case 'QuestionReclassified':
    case 'QuestionEscalated':
      // A new deadline is a new chance to be on time: overdue is about the current one.
      return { ...state, urgency: e.data.to, dueAt: e.data.dueAt, overdue: false }
    case 'QuestionFlaggedForCall':
      return { ...state, flagged: e.data.flagged }
    case 'QuestionOverdue':
      return { ...state, overdue: true }
    default:
      return state
  }
}

export const questionAggregate = { initialState, evolve }

/** Most urgent first: escalation only ever moves up this list. */
export const URGENCY_ORDER: readonly Urgency[] = ['BLOCKING', 'THIS_WEEK', 'CAN_WAIT']

export type QuestionCommand =
  | {
      type: 'Ask'
      questionId: string
      mentorshipId: string
      askedBy: string
      responderId: string
      title: string
      body: string | null
      urgency: Urgency
      context: { goal: string | null; tried: string | null; errors: string | null; hypothesis: string | null }
      checkInId: string | null
      askedAt: string
      dueAt: string | null
    }
  | { type: 'Answer'; answerId: string; body: string; by: string }
  | { type: 'Resolve'; by: string }
  | { type: 'Reclassify'; to: Urgency; dueAt: string | null; by: string; byMentor: boolean }
  | { type: 'Escalate'; to: Urgency; dueAt: string | null; by: string; byMentee: boolean }
  | { type: 'FlagForCall'; flagged: boolean; by: string }
  | { type: 'MarkOverdue'; now: string }

/**
 * Pure: the events a command on a question produces, or a DomainError. Membership of the pair
 * is checked by the handler (it knows the mentorship); roles within it arrive as flags.
 */
export function decide(command: QuestionCommand, state: QuestionState): QuestionEvent[] {
  if (command.type === 'Ask') {
    if (state.exists) throw conflict('question_exists', 'this question has already been asked')
    const { type: _, ...data } = command
    return [{ type: 'QuestionAsked', data }]
  }
  if (!state.exists) throw notFound('question')
  const ids = { questionId: state.questionId, mentorshipId: state.mentorshipId }
  switch (command.type) {
    case 'Answer':
      if (state.status === 'RESOLVED') throw conflict('question_resolved', 'this question is resolved')
      return [
        {
          type: 'QuestionAnswered',
          data: { ...ids, answerId: command.answerId, body: command.body, by: command.by },
        },
      ]
    case 'Resolve':
      return state.status === 'RESOLVED'
        ? []
        : [{ type: 'QuestionResolved', data: { ...ids, by: command.by } }]
    case 'Reclassify':
      if (!command.byMentor) throw forbidden('mentor_only', 'only the pair’s mentor reclassifies a question')
      requireOpen(state)
      if (command.to === state.urgency) return []
      return [
        {
          type: 'QuestionReclassified',
          data: { ...ids, from: state.urgency, to: command.to, dueAt: command.dueAt, by: command.by },
        },
      ]
    case 'Escalate': {
      if (!command.byMentee) throw forbidden('mentee_only', 'only the pair’s mentee escalates a question')
      requireOpen(state)
      if (URGENCY_ORDER.indexOf(command.to) >= URGENCY_ORDER.indexOf(state.urgency))
        throw badField('input.urgency', `must be more urgent than ${state.urgency}`)
      return [
        {
          type: 'QuestionEscalated',
          data: {
            ...ids,
            from: state.urgency,
            to: command.to,
            dueAt: earlier(state.dueAt, command.dueAt),
            by: command.by,
          },
        },
      ]
    }
    case 'FlagForCall':
      if (state.status === 'RESOLVED') throw conflict('question_resolved', 'this question is resolved')
      return command.flagged === state.flagged
        ? []
        : [{ type: 'QuestionFlaggedForCall', data: { ...ids, flagged: command.flagged, by: command.by } }]
    case 'MarkOverdue':
      return state.status === 'OPEN' &&
        !state.overdue &&
        state.dueAt !== null &&
        Date.parse(state.dueAt) <= Date.parse(command.now)
        ? [{ type: 'QuestionOverdue', data: { ...ids, dueAt: state.dueAt } }]
        : []
  }
}

function requireOpen(state: QuestionState) {
  if (state.status !== 'OPEN')
    throw conflict('question_closed', `this question is already ${state.status.toLowerCase()}`)
}

/** Escalating never gives the responder more time than they already had. */
function earlier(a: string | null, b: string | null) {
  if (a === null) return b
  if (b === null) return a
  return Date.parse(a) <= Date.parse(b) ? a : b
}
