import type { Database } from '../infra/db/database.ts'
import { openEventStore } from '../infra/eventstore/open.ts'
import { migrate } from '../infra/readmodels/migrate.ts'
import { rebuildReadModels } from '../infra/readmodels/rebuild.ts'

export interface RebuildFigures {
  events: number
  seconds: number
  eventsPerSecond: number
}

/**
 * Empties every read model and replays the whole log through the projector, as
 * `npm run projections:rebuild` does: the projector's catch-up rate on the real mix of events,
 * and the time a rebuild from zero takes. Nothing else may be projecting meanwhile.
 */
export async function measureRebuild(database: Database): Promise<RebuildFigures> {
  await migrate(database.db)
  const store = await openEventStore({}, database)
  try {
    const started = performance.now()
    const { events } = await rebuildReadModels(store, database.db)
    const seconds = (performance.now() - started) / 1000
    return { events, seconds, eventsPerSecond: events / seconds }
  } finally {
    await store.close()
  }
}
