import { z } from 'zod'
import { defineEvent, type EventOf } from '../shared/events.ts'

export const UrgencySchema = z.enum(['BLOCKING', 'THIS_WEEK', 'CAN_WAIT'])
export type Urgency = z.infer<typeof UrgencySchema>

const ids = { questionId: z.string().uuid(), mentorshipId: z.string().uuid() }
const instant = z.string().datetime({ offset: true })

/**
 * The deadline is computed when asked (from the responder's zone and hours, PRODUCT §3) and
 * stored: a later change of hours or window never moves a question already asked.
 */
export const QuestionAsked = defineEvent(
  'QuestionAsked',
  z.object({
    ...ids,
    askedBy: z.string().uuid(),
    responderId: z.string().uuid(),
    title: z.string(),
    body: z.string().nullable(),
    urgency: UrgencySchema,
    /** Null only for a question tracked from a check-in: the check-in is its context. */
    context: z.object({
      goal: z.string().nullable(),
      tried: z.string().nullable(),
      errors: z.string().nullable(),
      hypothesis: z.string().nullable(),
    }),
    checkInId: z.string().uuid().nullable(),
    askedAt: instant,
    dueAt: instant.nullable(),
  }),
  { privateFields: ['title', 'body', 'context'] },
)

export const QuestionAnswered = defineEvent(
  'QuestionAnswered',
  z.object({ ...ids, answerId: z.string().uuid(), body: z.string(), by: z.string().uuid() }),
  { privateFields: ['body'] },
)

export const QuestionResolved = defineEvent('QuestionResolved', z.object({ ...ids, by: z.string().uuid() }))

/** The mentor's judgement of the urgency; the deadline is counted again from when it was asked. */
export const QuestionReclassified = defineEvent(
  'QuestionReclassified',
  z.object({
    ...ids,
    from: UrgencySchema,
    to: UrgencySchema,
    dueAt: instant.nullable(),
    by: z.string().uuid(),
  }),
)

/** The asker raises the urgency; the new window runs from now, never past the old deadline. */
export const QuestionEscalated = defineEvent(
  'QuestionEscalated',
  z.object({
    ...ids,
    from: UrgencySchema,
    to: UrgencySchema,
    dueAt: instant.nullable(),
    by: z.string().uuid(),
  }),
)

export const QuestionFlaggedForCall = defineEvent(
  'QuestionFlaggedForCall',
  z.object({ ...ids, flagged: z.boolean(), by: z.string().uuid() }),
)

/** Recorded once per deadline that passes unanswered. */
export const QuestionOverdue = defineEvent('QuestionOverdue', z.object({ ...ids, dueAt: instant }))

export const questionEvents = [
  QuestionAsked,
  QuestionAnswered,
  QuestionResolved,
  QuestionReclassified,
  QuestionEscalated,
  QuestionFlaggedForCall,
  QuestionOverdue,
] as const
export type QuestionEvent = EventOf<(typeof questionEvents)[number]>
