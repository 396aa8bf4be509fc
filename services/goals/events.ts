import { z } from 'zod'
import { defineEvent, type EventOf } from '../shared/events.ts'

const goal = z.object({
  goalId: z.string().uuid(),
  category: z.string(),
  text: z.string(),
  done: z.boolean(),
  readyWhen: z.string().nullable(),
})
export type GoalData = z.infer<typeof goal>

export const GoalChangeSchema = z.enum(['TOO_EASY', 'TOO_AMBITIOUS', 'DROPPED', 'DONE'])
export type GoalChangeKind = z.infer<typeof GoalChangeSchema>

/** A pair's goals for a period, in the article's categories; all of it is the pair's text. */
export const GoalSetCreated = defineEvent(
  'GoalSetCreated',
  z.object({
    mentorshipId: z.string().uuid(),
    goalSetId: z.string().uuid(),
    period: z.string(),
    goals: z.array(goal),
    by: z.string().uuid(),
  }),
  { privateFields: ['goals'] },
)

export const GoalUpdated = defineEvent(
  'GoalUpdated',
  z.object({
    mentorshipId: z.string().uuid(),
    goalSetId: z.string().uuid(),
    goalId: z.string().uuid(),
    done: z.boolean().optional(),
    text: z.string().optional(),
    evidenceUrl: z.string().nullable().optional(),
    readyWhen: z.string().nullable().optional(),
    by: z.string().uuid(),
  }),
  { privateFields: ['text', 'evidenceUrl', 'readyWhen'] },
)

/**
 * The monthly review (PRODUCT §1): a summary, goals judged too easy or too ambitious (rewritten),
 * dropped or done, and new goals, all in one fact so the goals never disagree with their review.
 */
export const ReviewRecorded = defineEvent(
  'ReviewRecorded',
  z.object({
    mentorshipId: z.string().uuid(),
    reviewId: z.string().uuid(),
    goalSetId: z.string().uuid().nullable(),
    summary: z.string(),
    goalChanges: z.array(
      z.object({ goalId: z.string().uuid(), change: GoalChangeSchema, newText: z.string().nullable() }),
    ),
    newGoals: z.array(goal),
    by: z.string().uuid(),
  }),
  { privateFields: ['summary', 'goalChanges', 'newGoals'] },
)

export const goalEvents = [GoalSetCreated, GoalUpdated, ReviewRecorded] as const
export type GoalEvent = EventOf<(typeof goalEvents)[number]>
