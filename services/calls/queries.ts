import { sql, type Kysely } from 'kysely'
import { visibleMentorships } from '../mentorships/queries.ts'
import type { Actor } from '../shared/actor.ts'
import { decodeInstantCursor, instantCursor } from '../shared/cursor.ts'
import { isUuid } from '../shared/ids.ts'
import type { Role } from './events.ts'

export interface CallRow {
  id: string
  mentorship_id: string
  kind: 'BIWEEKLY' | 'REVIEW' | 'PAIRING' | 'OFFICE_HOURS'
  start_at: Date | string
  end_at: Date | string
  join_url: string
  status: 'SCHEDULED' | 'HELD' | 'SKIPPED' | 'CANCELLED'
  notes: string | null
  skipped_by: Role | null
  inconvenient_for: Role[]
  sequence: number
  updated_at: Date | string
}

export async function findCall(db: Kysely<any>, actor: Actor, id: string) {
  if (!isUuid(id)) return null
  const row = (await db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst()) as
    CallRow | undefined
  if (!row) return null
  const visible = await visibleMentorships(db, actor).where('id', '=', row.mentorship_id).executeTakeFirst()
  return visible ? row : null
}

export const callCursor = (row: CallRow) => instantCursor(row.start_at, row.id)

/** A pair's calls, soonest first. */
export async function callsOf(db: Kysely<any>, mentorshipId: string, first: number, after: string | null) {
  let query = db.selectFrom('calls').selectAll().where('mentorship_id', '=', mentorshipId)
  if (after) {
    const [at, id] = decodeInstantCursor(after)
    query = query.where((eb) =>
      eb.or([eb('start_at', '>', at), eb.and([eb('start_at', '=', at), eb('id', '>', id)])]),
    )
  }
  const rows = (await query
    .orderBy('start_at')
    .orderBy('id')
    .limit(first + 1)
    .execute()) as CallRow[]
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first }
}

/**
 * The pair's fairness ledger: who took the inconvenient time at the latest call before `before`
 * that was inconvenient for one of them (calls that suited both, or neither, pass the turn on).
 */
export async function lastInconvenienced(
  db: Kysely<any>,
  mentorshipId: string,
  before: string,
  except?: string,
) {
  const row = await db
    .selectFrom('calls')
    .select(sql<string>`inconvenient_for[1]`.as('role'))
    .where('mentorship_id', '=', mentorshipId)
    .where('status', '!=', 'CANCELLED')
    .where('start_at', '<', before)
    .where(sql<boolean>`cardinality(inconvenient_for) = 1`)
    .$if(!!except, (q) => q.where('id', '!=', except!))
    .orderBy('start_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return (row?.role as Role | undefined) ?? null
}

export interface AgendaRows {
  added: Array<{ item_id: string; text: string }>
  order: string[] | null
  ticks: Map<string, boolean>
}

export async function agendaRows(db: Kysely<any>, callId: string): Promise<AgendaRows> {
  const [added, order, ticks] = await Promise.all([
    db
      .selectFrom('call_agenda_items')
      .select(['item_id', 'text'])
      .where('call_id', '=', callId)
      .orderBy('at')
      .execute(),
    db.selectFrom('call_agenda_order').select('item_ids').where('call_id', '=', callId).executeTakeFirst(),
    db.selectFrom('call_agenda_ticks').select(['item_id', 'done']).where('call_id', '=', callId).execute(),
  ])
  return {
    added: added as AgendaRows['added'],
    order: (order?.item_ids as string[] | undefined) ?? null,
    ticks: new Map(ticks.map((t) => [t.item_id as string, t.done as boolean])),
  }
}
