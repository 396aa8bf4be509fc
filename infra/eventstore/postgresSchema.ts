import { sql, type Kysely } from 'kysely'

/** Notified after every append: subscriptions in any process wake and read. */
export const EVENTS_CHANNEL = 'trellis_events'
/** Every append holds this lock from before its positions are drawn until it commits. */
const APPEND_LOCK = 7261003

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
    // Replaced only when it differs: `create or replace` needs the function's owner, and a
    // deployment may run the API as another role than the one that created the schema.
    const { rows } = await sql<{ body: string }>`
      select prosrc as body from pg_proc where proname = 'trellis_append'`.execute(trx)
    if (rows[0]?.body !== APPEND_BODY) await sql.raw(APPEND_FUNCTION).execute(trx)
  })
}

/**
 * An append in one round trip. The advisory lock is taken before the positions are drawn and
 * held until commit; PostgreSQL makes a commit visible before it releases the transaction's locks,
 * so positions become visible in order (see postgres.ts). In read committed, each statement here
 * takes a fresh snapshot, so the revision is checked against appends that committed while this
 * one waited for the lock. `expected` is 'any', 'no_stream', 'stream_exists' or a revision.
 */
const APPEND_BODY = `
  declare
    v_current integer;
  begin
    -- Each statement must see the appends committed while this one waited for the lock.
    if current_setting('transaction_isolation') <> 'read committed' then
      raise exception 'trellis_append needs read committed isolation, not %',
        current_setting('transaction_isolation');
    end if;
    perform pg_advisory_xact_lock(${APPEND_LOCK});
    select max(e.revision) into v_current from events e where e.stream_id = p_stream;
    if not (p_expected = 'any'
        or (p_expected = 'no_stream' and v_current is null)
        or (p_expected = 'stream_exists' and v_current is not null)
        or (p_expected ~ '^[0-9]+$' and p_expected::integer is not distinct from v_current)) then
      return query select false, v_current, null::bigint, null::integer;
      return;
    end if;
    if jsonb_array_length(p_events) = 0 then
      return query select true, v_current,
        (select max(e.position) from events e where e.stream_id = p_stream), coalesce(v_current, -1);
      return;
    end if;
    return query
      with written as (
        insert into events (stream_id, revision, event_id, type, version, data, metadata)
        select p_stream, coalesce(v_current, -1) + t.n::integer, (t.x->>'id')::uuid, t.x->>'type',
               (t.x->>'version')::integer, t.x->'data', t.x->'metadata'
        from jsonb_array_elements(p_events) with ordinality as t(x, n)
        order by t.n
        returning events.position, events.revision
      )
      select true, v_current, max(w.position), max(w.revision) from written w;
    perform pg_notify('${EVENTS_CHANNEL}', '');
  end `

const APPEND_FUNCTION = `
  create or replace function trellis_append(p_stream text, p_expected text, p_events jsonb)
  returns table (ok boolean, current_revision integer, last_position bigint, last_revision integer)
  language plpgsql as $$${APPEND_BODY}$$`
