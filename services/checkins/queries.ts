import type { Kysely } from 'kysely'
import type { Actor } from '../shared/actor.ts'
import { isUuid } from '../shared/ids.ts'
import { visibleMentorships, type MentorshipRow } from '../mentorships/queries.ts'

export interface CheckInRow {
  id: string
  mentorship_id: string
  week_of: string
  markdown: string
  submitted_at: Date | string
  due_end: Date | string
  late: boolean
  edited_at: Date | string | null
  edit_count: number
  reply_deadline: Date | string
  first_reply_at: Date | string | null
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
export async function findCheckIn(db: Kysely<any>, actor: Actor, id: string) {
  if (!isUuid(id)) return null
  const row = (await db.selectFrom('check_ins').selectAll().where('id', '=', id).executeTakeFirst()) as
    CheckInRow | undefined
  if (!row) return null
  const mentorship = (await visibleMentorships(db, actor)
    .where('id', '=', row.mentorship_id)
    .executeTakeFirst()) as MentorshipRow | undefined
  return mentorship ? { row, mentorship } : null
}

export async function checkInsForWeeks(db: Kysely<any>, mentorshipId: string, weeks: string[]) {
  if (weeks.length === 0) return new Map<string, CheckInRow>()
  const rows = (await db
    .selectFrom('check_ins')
    .selectAll()
    .where('mentorship_id', '=', mentorshipId)
    .where('week_of', 'in', weeks)
    .execute()) as CheckInRow[]
  return new Map(rows.map((r) => [r.week_of, r]))
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
