import { z } from 'zod'
import { defineEvent, type EventOf } from '../shared/events.ts'

export const ResourceKindSchema = z.enum(['ARTICLE', 'DIAGRAM', 'VIDEO', 'RUNNABLE_EXAMPLE'])

/** A pair's decision log entry: the article's context, decision and why. */
export const DecisionRecorded = defineEvent(
  'DecisionRecorded',
  z.object({
    decisionId: z.string().uuid(),
    mentorshipId: z.string().uuid(),
    title: z.string(),
    context: z.string(),
    decision: z.string(),
    why: z.string(),
    by: z.string().uuid(),
  }),
  { privateFields: ['title', 'context', 'decision', 'why'] },
)

/** The program's resource library: written for everyone in it, so nothing in it is private. */
export const ResourceAdded = defineEvent(
  'ResourceAdded',
  z.object({
    resourceId: z.string().uuid(),
    title: z.string(),
    url: z.string().nullable(),
    body: z.string().nullable(),
    kind: ResourceKindSchema,
    tags: z.array(z.string()),
    by: z.string(),
  }),
)

export const recordEvents = [DecisionRecorded, ResourceAdded] as const
export type RecordEvent = EventOf<(typeof recordEvents)[number]>
