import { parseArgs, type ParseArgsConfig } from 'node:util'
import { loadConfig } from '../infra/config.ts'
import { openDatabase } from '../infra/db/database.ts'
import { openEventStore } from '../infra/eventstore/open.ts'
import { migrate } from '../infra/readmodels/migrate.ts'
import { createProjectors } from '../infra/readmodels/lanes.ts'
import type { Deps } from '../services/deps.ts'
import { codec } from '../services/events.ts'
import { applyLifecycleCommand } from '../services/lifecycle/commands.ts'
import { projectionLanes } from '../services/projections.ts'
import { clockStartingAt, systemClock } from '../services/shared/clock.ts'

/**
 * What `npm run export` and `npm run import` share: their arguments, and Trellis's database
 * opened the way `npm start` opens it (DATABASE_URL, or the PGlite data directory), with the
 * read models caught up so an export sees every event. The lifecycle does not run here.
 */

/** A usage mistake or an impossible request: a message and exit code 1, nothing touched. */
export class CliError extends Error {}

export function cliArgs<O extends NonNullable<ParseArgsConfig['options']>>(usage: string, options: O) {
  try {
    return parseArgs({ options, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nusage: ${usage}`)
  }
}

/** Opens the database; one the CLI cannot open (a running `npm start` holds PGlite's) exits 2. */
export async function openTrellis(command: string) {
  const config = loadConfig()
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
  ).catch((error: Error) => {
    console.error(`${command}: ${error.message}`)
    process.exit(2)
  })
  try {
    await migrate(database.db)
    const store = await openEventStore({ eventstoreUrl: config.eventstoreUrl ?? undefined }, database)
    const projector = createProjectors({
      store,
      db: database.db,
      lanes: projectionLanes,
      onError: (error) => console.error(`${command}: projector stopped:`, error),
    })
    await projector.start()
    await projector.catchUp()
    const deps: Deps = {
      store,
      db: database.db,
      clock: config.now ? clockStartingAt(config.now) : systemClock,
      codec,
      caughtUp: (position) => projector.waitFor(position, 30_000),
      subscribe: () => () => {},
      lifecycle: (lifecycleCommand) => applyLifecycleCommand(deps, lifecycleCommand),
    }
    return {
      deps,
      async close() {
        await projector.stop()
        await store.close()
        await database.close()
      },
    }
  } catch (error) {
    await database.close()
    throw error
  }
}

/** Runs a command's main; its CliError is a message and exit 1, anything else a stack and exit 1. */
export function runCli(command: string, main: () => Promise<number>) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof CliError ? `${command}: ${error.message}` : error)
      process.exit(1)
    },
  )
}
