import { z } from 'zod'
import { markdownText } from '../markdown/input.ts'
import { idempotencyKey, text } from '../shared/validation.ts'
import { UrgencySchema } from './events.ts'

const id = () => text().uuid()
const line = (max: number) => text().trim().min(1, 'must not be empty').max(max)
const long = markdownText

export const AskQuestionInput = z.object({
  mentorshipId: id(),
  title: line(200),
  body: long().nullish(),
  urgency: UrgencySchema,
  // The article's required context: what I am trying to do, and what I already tried. Absent
  // context names both missing fields, not just the object.
  context: z.preprocess(
    (value) => value ?? {},
    z.object({ goal: long(), tried: long(), errors: long().nullish(), hypothesis: long().nullish() }),
  ),
  idempotencyKey: idempotencyKey(),
})

export const AnswerQuestionInput = z.object({
  questionId: id(),
  body: long(),
  idempotencyKey: idempotencyKey(),
})
export const ResolveQuestionInput = z.object({ questionId: id(), idempotencyKey: idempotencyKey() })
export const ReclassifyQuestionInput = z.object({
  questionId: id(),
  urgency: UrgencySchema,
  idempotencyKey: idempotencyKey(),
})
export const EscalateQuestionInput = z.object({
  questionId: id(),
  urgency: UrgencySchema.nullish(),
  idempotencyKey: idempotencyKey(),
})
export const FlagForCallInput = z.object({
  questionId: id(),
  flagged: z.boolean().nullish(),
  idempotencyKey: idempotencyKey(),
})
export const TrackCheckInQuestionsInput = z.object({
  checkInId: id(),
  urgency: UrgencySchema.nullish(),
})
