import type { Kysely } from 'kysely'
import { runStatements } from '../runStatements.ts'

/**
 * Webhook subscriptions (a projection of their events) and their deliveries. Deliveries are
 * the sender's own state, not a projection: a rebuild of the read models keeps them, so nothing
 * delivered is sent again and nothing pending is lost.
 */
export async function up(db: Kysely<any>) {
  await runStatements(
    db,
    `
    create table webhooks (
      id uuid primary key,
      url text not null,
      types text[],
      secret text not null,
      status text not null,
      paused_reason text,
      created_at timestamptz not null,
      created_position bigint not null,
      deleted_position bigint
    );
    create table webhook_deliveries (
      webhook_id uuid not null,
      position bigint not null,
      event_id uuid not null,
      type text not null,
      mentorship_id uuid,
      order_key text not null,
      body text not null,
      status text not null default 'PENDING',
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      failing_since timestamptz,
      last_attempt_at timestamptz,
      last_status integer,
      last_error text,
      delivered_at timestamptz,
      claimed_until timestamptz,
      primary key (webhook_id, position)
    );
    create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'PENDING';
    create index webhook_deliveries_order on webhook_deliveries (webhook_id, order_key, position)
      where status = 'PENDING'
    `,
  )
}
