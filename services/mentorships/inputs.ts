import { z } from 'zod'
import { PhaseSchema, ResponseClockSchema } from './events.ts'

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'must be a real date',
  )
const key = z.string().min(1).max(200).nullish()
const weekday = z
  .number()
  .int()
  .min(1, 'must be an ISO weekday 1 (Monday) to 7 (Sunday)')
  .max(7, 'must be an ISO weekday 1 (Monday) to 7 (Sunday)')
const windowHours = z.number().int().min(1).max(336)

export const StartMentorshipInput = z.object({
  mentorId: z.string().uuid(),
  menteeId: z.string().uuid(),
  startedOn: isoDate.nullish(),
  checkInWeekday: weekday.nullish(),
  responseWindowHours: windowHours.nullish(),
  responseClock: ResponseClockSchema.nullish(),
  idempotencyKey: key,
})

export const UpdateMentorshipInput = z.object({
  id: z.string().uuid(),
  checkInWeekday: weekday.nullish(),
  responseWindowHours: windowHours.nullish(),
  responseClock: ResponseClockSchema.nullish(),
  idempotencyKey: key,
})

export const PauseMentorshipInput = z.object({
  mentorshipId: z.string().uuid(),
  until: isoDate.nullish(),
  reason: z.string().trim().min(1).max(2000),
  idempotencyKey: key,
})

export const ResumeMentorshipInput = z.object({ mentorshipId: z.string().uuid(), idempotencyKey: key })

export const TransitionMentorshipInput = z.object({
  mentorshipId: z.string().uuid(),
  to: PhaseSchema,
  reason: z.string().trim().min(1).max(2000),
  idempotencyKey: key,
})

export const RespondToPhaseProposalInput = z.object({
  mentorshipId: z.string().uuid(),
  accept: z.boolean(),
  idempotencyKey: key,
})
