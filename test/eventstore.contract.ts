import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  START,
  WrongExpectedRevision,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type RecordedEvent,
} from '../services/shared/eventStore.ts'

export interface OpenedStore {
  store: EventStore
  cleanup(): Promise<void>
  /** Another writer on its own connections (pool, client); omitted where there is only one connection. */
  openAnotherWriter?: () => Promise<{ store: EventStore; cleanup(): Promise<void> }>
}

/**
 * What every EventStore adapter promises (services/shared/eventStore.ts). The store is opened once per
 * suite and may hold other events, as a shared EventStoreDB does: each test writes to streams of
 * its own and looks only at those, from the head position it found on arrival.
 */
export function eventStoreContract(name: string, open: () => Promise<OpenedStore>) {
  describe(name, () => {
    let opened: OpenedStore
    let store: EventStore
    beforeAll(async () => {
      opened = await open()
      store = opened.store
    })
    afterAll(async () => opened?.cleanup())

    it('appends events and reads the stream back in revision order', async () => {
      const stream = streamName('read')
      const first = [event('Opened'), event('Renamed')]
      const written = await store.append(stream, first, 'no_stream')
      expect(written.revision).toBe(1)
      const more = await store.append(stream, [event('Closed')], 1)
      expect(more.revision).toBe(2)
      expect(more.position).toBeGreaterThan(written.position)

      const read = await store.readStream(stream)
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2])
      expect(read.map((e) => e.type)).toEqual(['Opened', 'Renamed', 'Closed'])
      expect(read.every((e) => e.streamId === stream)).toBe(true)
      expect(read[0]).toMatchObject({ ...first[0], streamId: stream, revision: 0 })
      expect(read[1]!.position).toBe(written.position)
      expect(read[2]!.position).toBe(more.position)
      expect(typeof read[0]!.position).toBe('bigint')
      expectIncreasing(read.map((e) => e.position))
    })

    it('reads a stream that does not exist as empty', async () => {
      expect(await store.readStream(streamName('missing'))).toEqual([])
    })

    it('checks the expected revision: any, no_stream, stream_exists and exact', async () => {
      const stream = streamName('expect')
      await expectConflict(
        store.append(stream, [event()], 'stream_exists'),
        stream,
        'stream_exists',
        'no_stream',
      )
      await expectConflict(store.append(stream, [event()], 0), stream, 0, 'no_stream')
      await store.append(stream, [event()], 'no_stream')
      await expectConflict(store.append(stream, [event()], 'no_stream'), stream, 'no_stream', 0)
      await store.append(stream, [event()], 'stream_exists')
      await expectConflict(store.append(stream, [event()], 0), stream, 0, 1)
      await expectConflict(store.append(stream, [event()], 2), stream, 2, 1)
      expect((await store.append(stream, [event(), event()], 1)).revision).toBe(3)
      expect((await store.append(stream, [event()], 'any')).revision).toBe(4)
      expect((await store.append(streamName('any'), [event()], 'any')).revision).toBe(0)
      // a refused append writes nothing
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4])
    })

    it('lets exactly one of two appends expecting the same revision win', async () => {
      const stream = streamName('race')
      await store.append(stream, [event()], 'no_stream')
      const results = await Promise.allSettled([
        store.append(stream, [event('A')], 0),
        store.append(stream, [event('B'), event('B')], 0),
      ])
      const failed = results.filter((r) => r.status === 'rejected')
      expect(failed).toHaveLength(1)
      expect((failed[0] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision)
      const types = (await store.readStream(stream)).map((e) => e.type)
      expect([
        ['Happened', 'A'],
        ['Happened', 'B', 'B'],
      ]).toContainEqual(types)
    })

    it('keeps one global order across streams', async () => {
      const head = await store.headPosition()
      const [a, b] = [streamName('order-a'), streamName('order-b')]
      await store.append(a, [event('A0')], 'no_stream')
      await store.append(b, [event('B0'), event('B1')], 'no_stream')
      const last = await store.append(a, [event('A1')], 0)
      const all = ofStreams(await store.readAll(head, 100), [a, b])
      expect(all.map((e) => e.type)).toEqual(['A0', 'B0', 'B1', 'A1'])
      expectIncreasing(all.map((e) => e.position))
      expect(await store.headPosition()).toBe(last.position)
      const byStream = [...(await store.readStream(a)), ...(await store.readStream(b))]
      expect(new Set(byStream.map((e) => `${e.id}@${e.position}`))).toEqual(
        new Set(all.map((e) => `${e.id}@${e.position}`)),
      )
    })

    it('reads all strictly after any position, at most limit events', async () => {
      const head = await store.headPosition()
      const stream = streamName('page')
      for (let i = 0; i < 5; i++) await store.append(stream, [event(`E${i}`)], 'any')
      const mine = ofStreams(await store.readAll(head, 100), [stream])
      const positions = mine.map((e) => e.position)
      expect(mine.map((e) => e.type)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4'])
      expect((await store.readAll(positions[1]!, 2)).map((e) => e.type)).toEqual(['E2', 'E3'])
      expect((await store.readAll(positions[3]!, 100)).map((e) => e.type)).toEqual(['E4'])
      expect(await store.readAll(positions[4]!, 100)).toEqual([])
      expect(await store.readAll(head, 1)).toHaveLength(1)
      const fromStart = await readEverything(store, START)
      expect(fromStart.slice(-5).map((e) => e.id)).toEqual(mine.map((e) => e.id))
    })

    it('catches up from any position, then delivers new events live', async () => {
      const stream = streamName('catchup')
      await store.append(stream, [event('E0'), event('E1'), event('E2')], 'no_stream')
      const stored = await store.readStream(stream)
      const seen = collect(store, stored[0]!.position, [stream])
      const all = collect(store, START, [stream])
      try {
        await eventually(() => expect(seen.types()).toEqual(['E1', 'E2']))
        await store.append(stream, [event('E3')], 2)
        await store.append(stream, [event('E4')], 3)
        await eventually(() => expect(seen.types()).toEqual(['E1', 'E2', 'E3', 'E4']))
        await eventually(() => expect(all.types()).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']))
        expect(seen.errors).toEqual([])
      } finally {
        await Promise.all([seen.subscription.stop(), all.subscription.stop()])
      }
    })

    it('delivers in order, one event at a time, awaiting the handler', async () => {
      const stream = streamName('serial')
      const head = await store.headPosition()
      let active = 0
      let most = 0
      const delivered: RecordedEvent[] = []
      const subscription = store.subscribeAll(head, async (e) => {
        active++
        most = Math.max(most, active)
        await sleep(2)
        if (e.streamId === stream) delivered.push(e)
        active--
      })
      try {
        await store.append(stream, [event(), event(), event()], 'no_stream')
        await store.append(stream, [event(), event()], 2)
        await eventually(() => expect(delivered).toHaveLength(5))
        expect(most).toBe(1)
        expect(delivered.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4])
        expectIncreasing(delivered.map((e) => e.position))
      } finally {
        await subscription.stop()
      }
    })

    it('stop() waits for the handler in flight, then delivers nothing more', async () => {
      const stream = streamName('stop')
      const head = await store.headPosition()
      let release!: () => void
      const gate = new Promise<void>((resolve) => (release = resolve))
      const delivered: string[] = []
      let handlerDone = false
      const subscription = store.subscribeAll(head, async (e) => {
        if (e.streamId !== stream) return
        delivered.push(e.type)
        await gate
        handlerDone = true
      })
      await store.append(stream, [event('First'), event('Second')], 'no_stream')
      await eventually(() => expect(delivered).toEqual(['First']))
      let stopped = false
      const stopping = subscription.stop().then(() => (stopped = true))
      await sleep(50)
      expect(stopped).toBe(false)
      release()
      await stopping
      expect(handlerDone).toBe(true)
      await store.append(stream, [event('Third')], 1)
      await sleep(400)
      expect(delivered).toEqual(['First'])
    })

    it('ends the subscription when the handler throws, and reports the error', async () => {
      const stream = streamName('throws')
      const head = await store.headPosition()
      const failure = new Error('handler failed')
      const delivered: string[] = []
      const errors: unknown[] = []
      const subscription = store.subscribeAll(
        head,
        (e) => {
          if (e.streamId !== stream) return
          delivered.push(e.type)
          throw failure
        },
        (error) => errors.push(error),
      )
      try {
        await store.append(stream, [event('One'), event('Two')], 'no_stream')
        await eventually(() => expect(errors).toEqual([failure]))
        await sleep(100)
        expect(delivered).toEqual(['One'])
      } finally {
        await subscription.stop()
      }
    })

    it('round-trips data and metadata unchanged', async () => {
      const stream = streamName('roundtrip')
      const data = {
        text: 'Grüße, 你好, مرحبا, 👩🏽‍💻, e\u0301, "quotes" \\ back\nline\ttab',
        empty: '',
        numbers: [
          0,
          -1,
          42,
          0.1,
          -2.5e-10,
          123456.789,
          1e21,
          Number.MAX_SAFE_INTEGER,
          -Number.MAX_SAFE_INTEGER,
        ],
        flags: { yes: true, no: false, nothing: null },
        nested: { deeper: { list: [{ a: 1 }, [2, [3]], 'x'], 'key with spaces': 'ok', ключ: 'значение' } },
        long: 'x'.repeat(10_000),
      }
      const metadata = {
        actor: 'person-ü',
        correlationId: randomUUID(),
        causationId: randomUUID(),
        occurredAt: '2026-11-23T09:30:00.123Z',
        idempotencyKey: 'clé-🔑',
      }
      const written = { id: randomUUID(), type: 'Recorded', version: 3, data, metadata }
      const head = await store.headPosition()
      await store.append(stream, [written, event()], 'no_stream')
      const seen = collect(store, head, [stream])
      try {
        const [fromStream] = await store.readStream(stream)
        const [fromAll] = ofStreams(await store.readAll(head, 100), [stream])
        await eventually(() => expect(seen.events).toHaveLength(2))
        for (const read of [fromStream, fromAll, seen.events[0]]) {
          expect(read).toMatchObject({
            id: written.id,
            type: 'Recorded',
            version: 3,
            streamId: stream,
            revision: 0,
          })
          expect(read!.data).toStrictEqual(data)
          expect(read!.metadata).toStrictEqual(metadata)
        }
      } finally {
        await seen.subscription.stop()
      }
    })

    it('gives a subscriber every event of concurrent writers once, in order', async () => {
      const others = await Promise.all([1, 2, 3].map(() => opened.openAnotherWriter?.()))
      const writers = [store, ...others.map((other) => other?.store ?? store)]
      const prefix = streamName('crowd')
      const head = await store.headPosition()
      const seen = collect(store, head, [prefix], true)
      try {
        const appended = (await Promise.all(writers.map((writer, i) => write(writer, prefix, i)))).flat()
        await eventually(() => expect(seen.events.length).toBeGreaterThanOrEqual(appended.length), 10_000)
        await sleep(300) // a duplicate would show up now
        const ids = seen.events.map((e) => e.id)
        expect(ids).toHaveLength(appended.length)
        expect(new Set(ids)).toEqual(new Set(appended))
        expectIncreasing(seen.events.map((e) => e.position))
        for (const [stream, revisions] of revisionsByStream(seen.events)) {
          expect(revisions, stream).toEqual(revisions.map((_, i) => i))
        }
        const stored = ofStreams(await readEverything(store, head), [prefix], true)
        expect(stored.map((e) => `${e.id}@${e.position}`)).toEqual(
          seen.events.map((e) => `${e.id}@${e.position}`),
        )
        expect(seen.errors).toEqual([])
      } finally {
        await seen.subscription.stop()
        await Promise.all(others.map((other) => other?.cleanup()))
      }
    })
  })
}

