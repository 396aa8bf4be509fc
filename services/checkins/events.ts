import { z } from 'zod'
import { defineEvent, type EventOf } from '../shared/events.ts'

const ids = { checkInId: z.string().uuid(), mentorshipId: z.string().uuid() }

/** Stored verbatim; sections, warnings and lateness are derived when projected, never stored. */
export const CheckInSubmitted = defineEvent(
  'CheckInSubmitted',
  z.object({
    ...ids,
    weekOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    markdown: z.string(),
    by: z.string().uuid(),
  }),
  { privateFields: ['markdown'] },
)

export const CheckInEdited = defineEvent(
  'CheckInEdited',
  z.object({ ...ids, markdown: z.string(), by: z.string().uuid() }),
  { privateFields: ['markdown'] },
)

export const ReplyWritten = defineEvent(
  'ReplyWritten',
  z.object({ ...ids, replyId: z.string().uuid(), markdown: z.string(), by: z.string().uuid() }),
  { privateFields: ['markdown'] },
)

export const checkInEvents = [CheckInSubmitted, CheckInEdited, ReplyWritten] as const
export type CheckInEvent = EventOf<(typeof checkInEvents)[number]>
