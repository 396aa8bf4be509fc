import type { Kysely } from 'kysely'
import type { Actor } from '../shared/actor.ts'
import { ADMIN_ONLY, type FeedEvent } from '../shared/redaction.ts'

interface FeedRow {
  position: bigint | string | number
  event_id: string
  type: string
  stream_id: string
  mentorship_id: string | null
  occurred_at: Date | string
  data: Record<string, unknown>
}

/** Checked by `parseFeedFilter` (filter.ts) and `parsePositionCursor` (shared/cursor.ts). */
export interface FeedFilter {
  after: string | null
  first: number
  types: readonly string[] | null
  mentorshipId: string | null
}

/** A page of the feed in global order, limited in SQL to what the caller may see at all. */
export async function feedPage(
  db: Kysely<any>,
  actor: Actor,
  memberOf: ReadonlySet<string>,
  filter: FeedFilter,
) {
  let query = db
    .selectFrom('event_feed')
    .selectAll()
    .orderBy('position')
    .limit(filter.first + 1)
  if (filter.after !== null) query = query.where('position', '>', filter.after)
  if (filter.types?.length) query = query.where('type', 'in', [...filter.types])
  if (filter.mentorshipId) query = query.where('mentorship_id', '=', filter.mentorshipId)
  if (!actor.scopes.has('admin')) query = query.where('type', 'not in', [...ADMIN_ONLY])
  const wide = ['admin', 'events:read', 'projections:read'].some((s) => actor.scopes.has(s as never))
  if (!wide) {
    const mine = [...memberOf]
    const ownStream = `person-${actor.personId ?? 'nobody'}`
    query = query.where((eb) =>
      eb.or([eb('stream_id', '=', ownStream), ...(mine.length ? [eb('mentorship_id', 'in', mine)] : [])]),
    )
  }
  const rows = (await query.execute()) as FeedRow[]
  return { events: rows.slice(0, filter.first).map(toFeedEvent), hasNextPage: rows.length > filter.first }
}

function toFeedEvent(row: FeedRow): FeedEvent {
  return {
    position: BigInt(row.position),
    eventId: row.event_id,
    type: row.type,
    streamId: row.stream_id,
    mentorshipId: row.mentorship_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    data: row.data,
  }
}
