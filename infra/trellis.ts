import type { Config } from './config.ts'
import { openDatabase, type Database } from './db/database.ts'
import { openEventStore } from './eventstore/open.ts'
import type { RecordedEvent } from '../services/shared/eventStore.ts'
import { createAuthenticator } from './http/auth.ts'
import { buildApp } from './http/app.ts'
import { migrate } from './readmodels/migrate.ts'
import { createProjectors } from './readmodels/lanes.ts'
import type { Deps } from '../services/deps.ts'
import { projectionLanes } from '../services/projections.ts'
import { codec } from '../services/events.ts'
import { clockStartingAt, systemClock, type Clock } from '../services/shared/clock.ts'
import { recordOccurrence } from '../services/lifecycle/handlers.ts'
import { applyLifecycleCommand } from '../services/lifecycle/commands.ts'
import { createMailer } from './mail/mailer.ts'
import { startDispatcher } from '../workflows/dispatcher.ts'
import { createEmbeddedEngine } from '../workflows/embedded.ts'
import type { LifecycleEngine } from '../workflows/engine.ts'
import { connectTemporal, createLifecycleWorker, createTemporalEngine } from './temporal/engine.ts'
import { NativeConnection } from '@temporalio/worker'
import type { Subscription } from '../services/shared/eventStore.ts'
import { startWebhookFanout, type Fanout } from '../services/webhooks/fanout.ts'
import { deliverDueWebhooks } from '../services/webhooks/delivery.ts'
import { createWebhookTransport } from './webhooks/transport.ts'
import { startProgramClock } from './programClock.ts'

/**
 * Trellis assembled: database, event store, read models and their projector, the HTTP API.
 * Everything is built here once and passed down; `close()` takes it apart in reverse.
 */
export async function createTrellis(
  config: Config,
  options: {
    clock?: Clock
    database?: Database
    logger?: boolean
    lifecyclePollMs?: number
    /** A lifecycle engine of the caller's (tests on Temporal's test server). */
    engine?: (deps: Deps) => Promise<LifecycleEngine>
  } = {},
) {
  const database =
    options.database ??
    (await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }))
  await migrate(database.db)
  const store = await openEventStore({ eventstoreUrl: config.eventstoreUrl ?? undefined }, database)
  const projector = createProjectors({
    store,
    db: database.db,
    lanes: projectionLanes,
    onError: (error) => console.error('projector stopped:', error),
  })
  await projector.start()
  await projector.catchUp()
  const clock = options.clock ?? (config.now ? clockStartingAt(config.now) : systemClock)
  const deps: Deps = {
    store,
    db: database.db,
    clock,
    codec,
    caughtUp: (position) => projector.waitFor(position),
    subscribe(listener: (events: RecordedEvent[]) => void) {
      projector.committed.on('events', listener)
      return () => projector.committed.off('events', listener)
    },
    meetingBaseUrl: config.meetingBaseUrl,
    mailer: createMailer(config),
    publicUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
    webhookAllowPrivate: config.webhookAllowPrivate,
    webhookTransport: createWebhookTransport({ allowPrivate: config.webhookAllowPrivate }),
    // Replaced below by the lifecycle engine's, once it exists.
    lifecycle: (command) => applyLifecycleCommand(deps, command),
  }
  const app = await buildApp({
    deps,
    authenticate: createAuthenticator(database.db, config.oidc),
    production: config.production,
    logger: options.logger ?? false,
    health: () => ({
      status: projector.failure ? 'failing' : 'ok',
      store: store.kind,
      readModels: database.kind,
      projectedPosition: projector.position.toString(),
      tz: process.versions.tz,
    }),
  })
  const lifecycle = options.engine
    ? { engine: await options.engine(deps), close: async () => {} }
    : config.temporal
      ? await temporalLifecycle(deps, config.temporal)
      : embeddedLifecycle(deps, database, clock, options.lifecyclePollMs)
  const engine = lifecycle.engine
  deps.lifecycle = (command) => engine.command(command)
  let dispatcher: Subscription | null = null
  let fanout: Fanout | null = null
  let programClock: Awaited<ReturnType<typeof startProgramClock>> | null = null
  return {
    app,
    deps,
    engine,
    /** Starts the lifecycle: the dispatcher feeding workflows, and the runner's loop. */
    async startLifecycle() {
      dispatcher ??= await startDispatcher({
        store,
        db: database.db,
        engine,
        caughtUp: (position) => projector.waitFor(position),
        onError: (error) => console.error('lifecycle dispatcher stopped:', error),
      })
      engine.startLoop?.()
      fanout ??= await startWebhookFanout(deps, (error) => console.error('webhook fan-out stopped:', error))
      // With no polling (tests that move the clock by hand) timers and deliveries run by hand too.
      const pollMs = options.lifecyclePollMs ?? 1000
      if (pollMs > 0) programClock ??= await startProgramClock(deps, engine, pollMs)
    },
    /** Queues deliveries for every event stored so far, then sends what is due (tests without polling). */
    async deliverWebhooks() {
      await fanout?.waitFor(await store.headPosition())
      return deliverDueWebhooks(deps)
    },
    database,
    store,
    projector,
    async close() {
      await app.close()
      await dispatcher?.stop()
      await programClock?.stop()
      await fanout?.stop()
      await deps.mailer?.close?.()
      await engine.close()
      await lifecycle.close()
      await projector.stop()
      await store.close()
      if (!options.database) await database.close()
    },
  }
}

export type Trellis = Awaited<ReturnType<typeof createTrellis>>

function embeddedLifecycle(deps: Deps, database: Database, clock: Clock, pollMs = 1000) {
  const engine = createEmbeddedEngine({
    db: database.db,
    clock,
    record: (mentorshipId, occurrence) => recordOccurrence(deps, mentorshipId, occurrence),
    apply: (command) => applyLifecycleCommand(deps, command),
    pollMs,
    onError: (error) => console.error('lifecycle runner:', error),
  })
  return { engine, close: async () => {} }
}

/** Temporal: a client for starting and signalling, and (unless TRELLIS_WORKER=0) a worker in this process. */
async function temporalLifecycle(deps: Deps, settings: NonNullable<Config['temporal']>) {
  const { connection, client } = await connectTemporal(settings)
  const engine = createTemporalEngine(client, settings.taskQueue, (command) =>
    applyLifecycleCommand(deps, command),
  )
  let worker: Awaited<ReturnType<typeof createLifecycleWorker>> | null = null
  let running: Promise<void> | null = null
  if (settings.inProcessWorker) {
    const native = await NativeConnection.connect({ address: settings.address })
    worker = await createLifecycleWorker(deps, {
      connection: native,
      namespace: settings.namespace,
      taskQueue: settings.taskQueue,
    })
    running = worker.run()
  }
  return {
    engine,
    async close() {
      worker?.shutdown()
      await running
      await connection.close()
    },
  }
}
