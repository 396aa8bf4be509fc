import type { InsertQueryBuilder, Kysely } from 'kysely'
import type { EventMetadata, Position } from './eventStore.ts'
import type { AnyEvent } from './events.ts'

export interface ProjectedEvent {
  event: AnyEvent
  eventId: string
  streamId: string
  position: Position
  metadata: EventMetadata
}

/**
 * Events → read-model rows, nothing else: a projection never decides and never calls a service.
 * The projector opens every projection on a batch inside one transaction (with the checkpoint),
 * applies the batch's events in order, then closes them.
 */
export interface Projection {
  name: string
  /** The tables it owns, emptied by a rebuild. */
  tables: readonly string[]
  open(trx: Kysely<any>, events: readonly ProjectedEvent[]): Promise<ProjectionBatch>
}

/**
 * Projections that share a checkpoint and a transaction per batch. Lanes run side by side (on
 * PostgreSQL, on connections of their own), so a lane holds projections that read only tables
 * of their own lane.
 */
export interface ProjectionLane {
  checkpoint: string
  projections: readonly Projection[]
}

/**
 * One batch of one projection. A projection may hold its writes back until `close` (a few
 * multi-row statements instead of several round trips per event) as long as no other projection
 * reads its tables mid-batch; those it reads must write as each event comes.
 */
export interface ProjectionBatch {
  apply(projected: ProjectedEvent): Promise<void> | void
  close(): Promise<void>
}

/** A projection that writes each event as it comes: rare events, or tables others read mid-batch. */
export function eagerProjection(
  name: string,
  tables: readonly string[],
  apply: (trx: Kysely<any>, projected: ProjectedEvent) => Promise<void>,
): Projection {
  return {
    name,
    tables,
    async open(trx) {
      return { apply: (projected) => apply(trx, projected), close: async () => {} }
    },
  }
}

/** Rows per multi-row statement: well under PostgreSQL's 65,535 parameters for any of our tables. */
export const ROWS_PER_STATEMENT = 1000

/** Inserts rows in chunks; `build` adds what the insert needs beyond values (e.g. on conflict). */
export async function insertRows<R extends object>(
  trx: Kysely<any>,
  table: string,
  rows: readonly R[],
  build: (insert: InsertQueryBuilder<any, any, any>) => InsertQueryBuilder<any, any, any> = (i) => i,
) {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await build(trx.insertInto(table).values(rows.slice(i, i + ROWS_PER_STATEMENT) as R[])).execute()
  }
}
