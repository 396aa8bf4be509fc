/**
 * The event store port. Exactly two adapters implement it, in infra/eventstore: `postgres.ts`
 * (PGlite or a PostgreSQL server) and `esdb.ts` (EventStoreDB / KurrentDB);
 * `test/eventstore.contract.ts` holds them to it. It lives with the domain that depends on it, so
 * services never import infra: the adapters depend on the port, not the other way round.
 */

/** A place in the global order of all events. Strictly increasing in commit order; gaps allowed. */
export type Position = bigint

export const START: Position = 0n

/** `number` is the revision of the stream's last event (0-based), as EventStoreDB counts. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number

export interface EventMetadata {
  /** The person or key that caused the event; `system` for the runtime itself. */
  actor: string
  correlationId: string
  causationId: string | null
  /** ISO-8601 instant from the clock passed in, not the database's. */
  occurredAt: string
  idempotencyKey?: string
  /** The command that appended it (`submitCheckIn`): a key reused for another one is refused. */
  operation?: string
}

export interface NewEvent {
  id: string
  type: string
  version: number
  data: Record<string, unknown>
  metadata: EventMetadata
}

export interface RecordedEvent extends NewEvent {
  streamId: string
  revision: number
  position: Position
}

export interface AppendResult {
  /** Revision of the last event written. */
  revision: number
  /** Position of the last event written. */
  position: Position
}

export interface Subscription {
  stop(): Promise<void>
}

export interface EventStore {
  readonly kind: 'pglite' | 'postgres' | 'eventstoredb'
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>
  /** The whole stream in revision order; empty when it does not exist. */
  readStream(streamId: string): Promise<RecordedEvent[]>
  /** Events strictly after `after`, in global order, at most `limit`. */
  readAll(after: Position, limit: number): Promise<RecordedEvent[]>
  /**
   * Every event strictly after `after`: first those stored, then new ones as they commit, in
   * global order, one at a time — the next is delivered only after `onEvent` resolves.
   * An error thrown by `onEvent` stops the subscription and is passed to `onError`.
   */
  subscribeAll(
    after: Position,
    onEvent: (event: RecordedEvent) => Promise<void> | void,
    onError?: (error: unknown) => void,
  ): Subscription
  /** Position of the newest event, or START when empty. */
  headPosition(): Promise<Position>
  close(): Promise<void>
}

export class WrongExpectedRevision extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, found ${String(actual)}`)
    this.name = 'WrongExpectedRevision'
  }
}
