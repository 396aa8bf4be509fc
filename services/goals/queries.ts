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

/** Goals of many sets, in the order written, dropped ones left out: a list of sets in one query. */
export async function goalsOfSets(db: Kysely<any>, goalSetIds: readonly string[]) {
  const grouped = new Map<string, GoalRow[]>(goalSetIds.map((id) => [id, []]))
  const rows = (await db
    .selectFrom('goals')
    .selectAll()
    .where('goal_set_id', 'in', [...goalSetIds])
    .where('dropped', '=', false)
    .orderBy('sort_key')
    .execute()) as GoalRow[]
  for (const row of rows) grouped.get(row.goal_set_id)?.push(row)
  return grouped
}

/** When each pair's latest review was held, for pairs that held one. */
export async function lastReviews(db: Kysely<any>, mentorshipIds: readonly string[]) {
  const rows = await db
    .selectFrom('reviews')
    .select(['mentorship_id', (eb) => eb.fn.max('at').as('at')])
    .where('mentorship_id', 'in', [...mentorshipIds])
    .groupBy('mentorship_id')
    .execute()
  return new Map(rows.map((r) => [r.mentorship_id as string, r.at as Date | string]))
}

declare module '../context.ts' {
  interface Loaders {
    /** A goal set's current goals, batched. */
    goals(goalSetId: string): Promise<GoalRow[] | undefined>
    /** When a pair's latest review was held, batched. */
    lastReview(mentorshipId: string): Promise<Date | string | undefined>
  }
}
