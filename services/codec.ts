import { randomUUID } from 'node:crypto'
import type { EventMetadata, NewEvent, RecordedEvent } from './shared/eventStore.ts'
import type { AnyEvent, EventDefinition } from './shared/events.ts'

/** Events to and from the store, by their definitions: services reach it through `Deps`. */
export interface Codec {
  /** Validates a decided event and gives it an id, version and metadata for the store. */
  encode(event: AnyEvent, metadata: EventMetadata): NewEvent
  /** A stored event in its current shape: older versions upcast, then validated again. */
  decode(recorded: RecordedEvent): AnyEvent
  /** Every event type it knows, with what each hides from whom. */
  readonly definitions: ReadonlyMap<string, EventDefinition>
}

/**
 * The codec of a set of event definitions. It is handed the registry rather than importing it,
 * so the command runner every area uses does not depend on every area's events.
 */
export function createCodec(definitions: ReadonlyMap<string, EventDefinition>): Codec {
  return {
    definitions,
    encode(event, metadata) {
      const definition = definitions.get(event.type)
      if (!definition) throw new Error(`unknown event type ${event.type}`)
      return {
        id: randomUUID(),
        type: event.type,
        version: definition.version,
        data: definition.schema.parse(event.data),
        metadata,
      }
    },
    decode(recorded) {
      const definition = definitions.get(recorded.type)
      if (!definition) throw new Error(`unknown event type ${recorded.type} at position ${recorded.position}`)
      let data: unknown = recorded.data
      for (let version = recorded.version; version < definition.version; version++) {
        const upcast = definition.upcasters[version]
        if (!upcast) throw new Error(`no upcaster for ${recorded.type} v${version}`)
        data = upcast(data)
      }
      return { type: recorded.type, data: definition.schema.parse(data) }
    },
  }
}
