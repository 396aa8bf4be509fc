import { z } from 'zod'

const key = z.string().min(1).max(200).nullish()

export const SubmitCheckInInput = z.object({
  mentorshipId: z.string().uuid(),
  markdown: z.string(),
  weekOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .nullish(),
  idempotencyKey: key,
})

export const EditCheckInInput = z.object({
  checkInId: z.string().uuid(),
  markdown: z.string(),
  idempotencyKey: key,
})

export const ReplyToCheckInInput = z.object({
  checkInId: z.string().uuid(),
  markdown: z.string(),
  idempotencyKey: key,
})
