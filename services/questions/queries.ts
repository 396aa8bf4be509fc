import { sql, type Kysely } from 'kysely'
import type { Actor } from '../shared/actor.ts'
import { decodeInstantCursor, instantCursor } from '../shared/cursor.ts'
import { isUuid } from '../shared/ids.ts'
import { visibleMentorships, type MentorshipRow } from '../mentorships/queries.ts'

export interface QuestionRow {
  id: string
  mentorship_id: string
  asked_by: string
  responder_id: string
  title: string
  body: string | null
  urgency: 'BLOCKING' | 'THIS_WEEK' | 'CAN_WAIT'
  goal: string | null
  tried: string | null
  errors: string | null
  hypothesis: string | null
  check_in_id: string | null
  asked_at: Date | string
  due_at: Date | string | null
  status: 'OPEN' | 'ANSWERED' | 'RESOLVED'
  answered_at: Date | string | null
  within_window: boolean | null
  overdue: boolean
  flagged_for_call: boolean
  resolved_at: Date | string | null
}

export interface AnswerRow {
  id: string
  question_id: string
  mentorship_id: string
  author_id: string
  body: string
  at: Date | string
}

export interface QuestionChangeRow {
  question_id: string
  at: Date | string
  kind: 'RECLASSIFIED' | 'ESCALATED'
  from_urgency: string
  to_urgency: string
  due_at: Date | string | null
  by_id: string
}

/** A question and its mentorship, if the caller may see the mentorship. */
export async function findQuestion(db: Kysely<any>, actor: Actor, id: string) {
  if (!isUuid(id)) return null
  const row = (await db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirst()) as
    QuestionRow | undefined
  if (!row) return null
  const mentorship = (await visibleMentorships(db, actor)
    .where('id', '=', row.mentorship_id)
    .executeTakeFirst()) as MentorshipRow | undefined
  return mentorship ? row : null
}

export async function answersFor(db: Kysely<any>, questionIds: readonly string[]) {
  if (questionIds.length === 0) return []
  return (await db
    .selectFrom('question_answers')
    .selectAll()
    .where('question_id', 'in', [...questionIds])
    .orderBy('at')
    .orderBy('id')
    .execute()) as AnswerRow[]
}

export async function changesFor(db: Kysely<any>, questionIds: readonly string[]) {
  if (questionIds.length === 0) return []
  return (await db
    .selectFrom('question_changes')
    .selectAll()
    .where('question_id', 'in', [...questionIds])
    .orderBy('at')
    .execute()) as QuestionChangeRow[]
}

/** The queue is ordered by deadline; questions with none (can wait, nothing scheduled) come last. */
const NO_DEADLINE = '9999-12-31T23:59:59.999Z'

export const queueCursor = (row: QuestionRow) => instantCursor(row.due_at ?? NO_DEADLINE, row.id)

/** Open questions waiting for `personId` to answer them, soonest deadline first. */
export async function questionQueue(db: Kysely<any>, personId: string, first: number, after: string | null) {
  const due = sqlDue()
  let query = db
    .selectFrom('questions')
    .selectAll()
    .where('responder_id', '=', personId)
    .where('status', '=', 'OPEN')
  if (after) {
    const [afterDue, afterId] = decodeInstantCursor(after)
    query = query.where((eb) =>
      eb.or([
        eb(due, '>', sql<string>`${afterDue}::timestamptz`),
        eb.and([eb(due, '=', sql<string>`${afterDue}::timestamptz`), eb('id', '>', afterId)]),
      ]),
    )
  }
  const rows = (await query
    .orderBy(due)
    .orderBy('id')
    .limit(first + 1)
    .execute()) as QuestionRow[]
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first }
}

const sqlDue = () => sql<string>`coalesce(due_at, ${NO_DEADLINE}::timestamptz)`

/** Open questions with a deadline that has passed and no `QuestionOverdue` yet. */
export async function overdueQuestions(db: Kysely<any>, now: string, limit = 100) {
  const rows = await db
    .selectFrom('questions')
    .select('id')
    .where('status', '=', 'OPEN')
    .where('overdue', '=', false)
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(limit)
    .execute()
  return rows.map((r) => r.id as string)
}

declare module '../context.ts' {
  interface Loaders {
    /** A question's answers, batched. */
    answers(questionId: string): Promise<AnswerRow[] | undefined>
    /** A question's reclassifications and escalations, batched. */
    questionChanges(questionId: string): Promise<QuestionChangeRow[] | undefined>
  }
}
