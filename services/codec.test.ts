import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import type { RecordedEvent } from './shared/eventStore.ts'
import { createCodec } from './codec.ts'
import { codec } from './events.ts'

const { encode, decode } = codec
const decodeWith = (recorded: RecordedEvent, definitions: ReadonlyMap<string, EventDefinition>) =>
  createCodec(definitions).decode(recorded)
import { defineEvent, type EventDefinition } from './shared/events.ts'

const metadata = {
  actor: 'system',
  correlationId: 'c',
  causationId: null,
  occurredAt: '2026-11-23T10:00:00.000Z',
}
const recorded = (type: string, version: number, data: Record<string, unknown>): RecordedEvent => ({
  id: '00000000-0000-4000-8000-000000000001',
  type,
  version,
  data,
  metadata,
  streamId: 's',
  revision: 0,
  position: 1n,
})

describe('event codec', () => {
  it('events are validated when written', () => {
    expect(() => encode({ type: 'PersonUpdated', data: { personId: 'not-a-uuid' } }, metadata)).toThrow()
    expect(() => encode({ type: 'NoSuchEvent', data: {} }, metadata)).toThrow(/unknown event type/)
  })

  it('events are validated when read', () => {
    expect(() => decode(recorded('PersonUpdated', 1, { personId: 42 }))).toThrow()
  })

  it('an upcaster turns an old version into the current shape when read', () => {
    const Renamed = defineEvent('GoalNoted', z.object({ text: z.string(), category: z.string() }), {
      version: 2,
      upcasters: { 1: (v1: { goal: string }) => ({ text: v1.goal, category: 'Technical Skills' }) },
    })
    const definitions = new Map([[Renamed.type, Renamed]])
    expect(decodeWith(recorded('GoalNoted', 1, { goal: 'Lead a code review' }), definitions)).toEqual({
      type: 'GoalNoted',
      data: { text: 'Lead a code review', category: 'Technical Skills' },
    })
    expect(
      decodeWith(recorded('GoalNoted', 2, { text: 'x', category: 'Communication' }), definitions).data,
    ).toEqual({
      text: 'x',
      category: 'Communication',
    })
  })
})