/**
 * 50 appends of 1–3 events: most to streams of this writer, some to three streams every writer
 * shares, which conflict and are retried on a fresh read. Returns the ids that were written.
 */
async function write(store: EventStore, prefix: string, writer: number): Promise<string[]> {
  const random = seeded(writer + 1)
  const written: string[] = []
  for (let i = 0; i < 50; i++) {
    const events = Array.from({ length: 1 + Math.floor(random() * 3) }, () => event('Crowded', { writer, i }))
    const shared = random() < 0.3
    const stream = shared ? `${prefix}-shared-${Math.floor(random() * 3)}` : `${prefix}-w${writer}-${i % 7}`
    for (let attempt = 0; ; attempt++) {
      const current = await store.readStream(stream)
      const expected: ExpectedRevision = current.length === 0 ? 'no_stream' : current.length - 1
      try {
        await store.append(stream, events, expected)
        break
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision) || attempt > 50) throw error
      }
    }
    written.push(...events.map((e) => e.id))
  }
  return written
}

function event(type = 'Happened', data: Record<string, unknown> = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    version: 1,
    data,
    metadata: {
      actor: 'person-1',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: '2026-11-23T09:00:00.000Z',
    },
  }
}

function streamName(label: string) {
  return `contract${label}-${randomUUID().replaceAll('-', '')}`
}

