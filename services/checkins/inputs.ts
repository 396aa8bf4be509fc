import { z } from 'zod'
import { idempotencyKey, text } from '../shared/validation.ts'

export const SubmitCheckInInput = z.object({
  mentorshipId: text().uuid(),
  markdown: text(),
  weekOf: text()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .nullish(),
  idempotencyKey: idempotencyKey(),
})

export const EditCheckInInput = z.object({
  checkInId: text().uuid(),
  markdown: text(),
  idempotencyKey: idempotencyKey(),
})

export const ReplyToCheckInInput = z.object({
  checkInId: text().uuid(),
  markdown: text(),
  idempotencyKey: idempotencyKey(),
})
