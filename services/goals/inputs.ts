import { z } from 'zod'
import { markdownText } from '../markdown/input.ts'
import { idempotencyKey, text, webUrl } from '../shared/validation.ts'
import { GoalChangeSchema } from './events.ts'

const line = (max: number) => text().trim().min(1, 'must not be empty').max(max)
export const PERIOD = /^(\d{4})-Q([1-4])$/

export const CreateGoalSetInput = z.object({
  mentorshipId: text().uuid(),
  period: text().regex(PERIOD, 'must be a quarter like 2026-Q3'),
  markdown: markdownText().nullish(),
  goals: z
    .array(z.object({ category: line(80), text: line(500), readyWhen: line(500).nullish() }))
    .max(100)
    .nullish(),
  idempotencyKey: idempotencyKey(),
})

export const UpdateGoalInput = z.object({
  id: text().uuid(),
  done: z.boolean().nullish(),
  text: line(500).nullish(),
  evidenceUrl: webUrl().nullish(),
  readyWhen: line(500).nullish(),
  idempotencyKey: idempotencyKey(),
})

export const RecordReviewInput = z.object({
  mentorshipId: text().uuid(),
  summary: markdownText(),
  goalChanges: z
    .array(z.object({ goalId: text().uuid(), change: GoalChangeSchema, newText: line(500).nullish() }))
    .max(100)
    .nullish(),
  newGoals: z
    .array(z.object({ category: line(80), text: line(500), readyWhen: line(500).nullish() }))
    .max(100)
    .nullish(),
  idempotencyKey: idempotencyKey(),
})
