import type { EventDefinition } from '../shared/events.ts'
import { ADMIN_ONLY } from '../shared/redaction.ts'

/** What a webhook may subscribe to: every event type a feed reader may see. */
export function deliverableTypes(definitions: ReadonlyMap<string, EventDefinition>): ReadonlySet<string> {
  return new Set([...definitions.keys()].filter((type) => !ADMIN_ONLY.has(type)))
}
