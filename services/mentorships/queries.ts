import { decodeInstantCursor, instantCursor } from '../shared/cursor.ts'
import type { Kysely } from 'kysely'
import type { Actor } from '../shared/actor.ts'
import { isUuid } from '../shared/ids.ts'

export interface MentorshipRow {
  id: string
  mentor_id: string
  mentee_id: string
  started_on: string
  check_in_weekday: number
  response_window_hours: number
  response_clock: 'WALL' | 'WORKING'
  blocking_window_hours: number
  phase: 'WEEKLY' | 'MONTHLY' | 'AD_HOC' | 'PEER' | 'ENDED'
  paused: boolean
  paused_until: string | null
  proposal_to: string | null
  proposal_since: Date | string | null
  started_at: Date | string
  ended_at: Date | string | null
}

const NOBODY = '00000000-0000-0000-0000-000000000000'

/** Mentorships this caller may see: all for admin and analytics, their own pairs for a person. */
export function visibleMentorships(db: Kysely<any>, actor: Actor) {
  const query = db.selectFrom('mentorships').selectAll()
  if (actor.scopes.has('admin') || actor.scopes.has('projections:read')) return query
  const me = actor.personId ?? NOBODY
  return query.where((eb) => eb.or([eb('mentor_id', '=', me), eb('mentee_id', '=', me)]))
}

export async function findMentorship(
  db: Kysely<any>,
  actor: Actor,
  id: string,
): Promise<MentorshipRow | null> {
  if (!isUuid(id)) return null
  const row = await visibleMentorships(db, actor).where('id', '=', id).executeTakeFirst()
  return (row as MentorshipRow | undefined) ?? null
}

/** Newest first; the cursor is the row's (started_at, id) so pages never skip or repeat. */
export async function listMentorships(db: Kysely<any>, actor: Actor, first: number, after: string | null) {
  let query = visibleMentorships(db, actor)
  if (after) {
    const [startedAt, id] = decodeInstantCursor(after)
    query = query.where((eb) =>
      eb.or([
        eb('started_at', '<', startedAt),
        eb.and([eb('started_at', '=', startedAt), eb('id', '<', id)]),
      ]),
    )
  }
  const rows = (await query
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(first + 1)
    .execute()) as MentorshipRow[]
  const total = await visibleMentorships(db, actor)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount: Number(total.n) }
}

export function mentorshipCursor(row: MentorshipRow) {
  return instantCursor(row.started_at, row.id)
}

/** Whose text this caller may read: the pairs it is a member of. */
export async function memberships(db: Kysely<any>, personId: string | null): Promise<Set<string>> {
  if (!personId) return new Set()
  const rows = await db
    .selectFrom('mentorships')
    .select('id')
    .where((eb) => eb.or([eb('mentor_id', '=', personId), eb('mentee_id', '=', personId)]))
    .execute()
  return new Set(rows.map((r) => r.id as string))
}

/** Mentorships by id, no permission check: for rows the caller already reached through one. */
export async function mentorshipsByIds(db: Kysely<any>, ids: readonly string[]) {
  const rows = (await db
    .selectFrom('mentorships')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute()) as MentorshipRow[]
  return new Map(rows.map((row) => [row.id, row]))
}

declare module '../context.ts' {
  interface Loaders {
    /** Mentorships by id, batched; no permission check (callers reach them through a visible row). */
    mentorship(id: string): Promise<MentorshipRow | undefined>
  }
}
