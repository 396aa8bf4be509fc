import { sql, type Kysely } from 'kysely'
import { decodeInstantCursor, instantCursor } from '../shared/cursor.ts'
import { isUuid } from '../shared/ids.ts'

export interface DecisionRow {
  id: string
  mentorship_id: string
  title: string
  context: string
  decision: string
  why: string
  recorded_by: string
  at: Date | string
}

export interface ResourceRow {
  id: string
  title: string
  url: string | null
  body: string | null
  kind: 'ARTICLE' | 'DIAGRAM' | 'VIDEO' | 'RUNNABLE_EXAMPLE'
  tags: string[]
  added_by: string
  at: Date | string
}

/** A pair's decisions, newest first, for a member of the pair (`memberOf` holds their pairs). */
export async function decisionsOf(db: Kysely<any>, mentorshipId: string, first: number) {
  return (await db
    .selectFrom('decisions')
    .selectAll()
    .where('mentorship_id', '=', mentorshipId)
    .orderBy('at', 'desc')
    .orderBy('id')
    .limit(first)
    .execute()) as DecisionRow[]
}

export async function findDecision(db: Kysely<any>, id: string) {
  if (!isUuid(id)) return null
  return ((await db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst()) ??
    null) as DecisionRow | null
}

export async function findResource(db: Kysely<any>, id: string) {
  if (!isUuid(id)) return null
  return ((await db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst()) ??
    null) as ResourceRow | null
}

export const resourceCursor = (row: ResourceRow) => instantCursor(row.at, row.id)

/** The library, newest first. */
export async function listResources(
  db: Kysely<any>,
  filters: { tag?: string | null; kind?: string | null },
  first: number,
  after: string | null,
) {
  let query = db.selectFrom('resources').selectAll()
  if (filters.tag) query = query.where(sql<boolean>`${filters.tag.toLowerCase()} = any(tags)`)
  if (filters.kind) query = query.where('kind', '=', filters.kind)
  if (after) {
    const [at, id] = decodeInstantCursor(after)
    query = query.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '>', id)])]))
  }
  const rows = (await query
    .orderBy('at', 'desc')
    .orderBy('id')
    .limit(first + 1)
    .execute()) as ResourceRow[]
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first }
}
