import { EventEmitter } from 'node:events'
import { sql, type Kysely } from 'kysely'
import type { EventStore, Position, RecordedEvent, Subscription } from '../../services/shared/eventStore.ts'
import { codec } from '../../services/events.ts'
import type { ProjectedEvent, Projection, ProjectionLane } from '../../services/shared/projection.ts'

const BATCH = 2000

export interface ProjectorOptions {
  store: EventStore
  db: Kysely<any>
  projections: readonly Projection[]
  onError?: (error: unknown) => void
  /**
   * The checkpoints of the lanes these projections make up (services/projections.ts): one
   * lane's alone, or every lane's together where lanes cannot run side by side (PGlite).
   */
  checkpoints?: readonly string[]
}

/** One advisory lock per lane: instances take turns on a lane, lanes run side by side. */
const lockOf = (checkpoint: string) =>
  7_261_002 + ([...checkpoint].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 997, 0) + 1) * 10

/**
 * Applies every event to the read models, in order, in batches. Each batch and the checkpoint
 * commit in one transaction, so a crash never applies an event twice or skips one. Several
 * instances on one PostgreSQL may run it: the batch takes a lock and skips what another instance
 * already applied.
 */
export function createProjector({
  store,
  db,
  projections,
  onError,
  checkpoints = ['read_models'],
}: ProjectorOptions) {
  const LOCK = lockOf(checkpoints.join(','))
  const committed = new EventEmitter<{ events: [RecordedEvent[]] }>()
  committed.setMaxListeners(0)
  let position: Position = 0n
  let subscription: Subscription | null = null
  const buffer: RecordedEvent[] = []
  let flushing: Promise<void> | null = null
  let failure: unknown = null
  const waiters = new Set<{ position: Position; resolve(): void }>()

  /** How far all of its lanes have come (a lane never projected counts as zero). */
  async function readCheckpoint(executor: Kysely<any> = db): Promise<Position> {
    const rows = await executor
      .selectFrom('projection_checkpoints')
      .select(['name', 'position'])
      .where('name', 'in', checkpoints)
      .execute()
    if (rows.length < checkpoints.length) return 0n
    return rows.reduce(
      (least, row) => (BigInt(row.position) < least ? BigInt(row.position) : least),
      BigInt(rows[0]!.position),
    )
  }

  async function applyBatch(events: RecordedEvent[]) {
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${LOCK})`.execute(trx)
      const done = await readCheckpoint(trx)
      const fresh = events.filter((e) => e.position > done).map(projectedOf)
      if (fresh.length > 0) {
        const batches = []
        for (const projection of projections) batches.push(await projection.open(trx, fresh))
        for (const projected of fresh) for (const batch of batches) await batch.apply(projected)
        for (const batch of batches) await batch.close()
      }
      const last = events.at(-1)!.position
      if (last > done) {
        await trx
          .insertInto('projection_checkpoints')
          .values(checkpoints.map((name) => ({ name, position: last.toString() })))
          .onConflict((oc) => oc.column('name').doUpdateSet({ position: last.toString() }))
          .execute()
      }
    })
  }

  async function flush() {
    while (buffer.length > 0) {
      const batch = buffer.splice(0, BATCH)
      await applyBatch(batch)
      position = batch.at(-1)!.position
      committed.emit('events', batch)
      for (const waiter of waiters) {
        if (waiter.position <= position) {
          waiters.delete(waiter)
          waiter.resolve()
        }
      }
    }
  }

  function scheduleFlush(): Promise<void> {
    flushing ??= flush()
      .catch((error) => {
        failure = error
        onError?.(error)
        void subscription?.stop()
      })
      .finally(() => {
        flushing = null
        if (buffer.length > 0 && !failure) void scheduleFlush()
      })
    return flushing
  }

  return {
    committed,
    get position() {
      return position
    },
    async start() {
      position = await readCheckpoint()
      subscription = store.subscribeAll(
        position,
        async (event) => {
          buffer.push(event)
          void scheduleFlush()
          // Back-pressure: let the store run ahead by at most a few batches.
          if (buffer.length >= BATCH * 4) await flushing
        },
        (error) => {
          failure = error
          onError?.(error)
        },
      )
    },
    /**
     * Resolves once the read models include every event stored when it was called: after an
     * upgrade replays them, the API answers from complete read models or not at all.
     */
    async catchUp() {
      const head = await store.headPosition()
      while (position < head && !failure) await this.waitFor(head, 60_000)
      if (failure) throw failure
    },
    /** Read-your-writes: resolves once the read models include `target`, or after `timeoutMs`. */
    waitFor(target: Position, timeoutMs = 5000): Promise<void> {
      if (target <= position || failure) return Promise.resolve()
      return new Promise<void>((resolve) => {
        const waiter = { position: target, resolve: () => (clearTimeout(timer), resolve()) }
        const timer = setTimeout(() => (waiters.delete(waiter), resolve()), timeoutMs)
        waiters.add(waiter)
      })
    },
    async stop() {
      await subscription?.stop()
      subscription = null
      await flushing
    },
    get failure() {
      return failure
    },
  }
}

export type Projector = ReturnType<typeof createProjector>

function projectedOf(recorded: RecordedEvent): ProjectedEvent {
  return {
    event: codec.decode(recorded),
    eventId: recorded.id,
    streamId: recorded.streamId,
    position: recorded.position,
    metadata: recorded.metadata,
  }
}

/** Empties every lane's tables and checkpoint: the next start replays from zero. */
export async function resetReadModels(db: Kysely<any>, lanes: readonly ProjectionLane[]) {
  await db.transaction().execute((trx) => emptyReadModels(trx, lanes))
}

/** The same inside a transaction; tables a later migration creates do not exist yet. */
export async function emptyReadModels(trx: Kysely<any>, lanes: readonly ProjectionLane[]) {
  for (const table of lanes.flatMap((lane) => lane.projections.flatMap((p) => p.tables))) {
    const { rows } = await sql<{ found: string | null }>`select to_regclass(${table})::text as found`.execute(
      trx,
    )
    if (rows[0]?.found) await sql`delete from ${sql.table(table)}`.execute(trx)
  }
  const checkpoints = await sql<{
    found: string | null
  }>`select to_regclass('projection_checkpoints')::text as found`.execute(trx)
  if (checkpoints.rows[0]?.found)
    await trx
      .deleteFrom('projection_checkpoints')
      .where(
        'name',
        'in',
        lanes.map((lane) => lane.checkpoint),
      )
      .execute()
}
