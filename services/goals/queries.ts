import type { Kysely } from 'kysely'
import { isUuid } from '../shared/ids.ts'

export interface GoalSetRow {
  id: string
  mentorship_id: string
  period: string
  created_at: Date | string
}

export interface GoalRow {
  id: string
  goal_set_id: string
  mentorship_id: string
  category: string
  text: string
  done: boolean
  evidence_url: string | null
  ready_when: string | null
  dropped: boolean
}

export interface ReviewRow {
  id: string
  mentorship_id: string
  goal_set_id: string | null
  summary: string
  at: Date | string
}

export async function findGoalSet(db: Kysely<any>, id: string) {
  if (!isUuid(id)) return null
  return ((await db.selectFrom('goal_sets').selectAll().where('id', '=', id).executeTakeFirst()) ??
    null) as GoalSetRow | null
}

export async function goalSetsOf(db: Kysely<any>, mentorshipId: string) {
  return (await db
    .selectFrom('goal_sets')
    .selectAll()
    .where('mentorship_id', '=', mentorshipId)
    .orderBy('period', 'desc')
    .execute()) as GoalSetRow[]
}

/** A set's goals in the order written; dropped goals are history, not goals. */
export async function goalsOf(db: Kysely<any>, goalSetId: string) {
  return (await db
    .selectFrom('goals')
    .selectAll()
    .where('goal_set_id', '=', goalSetId)
    .where('dropped', '=', false)
    .orderBy('sort_key')
    .execute()) as GoalRow[]
}

export async function mentorshipOfGoal(db: Kysely<any>, goalId: string) {
  if (!isUuid(goalId)) return null
  const row = await db.selectFrom('goals').select('mentorship_id').where('id', '=', goalId).executeTakeFirst()
  return (row?.mentorship_id as string | undefined) ?? null
}

export async function reviewsOf(db: Kysely<any>, mentorshipId: string, first: number) {
  return (await db
    .selectFrom('reviews')
    .selectAll()
    .where('mentorship_id', '=', mentorshipId)
    .orderBy('at', 'desc')
    .limit(first)
    .execute()) as ReviewRow[]
}

export async function reviewChangesOf(db: Kysely<any>, reviewId: string) {
  return db
    .selectFrom('review_changes as c')
    .innerJoin('goals as g', 'g.id', 'c.goal_id')
    .select(['c.goal_id', 'c.change', 'c.new_text', 'g.text'])
    .where('c.review_id', '=', reviewId)
    .execute()
}
