import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { createPostgresEventStore } from '../infra/eventstore/postgres.ts'
import type { NewEvent } from '../services/shared/eventStore.ts'
import { codec } from '../services/events.ts'
import { benchDatabase, type StoreKind } from './stores.ts'

export interface AppendFigures {
  oneStream: number
  manyStreams: number
  rawOne: number
  rawMany: number
  writers: number
}

/**
 * Append throughput against the raw insert rate of the same database: the event store's appends
 * (one stream with the expected revision, as a command does; many new streams from several
 * writers) and plain single-row inserts of the same rows into a table shaped like `events`.
 * On a scratch database, so the program's own data stays as seeded.
 */
export async function measureAppends(
  kind: StoreKind,
  seconds: number,
  writers: number,
): Promise<AppendFigures> {
  const scratch = await benchDatabase(kind)
  try {
    const { db } = scratch.database
    const store = await createPostgresEventStore(scratch.database)
    await createRawTable(db)
    const oneStream = await perSecond(seconds, 1, async (_, i) => {
      await store.append('bench-one', [sampleEvent()], i === 0 ? 'no_stream' : i - 1)
    })
    const manyStreams = await perSecond(seconds, writers, async () => {
      await store.append(`bench-${randomUUID()}`, [sampleEvent()], 'no_stream')
    })
    const rawOne = await perSecond(seconds, 1, (_, i) => insertRaw(db, 'raw-one', i))
    const rawMany = await perSecond(seconds, writers, () => insertRaw(db, `raw-${randomUUID()}`, 0))
    await store.close()
    return { oneStream, manyStreams, rawOne, rawMany, writers }
  } finally {
    await scratch.close()
  }
}

/** Calls `work` from `writers` loops for `seconds`; returns calls per second. */
export async function perSecond(
  seconds: number,
  writers: number,
  work: (writer: number, i: number) => Promise<unknown>,
): Promise<number> {
  const until = performance.now() + seconds * 1000
  let done = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; performance.now() < until; i++) {
        await work(writer, i)
        done++
      }
    }),
  )
  return done / ((performance.now() - started) / 1000)
}

/** A reply as the product writes it, so rows weigh what real ones do. */
export function sampleEvent(): NewEvent {
  return codec.encode(
    {
      type: 'ReplyWritten',
      data: {
        checkInId: randomUUID(),
        mentorshipId: randomUUID(),
        replyId: randomUUID(),
        by: randomUUID(),
        markdown:
          'Great progress this week. On the export: consider streaming rows instead of building the file. ' +
          'What would happen if the input had a million rows?',
      },
    },
    {
      actor: `person:${randomUUID()}`,
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date().toISOString(),
      operation: 'replyToCheckIn',
    },
  )
}

async function createRawTable(db: Kysely<any>) {
  await sql`
    create table raw_events (
      position bigserial primary key,
      stream_id text not null,
      revision integer not null,
      event_id uuid not null unique,
      type text not null,
      version integer not null,
      data jsonb not null,
      metadata jsonb not null,
      recorded_at timestamptz not null default now(),
      unique (stream_id, revision)
    )`.execute(db)
}

function insertRaw(db: Kysely<any>, streamId: string, revision: number) {
  const e = sampleEvent()
  return sql`insert into raw_events (stream_id, revision, event_id, type, version, data, metadata)
    values (${streamId}, ${revision}, ${e.id}::uuid, ${e.type}, ${e.version},
      ${JSON.stringify(e.data)}::text::jsonb, ${JSON.stringify(e.metadata)}::text::jsonb)`.execute(db)
}
