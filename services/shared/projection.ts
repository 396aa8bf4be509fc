import type { Kysely } from 'kysely'
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
 * `apply` runs inside the projector's transaction, together with the checkpoint.
 */
export interface Projection {
  name: string
  /** The tables it owns, emptied by a rebuild. */
  tables: readonly string[]
  apply(trx: Kysely<any>, projected: ProjectedEvent): Promise<void>
}