function ofStreams(events: RecordedEvent[], streams: string[], byPrefix = false) {
  return events.filter((e) => streams.some((s) => (byPrefix ? e.streamId.startsWith(s) : e.streamId === s)))
}

function collect(store: EventStore, after: Position, streams: string[], byPrefix = false) {
  const events: RecordedEvent[] = []
  const errors: unknown[] = []
  const subscription = store.subscribeAll(
    after,
    (e) => void events.push(...ofStreams([e], streams, byPrefix)),
    (error) => errors.push(error),
  )
  return { events, errors, subscription, types: () => events.map((e) => e.type) }
}

async function readEverything(store: EventStore, after: Position) {
  const all: RecordedEvent[] = []
  for (let page = await store.readAll(after, 100); page.length > 0; page = await store.readAll(after, 100)) {
    all.push(...page)
    after = page.at(-1)!.position
  }
  return all
}

function revisionsByStream(events: RecordedEvent[]) {
  const byStream = new Map<string, number[]>()
  for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.revision])
  return byStream
}

async function expectConflict(
  attempt: Promise<unknown>,
  streamId: string,
  expected: ExpectedRevision,
  actual: number | 'no_stream',
) {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(WrongExpectedRevision)
  expect(error).toMatchObject({ streamId, expected, actual })
}

function expectIncreasing(positions: Position[]) {
  positions.slice(1).forEach((p, i) => expect(p > positions[i]!, `${positions[i]} then ${p}`).toBe(true))
}

async function eventually(check: () => void, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await sleep(10)
    }
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** mulberry32: the same streams and batch sizes on every run, so a failure can be replayed. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
