import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type Database } from '../../infra/db/database.ts'

/**
 * The SQL databases every store-backed test runs on: PGlite always, and a PostgreSQL server at
 * TEST_DATABASE_URL (default: the local cluster `.ci/run` starts). Each call makes a fresh
 * database, so tests own their data and never truncate anything.
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@localhost:5432/postgres'

export type StoreKind = 'pglite' | 'postgres'

let postgresReachable: Promise<boolean> | undefined

export function postgresAvailable(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 })
    try {
      await client.connect()
      await client.end()
      return true
    } catch {
      if (process.env.CI === 'true') {
        throw new Error(`PostgreSQL is required in CI but ${redact(TEST_DATABASE_URL)} is unreachable`)
      }
      console.warn(
        `\n*** PostgreSQL at ${redact(TEST_DATABASE_URL)} is unreachable: PostgreSQL suites are SKIPPED. ` +
          'Install and start it (see .ci/run) or set TEST_DATABASE_URL. ***\n',
      )
      return false
    }
  })()
  return postgresReachable
}

/** A new, empty PostgreSQL database on the test server; returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const name = `trellis_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(TEST_DATABASE_URL)
  url.pathname = `/${name}`
  return url.toString()
}

/** A fresh database; closing a PostgreSQL one also drops it, so test runs leave nothing behind. */
export async function openTestDatabase(kind: StoreKind): Promise<Database> {
  if (kind === 'pglite') return openDatabase({ memory: true })
  const url = await createPostgresDatabase()
  const database = await openDatabase({ url })
  return {
    ...database,
    async close() {
      await database.close()
      await dropPostgresDatabase(url)
    },
  }
}

export async function dropPostgresDatabase(url: string) {
  const name = new URL(url).pathname.slice(1)
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await admin.connect()
  try {
    await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`)
  } finally {
    await admin.end()
  }
}

function redact(url: string) {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
}
