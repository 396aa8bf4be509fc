import { z } from 'zod'
import { markdownText } from '../markdown/input.ts'
import { idempotencyKey, text, webUrl } from '../shared/validation.ts'
import { CallKindSchema, RoleSchema } from './events.ts'

const id = () => text().uuid()
const instant = text().refine((s) => {
  const ms = Date.parse(s)
  return (
    /^\d{4}-\d{2}-\d{2}T/.test(s) &&
    !Number.isNaN(ms) &&
    ms > Date.parse('2000-01-01T00:00:00Z') &&
    ms < Date.parse('2100-01-01T00:00:00Z')
  )
}, 'must be an ISO-8601 instant with its offset, between 2000 and 2100')
const minutes = z.number().int()

export const ScheduleCallInput = z.object({
  mentorshipId: id(),
  start: instant,
  durationMinutes: minutes,
  kind: CallKindSchema,
  joinUrl: webUrl().nullish(),
  idempotencyKey: idempotencyKey(),
})

export const RescheduleCallInput = z.object({
  callId: id(),
  start: instant,
  durationMinutes: minutes.nullish(),
  idempotencyKey: idempotencyKey(),
})

export const CancelCallInput = z.object({
  callId: id(),
  reason: text().trim().min(1).max(2000).nullish(),
  idempotencyKey: idempotencyKey(),
})

export const RecordCallOutcomeInput = z.object({
  callId: id(),
  status: z.enum(['HELD', 'SKIPPED']),
  notes: markdownText().nullish(),
  skippedBy: RoleSchema.nullish(),
  idempotencyKey: idempotencyKey(),
})

export const AddAgendaItemInput = z.object({
  callId: id(),
  text: text().trim().min(1, 'must not be empty').max(500),
  idempotencyKey: idempotencyKey(),
})

export const ReorderAgendaInput = z.object({
  callId: id(),
  itemIds: z.array(text().max(200)).max(200),
  idempotencyKey: idempotencyKey(),
})

export const TickAgendaItemInput = z.object({
  callId: id(),
  itemId: text().max(200),
  done: z.boolean().nullish(),
  idempotencyKey: idempotencyKey(),
})
