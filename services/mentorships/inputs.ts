import { z } from 'zod'
import { idempotencyKey, text } from '../shared/validation.ts'
import { PhaseSchema, ResponseClockSchema } from './events.ts'

const isoDate = text()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'must be a real date',
  )
const key = idempotencyKey()
const id = () => text().uuid()
const reason = () => text().trim().min(1).max(2000)
const weekday = z
  .number()
  .int()
  .min(1, 'must be an ISO weekday 1 (Monday) to 7 (Sunday)')
  .max(7, 'must be an ISO weekday 1 (Monday) to 7 (Sunday)')
const windowHours = z.number().int().min(1).max(336)
const blockingHours = z.number().int().min(1).max(40)

export const StartMentorshipInput = z.object({
  mentorId: id(),
  menteeId: id(),
  startedOn: isoDate.nullish(),
  checkInWeekday: weekday.nullish(),
  responseWindowHours: windowHours.nullish(),
  responseClock: ResponseClockSchema.nullish(),
  blockingWindowHours: blockingHours.nullish(),
  idempotencyKey: key,
})

export const UpdateMentorshipInput = z.object({
  id: id(),
  checkInWeekday: weekday.nullish(),
  responseWindowHours: windowHours.nullish(),
  responseClock: ResponseClockSchema.nullish(),
  blockingWindowHours: blockingHours.nullish(),
  idempotencyKey: key,
})

export const PauseMentorshipInput = z.object({
  mentorshipId: id(),
  until: isoDate.nullish(),
  reason: reason(),
  idempotencyKey: key,
})

export const ResumeMentorshipInput = z.object({ mentorshipId: id(), idempotencyKey: key })

export const TransitionMentorshipInput = z.object({
  mentorshipId: id(),
  to: PhaseSchema,
  reason: reason(),
  idempotencyKey: key,
})

export const RespondToPhaseProposalInput = z.object({
  mentorshipId: id(),
  accept: z.boolean(),
  idempotencyKey: key,
})
