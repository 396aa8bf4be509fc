import { randomUUID } from 'node:crypto'
import {
  WrongExpectedRevision,
  type ExpectedRevision,
  type Position,
  type RecordedEvent,
} from './shared/eventStore.ts'
import type { Deps } from './deps.ts'
import { actorRef, type Actor } from './shared/actor.ts'
import { conflict } from './shared/errors.ts'
import type { AnyEvent } from './shared/events.ts'

export interface Aggregate<S> {
  initialState: S
  evolve(state: S, event: AnyEvent): S
  /**
   * The event types `evolve` reacts to, when the stream holds others too: the rest are left
   * undecoded (a mentorship's stream is mostly the lifecycle's record, which its state ignores).
   */
  folds?: ReadonlySet<string>
}

export interface CommandOptions<S> {
  streamId: string
  aggregate: Aggregate<S>
  /** Pure: the events to append, or a DomainError thrown. */
  decide(state: S): AnyEvent[]
  actor: Actor
  idempotencyKey?: string | null
  /** The command's name, stored with the events so an idempotency key means one request. */
  operation?: string
  correlationId?: string
  /**
   * Wait until the read models include the events before returning (default): a caller's next
   * query sees its write. Background writers that never read the read models skip the wait.
   */
  readYourWrites?: boolean
}

export interface Outcome {
  events: AnyEvent[]
  position: Position
  /** True when an earlier call with the same idempotency key already did this. */
  repeated: boolean
}

const MAX_ATTEMPTS = 5

/**
 * Load → fold → decide → append with the expected revision. A concurrent writer makes the append
 * fail; the command is then decided again on the new state, a bounded number of times.
 */
export async function execute<S>(deps: Deps, options: CommandOptions<S>): Promise<Outcome> {
  const { streamId, aggregate, actor, idempotencyKey, operation } = options
  for (let attempt = 1; ; attempt++) {
    const recorded = await deps.store.readStream(streamId)
    const earlier = idempotencyKey ? sameRequest(recorded, actorRef(actor), idempotencyKey, operation) : []
    if (earlier.length > 0) {
      const position = earlier.at(-1)!.position
      if (options.readYourWrites !== false) await deps.caughtUp(position)
      return { events: earlier.map((e) => deps.codec.decode(e)), position, repeated: true }
    }
    const folded = aggregate.folds ? recorded.filter((e) => aggregate.folds!.has(e.type)) : recorded
    const state = folded.map((e) => deps.codec.decode(e)).reduce(aggregate.evolve, aggregate.initialState)
    const events = options.decide(state)
    if (events.length === 0) {
      return { events, position: recorded.at(-1)?.position ?? 0n, repeated: false }
    }
    const expected: ExpectedRevision = recorded.length === 0 ? 'no_stream' : recorded.length - 1
    const metadata = {
      actor: actorRef(actor),
      correlationId: options.correlationId ?? randomUUID(),
      causationId: null,
      occurredAt: deps.clock.now().toUTC().toISO()!,
      ...(idempotencyKey ? { idempotencyKey } : {}),
      ...(operation ? { operation } : {}),
    }
    try {
      const result = await deps.store.append(
        streamId,
        events.map((event) => deps.codec.encode(event, metadata)),
        expected,
      )
      if (options.readYourWrites !== false) await deps.caughtUp(result.position)
      return { events, position: result.position, repeated: false }
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error
      if (attempt >= MAX_ATTEMPTS) {
        throw conflict('concurrent_modification', `${streamId} kept changing; try again`)
      }
    }
  }
}

/**
 * The earlier events of this request. The key is the caller's, per stream; the same key on another
 * operation is a client bug that would otherwise drop this request silently. Events stored before
 * operations were recorded match any operation.
 */
function sameRequest(recorded: RecordedEvent[], actor: string, key: string, operation: string | undefined) {
  const earlier = recorded.filter((e) => e.metadata.idempotencyKey === key && e.metadata.actor === actor)
  const other = earlier.find((e) => operation && e.metadata.operation && e.metadata.operation !== operation)
  if (other) {
    throw conflict(
      'idempotency_key_reused',
      `idempotency key ${JSON.stringify(key)} was used for ${other.metadata.operation}, not ${operation}; use a new key`,
    )
  }
  return earlier
}

/** Reads and folds a stream without deciding anything. */
export async function load<S>(deps: Deps, streamId: string, aggregate: Aggregate<S>) {
  const recorded = await deps.store.readStream(streamId)
  return {
    state: recorded.map((e) => deps.codec.decode(e)).reduce(aggregate.evolve, aggregate.initialState),
    exists: recorded.length > 0,
  }
}
