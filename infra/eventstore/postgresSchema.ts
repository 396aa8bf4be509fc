import { sql, type Kysely } from 'kysely'

/** Held while creating the schema, so two processes starting at once do not race on `create … if not exists`. */
const SCHEMA_LOCK = 7261004

/**
 * The PostgreSQL event store's one table. `position` comes from a sequence but is only drawn while
 * holding the append lock (see postgres.ts), so it increases in commit order. The unique index on
 * (stream_id, revision) also serves stream reads, so stream_id needs no index of its own.
 */
export async function createEventStoreSchema(db: Kysely<any>) {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SCHEMA_LOCK})`.execute(trx)
    await sql`
      create table if not exists events (
        position bigserial primary key,
        stream_id text not null,
        revision integer not null,
        event_id uuid not null unique,
        type text not null,
        version integer not null,
        data jsonb not null,
        metadata jsonb not null,
        recorded_at timestamptz not null default now(),
        constraint events_stream_revision unique (stream_id, revision)
      )
    `.execute(trx)
  })
}
