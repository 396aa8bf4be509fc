import type { Kysely } from 'kysely'
import type { Actor } from '../shared/actor.ts'
import { isUuid } from '../shared/ids.ts'
import { visibleMentorships, type MentorshipRow } from '../mentorships/queries.ts'

export interface CheckInRow {
  id: string
  mentorship_id: string
  week_of: string
  /** Absent from rows loaded for lists, which show no text: `Context.checkInText` has it. */
  markdown?: string
  submitted_at: Date | string
  due_end: Date | string
  late: boolean
  edited_at: Date | string | null
  edit_count: number
  reply_deadline: Date | string
  first_reply_at: Date | string | null
}

/** A week of a mentorship: due (with when), submitted, or both. */
export interface WeekRow {
  week_of: string
  due_at: Date | string | null
}

export interface ReplyRow {
  id: string
  check_in_id: string
  mentorship_id: string
  author_id: string
  markdown: string
  at: Date | string
  deadline: Date | string
  on_time: boolean
}

export interface RevisionRow {
  check_in_id: string
  /** Whose pair's text it is, so a revision's permission needs no lookup of its check-in. */
  mentorship_id: string
  revision: number
  markdown: string
  at: Date | string
}

/** A check-in and its mentorship, if the caller may see the mentorship. */
/**
 * A week of a mentorship by its check-in id, if the caller may see the mentorship: the submitted
 * check-in, or — for a week the lifecycle put due with nothing submitted — just the week.
 */
export async function findCheckIn(db: Kysely<any>, actor: Actor, id: string) {
  if (!isUuid(id)) return null
  const row = (await db.selectFrom('check_ins').selectAll().where('id', '=', id).executeTakeFirst()) as
    CheckInRow | undefined
  const due = row
    ? undefined
    : await db
        .selectFrom('check_in_dues')
        .select(['mentorship_id', 'week_of', 'due_at'])
        .where('check_in_id', '=', id)
        .executeTakeFirst()
  const mentorshipId = row?.mentorship_id ?? (due?.mentorship_id as string | undefined)
  if (!mentorshipId) return null
  const mentorship = (await visibleMentorships(db, actor)
    .where('id', '=', mentorshipId)
    .executeTakeFirst()) as MentorshipRow | undefined
  if (!mentorship) return null
  return {
    row: row ?? null,
    mentorship,
    weekOf: row?.week_of ?? (due!.week_of as string),
    dueAt: (due?.due_at as Date | undefined) ?? null,
  }
}

export async function repliesFor(db: Kysely<any>, checkInIds: readonly string[]) {
  if (checkInIds.length === 0) return []
  return (await db
    .selectFrom('check_in_replies')
    .selectAll()
    .where('check_in_id', 'in', [...checkInIds])
    .orderBy('at')
    .orderBy('id')
    .execute()) as ReplyRow[]
}

export async function revisionsFor(db: Kysely<any>, checkInIds: readonly string[]) {
  if (checkInIds.length === 0) return []
  return (await db
    .selectFrom('check_in_revisions as r')
    .innerJoin('check_ins as c', 'c.id', 'r.check_in_id')
    .selectAll('r')
    .select('c.mentorship_id')
    .where('r.check_in_id', 'in', [...checkInIds])
    .orderBy('r.check_in_id')
    .orderBy('r.revision')
    .execute()) as RevisionRow[]
}

declare module '../context.ts' {
  interface Loaders {
    /** A check-in's replies, batched. */
    replies(checkInId: string): Promise<ReplyRow[] | undefined>
    /** A page of a mentorship's weeks by `weekPageKey`, batched across the request's mentorships. */
    weeks(key: string): Promise<WeekRow[] | undefined>
    /** Submitted check-ins by id, batched, without their text; no permission check. */
    checkIn(id: string): Promise<CheckInRow | undefined>
    /** A submitted check-in's text, batched; no permission check. */
    checkInText(id: string): Promise<string | undefined>
    /** Weeks submitted in the last six weeks, by mentorship, batched: what the next due depends on. */
    recentWeeks(mentorshipId: string): Promise<string[] | undefined>
    /** A check-in's earlier versions, batched. */
    revisions(checkInId: string): Promise<RevisionRow[] | undefined>
  }
}
