import { z } from 'zod'
import { defineEvent, type EventOf } from '../shared/events.ts'

export const CallKindSchema = z.enum(['BIWEEKLY', 'REVIEW', 'PAIRING', 'OFFICE_HOURS'])
export type CallKind = z.infer<typeof CallKindSchema>
export const RoleSchema = z.enum(['MENTOR', 'MENTEE'])
export type Role = z.infer<typeof RoleSchema>

const ids = { callId: z.string().uuid(), mentorshipId: z.string().uuid() }
const instant = z.string().datetime({ offset: true })

/**
 * Who took an inconvenient time is recorded with the time itself: the pair's fairness ledger is
 * these events, so it survives every reschedule.
 */
export const CallScheduled = defineEvent(
  'CallScheduled',
  z.object({
    ...ids,
    kind: CallKindSchema,
    start: instant,
    end: instant,
    joinUrl: z.string(),
    inconvenientFor: z.array(RoleSchema),
    by: z.string().uuid(),
  }),
  { privateFields: ['joinUrl'] },
)

export const CallRescheduled = defineEvent(
  'CallRescheduled',
  z.object({
    ...ids,
    start: instant,
    end: instant,
    inconvenientFor: z.array(RoleSchema),
    by: z.string().uuid(),
  }),
)

export const CallCancelled = defineEvent(
  'CallCancelled',
  z.object({ ...ids, reason: z.string().nullable(), by: z.string().uuid() }),
  { privateFields: ['reason'] },
)

export const CallOutcomeRecorded = defineEvent(
  'CallOutcomeRecorded',
  z.object({
    ...ids,
    status: z.enum(['HELD', 'SKIPPED']),
    notes: z.string().nullable(),
    skippedBy: RoleSchema.nullable(),
    by: z.string().uuid(),
  }),
  { privateFields: ['notes'] },
)

/** A member's own agenda item; the rest of the agenda builds itself from the pair's record. */
export const AgendaItemAdded = defineEvent(
  'AgendaItemAdded',
  z.object({ ...ids, itemId: z.string(), text: z.string(), by: z.string().uuid() }),
  { privateFields: ['text'] },
)

export const AgendaReordered = defineEvent(
  'AgendaReordered',
  z.object({ ...ids, itemIds: z.array(z.string()), by: z.string().uuid() }),
)

export const AgendaItemTicked = defineEvent(
  'AgendaItemTicked',
  z.object({ ...ids, itemId: z.string(), done: z.boolean(), by: z.string().uuid() }),
)

export const callEvents = [
  CallScheduled,
  CallRescheduled,
  CallCancelled,
  CallOutcomeRecorded,
  AgendaItemAdded,
  AgendaReordered,
  AgendaItemTicked,
] as const
export type CallEvent = EventOf<(typeof callEvents)[number]>
