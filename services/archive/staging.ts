import {
  WrongExpectedRevision,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '../shared/eventStore.ts'

/**
 * The event store as it would be after some appends that are only held here: streams read as the
 * real store's events followed by the held ones. An import first runs every item through the
 * domain's handlers on this, so it knows what each would do — append, repeat, or be refused —
 * before writing anything for real. Only what handlers use is served: reading and appending streams.
 */
export function stagingStore(real: EventStore) {
  const held = new Map<string, RecordedEvent[]>()
  let position = 0n
  let appended = 0

  async function readStream(streamId: string): Promise<RecordedEvent[]> {
    return [...(await real.readStream(streamId)), ...(held.get(streamId) ?? [])]
  }

  const store: EventStore = {
    kind: real.kind,
    readStream,
    async append(streamId: string, events: NewEvent[], expected: ExpectedRevision) {
      const current = await readStream(streamId)
      const actual = current.length === 0 ? 'no_stream' : current.length - 1
      const fits =
        expected === 'any' ||
        (expected === 'no_stream' && actual === 'no_stream') ||
        (expected === 'stream_exists' && actual !== 'no_stream') ||
        expected === actual
      if (!fits) throw new WrongExpectedRevision(streamId, expected, actual)
      if (position === 0n) position = (await real.headPosition()) + 1_000_000n
      const recorded = events.map((event, i) => ({
        ...event,
        streamId,
        revision: current.length + i,
        position: ++position,
      }))
      held.set(streamId, [...(held.get(streamId) ?? []), ...recorded])
      appended += recorded.length
      return { revision: current.length + events.length - 1, position }
    },
    readAll: () => Promise.reject(new Error('the staging store serves streams only')),
    subscribeAll: () => {
      throw new Error('the staging store serves streams only')
    },
    headPosition: async () => position,
    close: async () => {},
  }
  return {
    store,
    /** Events held so far: an item that adds none was already there (or changed nothing). */
    appended: () => appended,
  }
}
