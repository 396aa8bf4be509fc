import { NativeConnection } from '@temporalio/worker'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { openEventStore } from '../eventstore/open.ts'
import { migrate } from '../readmodels/migrate.ts'
import type { Deps } from '../../services/deps.ts'
import { applyLifecycleCommand } from '../../services/lifecycle/commands.ts'
import { systemClock } from '../../services/shared/clock.ts'
import { createLifecycleWorker } from './engine.ts'
import { codec } from '../../services/events.ts'
import { createMailer } from '../mail/mailer.ts'

/**
 * `npm run worker`: a Temporal worker for the lifecycle and program-timer workflows, apart from
 * any API instance. It needs the event store (its activities append through the command
 * handlers), the read models the API instances keep (the timers read them), TEMPORAL_ADDRESS,
 * and for reminders SMTP_URL, MAIL_FROM and TRELLIS_PUBLIC_URL (the unsubscribe links).
 */
const config = loadConfig()
if (!config.temporal) {
  console.error(
    'worker: set TEMPORAL_ADDRESS (and DATABASE_URL or EVENTSTORE_URL) to run the lifecycle worker',
  )
  process.exit(2)
}
const database = await openDatabase(
  config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
)
await migrate(database.db)
const store = await openEventStore({ eventstoreUrl: config.eventstoreUrl }, database)
// The activity only appends: it never reads its own writes back, so it need not wait for projections.
const deps: Deps = {
  store,
  db: database.db,
  clock: systemClock,
  codec,
  caughtUp: async () => {},
  subscribe: () => () => {},
  lifecycle: (command) => applyLifecycleCommand(deps, command),
  mailer: createMailer(config),
  publicUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
}
const connection = await NativeConnection.connect({ address: config.temporal.address })
const worker = await createLifecycleWorker(deps, {
  connection,
  namespace: config.temporal.namespace,
  taskQueue: config.temporal.taskQueue,
})
console.log(
  `lifecycle worker on ${config.temporal.address}, namespace ${config.temporal.namespace}, queue ${config.temporal.taskQueue}`,
)
process.once('SIGINT', () => worker.shutdown())
process.once('SIGTERM', () => worker.shutdown())
await worker.run()
await deps.mailer?.close?.()
await connection.close()
await store.close()
await database.close()
