import type { Database } from '../db/database.ts'
import { createEsdbEventStore } from './esdb.ts'
import type { EventStore } from '../../services/shared/eventStore.ts'
import { createPostgresEventStore } from './postgres.ts'

/** EventStoreDB when a URL is configured; otherwise the events live beside the read models. */
export async function openEventStore(
  config: { eventstoreUrl?: string | null },
  database: Database,
): Promise<EventStore> {
  if (config.eventstoreUrl) return createEsdbEventStore(config.eventstoreUrl)
  return createPostgresEventStore(database)
}
