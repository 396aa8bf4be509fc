import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import {
  START,
  WrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '../../services/shared/eventStore.ts'
import { createEventStoreSchema, EVENTS_CHANNEL } from './postgresSchema.ts'

const BATCH = 500
/** The fallback when a notification is lost (the listening connection dropped, PGlite's LISTEN rolled back). */
const POLL_MS = 250
/** Consecutive failed reads a subscription rides out (about 8 s in all) before it gives up. */
const READ_RETRIES = 5

/**
 * The event store on PGlite or a PostgreSQL server, in the `events` table.
 *
 * Global order: appends are serialised by a transaction-scoped advisory lock taken before the
 * position is drawn from the sequence. PostgreSQL makes a commit visible to new snapshots before it
 * releases the transaction's locks, so when the next append gets the lock and draws a higher
 * position, every lower position is already visible. A reader therefore never sees position n+1
 * while n is still in flight, and "everything after my last position" never skips an event.
 * The price is one append at a time per database: far more throughput than Trellis needs.
 */
export async function createPostgresEventStore(database: Database): Promise<EventStore> {
  const { db } = database
  await createEventStoreSchema(db)
  const wakers = new Set<() => void>()
  const wakeAll = () => wakers.forEach((wake) => wake())
  // Listen now rather than lazily: on PGlite a LISTEN issued inside someone's transaction would
  // vanish with its rollback. If it fails, subscriptions still poll.
  const unlisten = database.listen(EVENTS_CHANNEL, wakeAll).catch(() => null)
  const subscriptions = new Set<Subscription>()

  async function append(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    try {
      // One round trip: the lock, the revision check, the insert and the notification happen in
      // the database (see postgresSchema.ts), in a transaction of their own.
      const { rows } = await sql<{
        ok: boolean
        current_revision: number | null
        last_position: string | null
        last_revision: number | null
      }>`select ok, current_revision, last_position::text, last_revision
         from trellis_append(${streamId}, ${String(expected)}, ${JSON.stringify(events)}::text::jsonb)`.execute(
        db,
      )
      const { ok, current_revision, last_position, last_revision } = rows[0]!
      if (!ok) throw new WrongExpectedRevision(streamId, expected, current_revision ?? 'no_stream')
      wakeAll()
      return {
        revision: last_revision ?? -1,
        position: last_position === null ? START : BigInt(last_position),
      }
    } catch (error) {
      // Only a writer that skips the lock could get here, but the unique index is the final word.
      if (!isRevisionClash(error)) throw error
      throw new WrongExpectedRevision(streamId, expected, (await lastRevision(db, streamId)) ?? 'no_stream')
    }
  }

  async function readAll(after: Position, limit: number): Promise<RecordedEvent[]> {
    const rows = await selectEvents(db)
      .where('events.position', '>', sql<string>`${after.toString()}::bigint`)
      .orderBy('events.position')
      .limit(limit)
      .execute()
    return rows.map(toRecorded)
  }

  function subscribeAll(
    after: Position,
    onEvent: (event: RecordedEvent) => Promise<void> | void,
    onError: (error: unknown) => void = (error) => console.error('event subscription stopped:', error),
  ): Subscription {
    const subscription = pollingSubscription(after, readAll, wakers, onEvent, onError)
    subscriptions.add(subscription)
    subscription.done.finally(() => subscriptions.delete(subscription))
    return subscription
  }

  return {
    kind: database.kind,
    append,
    async readStream(streamId) {
      const rows = await selectEvents(db).where('stream_id', '=', streamId).orderBy('revision').execute()
      return rows.map(toRecorded)
    },
    readAll,
    subscribeAll,
    async headPosition() {
      const row = await db
        .selectFrom('events')
        .select(sql<string | null>`max(position)::text`.as('head'))
        .executeTakeFirstOrThrow()
      return row.head === null ? START : BigInt(row.head)
    },
    /** Stops the subscriptions; the Database belongs to the caller and stays open. */
    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()))
      const stopListening = await unlisten
      await stopListening?.()
    },
  }
}

interface PollingSubscription extends Subscription {
  readonly done: Promise<void>
}

/**
 * Reads batches after the last delivered position and hands them over one event at a time. When
 * caught up it sleeps until woken (a NOTIFY from any process, an append in this one) or POLL_MS.
 * Do not await `stop()` inside `onEvent`: stop waits for the handler, which would wait for stop.
 */
function pollingSubscription(
  after: Position,
  readAll: (after: Position, limit: number) => Promise<RecordedEvent[]>,
  wakers: Set<() => void>,
  onEvent: (event: RecordedEvent) => Promise<void> | void,
  onError: (error: unknown) => void,
): PollingSubscription {
  let stopped = false
  let signalled = false
  let wakeSleeper: (() => void) | null = null
  const signal = () => {
    signalled = true
    wakeSleeper?.()
  }
  wakers.add(signal)

  function sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(wake, ms)
      function wake() {
        clearTimeout(timer)
        wakeSleeper = null
        resolve()
      }
      wakeSleeper = wake
    })
  }

  async function run() {
    let position = after
    let failures = 0
    while (!stopped) {
      signalled = false // cleared before reading: an append after this point wakes the next sleep
      let batch: RecordedEvent[]
      try {
        batch = await readAll(position, BATCH)
        failures = 0
      } catch (error) {
        if (++failures > READ_RETRIES) throw error
        await sleep(POLL_MS * 2 ** (failures - 1))
        continue
      }
      for (const event of batch) {
        if (stopped) return
        await onEvent(event)
        position = event.position
      }
      if (batch.length < BATCH && !signalled && !stopped) await sleep(POLL_MS)
    }
  }

  const done = run()
    .catch((error) => {
      stopped = true
      onError(error)
    })
    .finally(() => wakers.delete(signal))
  return {
    done,
    async stop() {
      stopped = true
      wakeSleeper?.()
      await done
    },
  }
}

function selectEvents(db: Kysely<any>) {
  return db.selectFrom('events').select([
    // as text: exact on both drivers; named apart so `order by` sorts the bigint column, not this
    sql<string>`position::text`.as('position_text'),
    'stream_id',
    'revision',
    sql<string>`event_id::text`.as('event_id'),
    'type',
    'version',
    'data',
    'metadata',
  ])
}

function toRecorded(row: Record<string, any>): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: BigInt(row.position_text),
    type: row.type,
    version: Number(row.version),
    data: row.data,
    metadata: row.metadata,
  }
}

async function lastRevision(trx: Kysely<any>, streamId: string): Promise<number | null> {
  const row = await trx
    .selectFrom('events')
    .select(sql<number | null>`max(revision)`.as('revision'))
    .where('stream_id', '=', streamId)
    .executeTakeFirstOrThrow()
  return row.revision === null ? null : Number(row.revision)
}

function isRevisionClash(error: unknown) {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string }
  return code === '23505' && constraint === 'events_stream_revision'
}
