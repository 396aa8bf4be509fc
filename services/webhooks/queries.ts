import type { Kysely } from 'kysely'
import { parsePositionCursor } from '../shared/cursor.ts'

export interface WebhookRow {
  id: string
  url: string
  types: string[] | null
  status: 'ACTIVE' | 'PAUSED'
  paused_reason: string | null
  created_at: Date | string
}

export interface DeliveryRow {
  event_id: string
  position: string
  type: string
  mentorship_id: string | null
  status: 'PENDING' | 'DELIVERED'
  attempts: number
  last_attempt_at: Date | string | null
  last_status: number | null
  last_error: string | null
  next_attempt_at: Date | string
  delivered_at: Date | string | null
  failing_since: Date | string | null
}

const WEBHOOK_COLUMNS = ['id', 'url', 'types', 'status', 'paused_reason', 'created_at'] as const

export async function listWebhooks(db: Kysely<any>): Promise<WebhookRow[]> {
  return db
    .selectFrom('webhooks')
    .select(WEBHOOK_COLUMNS)
    .where('status', '!=', 'DELETED')
    .orderBy('created_position')
    .execute()
}

export async function findWebhook(db: Kysely<any>, id: string): Promise<WebhookRow | null> {
  return (
    (await db
      .selectFrom('webhooks')
      .select(WEBHOOK_COLUMNS)
      .where('id', '=', id)
      .where('status', '!=', 'DELETED')
      .executeTakeFirst()) ?? null
  )
}

export async function pendingCount(db: Kysely<any>, webhookId: string): Promise<number> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('webhook_id', '=', webhookId)
    .where('status', '=', 'PENDING')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** A page in event order after the position `after` (the previous page's `nextAfter`). */
export async function deliveriesOf(
  db: Kysely<any>,
  webhookId: string,
  filter: { status: 'PENDING' | 'DELIVERED' | null; after: string | null; size: number },
) {
  const after = parsePositionCursor(filter.after, 'this list')
  const rows: DeliveryRow[] = await db
    .selectFrom('webhook_deliveries')
    .select([
      'event_id',
      'position',
      'type',
      'mentorship_id',
      'status',
      'attempts',
      'last_attempt_at',
      'last_status',
      'last_error',
      'next_attempt_at',
      'delivered_at',
      'failing_since',
    ])
    .where('webhook_id', '=', webhookId)
    .$if(filter.status !== null, (q) => q.where('status', '=', filter.status))
    .$if(after !== null, (q) => q.where('position', '>', after))
    .orderBy('position')
    .limit(filter.size + 1)
    .execute()
  const page = rows.slice(0, filter.size).map((r) => ({ ...r, position: String(r.position) }))
  return { deliveries: page, nextAfter: rows.length > filter.size ? page.at(-1)!.position : null }
}
