import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../infra/db/database.ts'
import { createEsdbEventStore } from '../infra/eventstore/esdb.ts'
import { createPostgresEventStore } from '../infra/eventstore/postgres.ts'
import { eventStoreContract } from './eventstore.contract.ts'
import { createPostgresDatabase, dropPostgresDatabase, postgresAvailable } from './support/databases.ts'

eventStoreContract('PostgreSQL event store on PGlite', async () => {
  const database = await openDatabase({ memory: true })
  const store = await createPostgresEventStore(database)
  return {
    store,
    async cleanup() {
      await store.close()
      await database.close()
    },
  }
})

describe.skipIf(!(await postgresAvailable()))('PostgreSQL server', () => {
  eventStoreContract('PostgreSQL event store on a PostgreSQL server', async () => {
    const url = await createPostgresDatabase()
    // Each writer gets its own Database, so its own pool: appends really race across connections.
    const openWriter = async () => {
      const database = await openDatabase({ url })
      const store = await createPostgresEventStore(database)
      return {
        store,
        async cleanup() {
          await store.close()
          await database.close()
        },
      }
    }
    const { store, cleanup } = await openWriter()
    return {
      store,
      openAnotherWriter: openWriter,
      async cleanup() {
        await cleanup()
        await dropPostgresDatabase(url)
      },
    }
  })
})

const esdb = await eventStoreDb()
if (esdb.url) {
  eventStoreContract(`EventStoreDB event store (${esdb.source})`, async () => {
    const url = await esdb.url!()
    const store = createEsdbEventStore(url)
    return {
      store,
      openAnotherWriter: async () => {
        const other = createEsdbEventStore(url)
        return { store: other, cleanup: () => other.close() }
      },
      async cleanup() {
        await store.close()
        await esdb.stop?.()
      },
    }
  })
} else {
  console.warn(
    `\n*** EventStoreDB contract SKIPPED: ${esdb.reason}. Set EVENTSTORE_URL or run where Docker is. ***\n`,
  )
  describe.skip(`EventStoreDB event store (SKIPPED: ${esdb.reason})`, () => {
    it('runs the contract', () => {})
  })
}

describe('PGlite data directory', () => {
  it('refuses a second process while one holds it, and opens once it is closed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'trellis-lock-'))
    try {
      const database = await openDatabase({ dataDir })
      await sql`select 1`.execute(database.db) // close() only closes PGlite once a query has run
      let refused: Awaited<ReturnType<typeof openInChildProcess>>
      try {
        refused = await openInChildProcess(dataDir)
      } finally {
        await database.close()
      }
      expect(refused.code, refused.output).toBe(3)
      expect(refused.output).toContain(`DataDirLocked: ${dataDir} is in use by process ${process.pid}`)

      const opened = await openInChildProcess(dataDir)
      expect(opened.code, opened.output).toBe(0)
      expect(opened.output).toContain('opened')
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

/** Another Node process opening `dataDir`: exit 0 when it opened, 3 with the message when refused. */
function openInChildProcess(dataDir: string): Promise<{ code: number | null; output: string }> {
  const databaseModule = new URL('../infra/db/database.ts', import.meta.url).href
  const script = `
    const { openDatabase, DataDirLocked } = await import(${JSON.stringify(databaseModule)})
    const { sql } = await import('kysely')
    try {
      const database = await openDatabase({ dataDir: process.env.TRELLIS_TEST_DIR })
      await sql\`select 1\`.execute(database.db)
      await database.close()
      console.log('opened')
    } catch (error) {
      if (!(error instanceof DataDirLocked)) throw error
      console.log('DataDirLocked: ' + error.message)
      process.exit(3)
    }
  `
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, TRELLIS_TEST_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

type EventStoreDbTarget =
  | { url: () => Promise<string>; source: string; stop?: () => Promise<void>; reason?: never }
  | { url?: never; source?: never; stop?: never; reason: string }

/**
 * EventStoreDB at EVENTSTORE_URL, else in a container when a Docker engine answers, else nothing.
 * The engine is asked only if its socket or DOCKER_HOST exists, so machines without one pay nothing.
 */
async function eventStoreDb(): Promise<EventStoreDbTarget> {
  if (process.env.EVENTSTORE_URL) {
    const url = process.env.EVENTSTORE_URL
    return { url: async () => url, source: 'EVENTSTORE_URL' }
  }
  if (!process.env.DOCKER_HOST && !existsSync('/var/run/docker.sock')) {
    return { reason: 'no EVENTSTORE_URL and no Docker engine (no DOCKER_HOST, no /var/run/docker.sock)' }
  }
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers')
  const reachable = await Promise.race([
    getContainerRuntimeClient().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000).unref()),
  ])
  if (!reachable) return { reason: 'no EVENTSTORE_URL and the Docker engine did not answer' }
  let container: Awaited<ReturnType<InstanceType<typeof GenericContainer>['start']>> | undefined
  return {
    source: 'testcontainers',
    async url() {
      // The last EventStoreDB line, which @eventstore/db-client v6 was written against.
      container = await new GenericContainer(process.env.EVENTSTORE_IMAGE ?? 'eventstore/eventstore:24.10')
        .withEnvironment({
          EVENTSTORE_INSECURE: 'true',
          EVENTSTORE_MEM_DB: 'true',
          EVENTSTORE_RUN_PROJECTIONS: 'None',
        })
        .withExposedPorts(2113)
        .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
        .start()
      return `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`
    },
    async stop() {
      await container?.stop()
    },
  }
}
