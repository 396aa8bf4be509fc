import { randomUUID } from 'node:crypto'
import type { EventMetadata, NewEvent, RecordedEvent } from './shared/eventStore.ts'
import { eventDefinitions } from './events.ts'
import type { AnyEvent, EventDefinition } from './shared/events.ts'

/** Validates a decided event and gives it an id, version and metadata for the store. */
export function encode(event: AnyEvent, metadata: EventMetadata): NewEvent {
  const definition = eventDefinitions.get(event.type)
  if (!definition) throw new Error(`unknown event type ${event.type}`)
  return {
    id: randomUUID(),
    type: event.type,
    version: definition.version,
    data: definition.schema.parse(event.data),
    metadata,
  }
}

/** A stored event in its current shape: older versions upcast, then validated again. */
export function decode(
  recorded: RecordedEvent,
  definitions: ReadonlyMap<string, EventDefinition> = eventDefinitions,
): AnyEvent {
  const definition = definitions.get(recorded.type)
  if (!definition) throw new Error(`unknown event type ${recorded.type} at position ${recorded.position}`)
  let data: unknown = recorded.data
  for (let version = recorded.version; version < definition.version; version++) {
    const upcast = definition.upcasters[version]
    if (!upcast) throw new Error(`no upcaster for ${recorded.type} v${version}`)
    data = upcast(data)
  }
  return { type: recorded.type, data: definition.schema.parse(data) }
}
