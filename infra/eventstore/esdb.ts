import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  START as ESDB_START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client'
import {
  START,
  WrongExpectedRevision,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '../../services/shared/eventStore.ts'

const PAGE = 500
/** Consecutive dropped subscriptions ridden out (about 8 s in all) before giving up. */
const RESUBSCRIBE_RETRIES = 5
const RETRY_MS = 250

/**
 * The event store on EventStoreDB / KurrentDB. Our Position is the event's commit position in the
 * transaction log: since v20 every event of an append is its own record, so commit positions are
 * unique and increase in log order (the prepare position equals it).
 */
export function createEsdbEventStore(connectionString: string): EventStore {
  const client = EventStoreDBClient.connectionString(connectionString)
  const subscriptions = new Set<Subscription>()

  return {
    kind: 'eventstoredb',

    async append(streamId, events, expected) {
      try {
        const result = await client.appendToStream(streamId, events.map(toEventData), {
          expectedRevision: toEsdbRevision(expected),
        })
        return { revision: Number(result.nextExpectedRevision), position: result.position?.commit ?? START }
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error
        const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no_stream'
        throw new WrongExpectedRevision(streamId, expected, actual)
      }
    },

    async readStream(streamId) {
      const events: RecordedEvent[] = []
      try {
        for await (const resolved of client.readStream(streamId)) {
          const event = toRecorded(resolved)
          if (event) events.push(event)
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return []
        throw error
      }
      return events
    },

    readAll,

    subscribeAll(after, onEvent, onError = (error) => console.error('event subscription stopped:', error)) {
      const subscription = catchUpSubscription(client, after, onEvent, onError)
      subscriptions.add(subscription)
      subscription.done.finally(() => subscriptions.delete(subscription))
      return subscription
    },

    /** The newest of our events: $all read backwards past the system events written after it. */
    async headPosition() {
      let from: ReadPosition = END
      for (;;) {
        let count = 0
        let last: ReadPosition | undefined
        for await (const resolved of client.readAll({
          direction: BACKWARDS,
          fromPosition: from,
          maxCount: PAGE,
        })) {
          const event = toRecorded(resolved)
          if (event) return event.position
          count++
          last = resolved.event?.position
        }
        if (count < PAGE || !last) return START
        from = last
      }
    },

    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()))
      await client.dispose()
    },
  }

  /** $all has no server-side filter for reads, so system events are skipped here and paging continues past them. */
  async function readAll(after: Position, limit: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = []
    let seen = after
    let from: ReadPosition = fromPosition(after)
    while (events.length < limit) {
      let count = 0
      for await (const resolved of client.readAll({ fromPosition: from, maxCount: PAGE })) {
        count++
        const position = resolved.event?.position
        // Reads start at `from` inclusive: the event there was delivered already (or is `after`).
        if (!position || position.commit <= seen) continue
        seen = position.commit
        from = position
        const event = toRecorded(resolved)
        if (event && events.length < limit) events.push(event)
      }
      if (count < PAGE) break
    }
    return events
  }
}

interface CatchUpSubscription extends Subscription {
  readonly done: Promise<void>
}

/**
 * subscribeToAll with back-pressure (the async iterator pulls the next event only after `onEvent`
 * resolves). A dropped connection resubscribes from the last delivered event; an error thrown by
 * `onEvent` ends the subscription.
 */
function catchUpSubscription(
  client: EventStoreDBClient,
  after: Position,
  onEvent: (event: RecordedEvent) => Promise<void> | void,
  onError: (error: unknown) => void,
): CatchUpSubscription {
  let stopped = false
  let current: ReturnType<EventStoreDBClient['subscribeToAll']> | null = null
  let handling: Promise<void> = Promise.resolve()

  async function run() {
    let position = after
    let failures = 0
    while (!stopped) {
      current = client.subscribeToAll({ fromPosition: fromPosition(position), filter: excludeSystemEvents() })
      try {
        for await (const resolved of current) {
          if (stopped) return
          const event = toRecorded(resolved)
          if (!event || event.position <= position) continue
          handling = (async () => onEvent(event))()
          await handling.catch((error) => Promise.reject(new HandlerFailed(error)))
          position = event.position
          failures = 0
        }
        return
      } catch (error) {
        if (stopped) return
        if (error instanceof HandlerFailed) throw error.cause
        if (++failures > RESUBSCRIBE_RETRIES) throw error
        await current.unsubscribe().catch(() => {})
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 2 ** (failures - 1)))
      }
    }
  }

  const done = run().catch((error) => {
    stopped = true
    onError(error)
  })
  return {
    done,
    async stop() {
      stopped = true
      const subscription = current
      await subscription?.unsubscribe().catch(() => {})
      // A cancelled gRPC stream does not always end the readable; destroying it ends the loop.
      subscription?.destroy()
      await handling.catch(() => {})
    },
  }
}

/** Tells a handler's error (ends the subscription) from a dropped connection (resubscribes). */
class HandlerFailed extends Error {
  constructor(cause: unknown) {
    super('event handler failed', { cause })
  }
}

function fromPosition(after: Position): ReadPosition {
  return after === START ? ESDB_START : { commit: after, prepare: after }
}

function toEsdbRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY
  if (expected === 'no_stream') return NO_STREAM
  if (expected === 'stream_exists') return STREAM_EXISTS
  return BigInt(expected)
}

/** Our schema version rides in ESDB's metadata; `$correlationId`/`$causationId` feed its system projections. */
function toEventData(event: NewEvent) {
  const { metadata } = event
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: {
      ...metadata,
      schemaVersion: event.version,
      $correlationId: metadata.correlationId,
      ...(metadata.causationId ? { $causationId: metadata.causationId } : {}),
    },
  })
}

/** Null for what is not ours: system events, links, non-JSON events. */
function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
  const event = resolved.event
  if (!event || event.type.startsWith('$') || !event.isJson) return null
  const stored = (event.metadata ?? {}) as Record<string, unknown>
  const metadata = Object.fromEntries(
    Object.entries(stored).filter(([key]) => key !== 'schemaVersion' && !key.startsWith('$')),
  )
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    // Servers before 22.6 give no position on stream reads; START then means "unknown".
    position: event.position?.commit ?? resolved.commitPosition ?? START,
    type: event.type,
    version: Number(stored.schemaVersion ?? 1),
    data: event.data as Record<string, unknown>,
    metadata: metadata as unknown as EventMetadata,
  }
}
