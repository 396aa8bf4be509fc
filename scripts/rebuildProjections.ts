import { loadConfig } from '../infra/config.ts'
import { openDatabase } from '../infra/db/database.ts'
import { openEventStore } from '../infra/eventstore/open.ts'
import { migrate } from '../infra/readmodels/migrate.ts'
import { rebuildReadModels } from '../infra/readmodels/rebuild.ts'

/** `npm run projections:rebuild`: empty every read model and replay all events from zero. */
const config = loadConfig()
const database = await openDatabase(
  config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
).catch((error: Error) => {
  console.error(`projections:rebuild: ${error.message}`)
  process.exit(2)
})
await migrate(database.db)
const store = await openEventStore({ eventstoreUrl: config.eventstoreUrl ?? undefined }, database)
const started = Date.now()
const { events, position } = await rebuildReadModels(store, database.db)
const seconds = (Date.now() - started) / 1000
console.log(`rebuilt read models from ${events} events up to position ${position} in ${seconds.toFixed(1)} s`)
await store.close()
await database.close()
