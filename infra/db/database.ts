import { mkdirSync, openSync, closeSync, writeFileSync, readFileSync, unlinkSync, constants } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { PGliteDialect } from './pgliteDialect.ts'

/** bigint columns come back as JS bigint (positions) and numerics as numbers. */
pg.types.setTypeParser(20, (value) => BigInt(value))

/**
 * The one SQL database Trellis runs on: PGlite in a data directory (embedded default) or a
 * PostgreSQL server. The PostgreSQL event store and the read models share it.
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres'
  readonly db: Kysely<any>
  /** Subscribes to NOTIFY on a channel; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

export type DatabaseOptions = { url: string } | { dataDir: string } | { memory: true }

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ('url' in options) return openPostgres(options.url)
  return openPGlite('dataDir' in options ? options.dataDir : undefined)
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  pool.on('error', () => {}) // idle clients dropped by the server are replaced on next use
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
  await sql`select 1`.execute(db)
  return {
    kind: 'postgres',
    db,
    async listen(channel, onNotify) {
      const client = new pg.Client({ connectionString: url })
      client.on('error', () => {})
      await client.connect()
      client.on('notification', (message) => message.channel === channel && onNotify())
      await client.query(`listen ${pg.escapeIdentifier(channel)}`)
      return async () => {
        await client.end().catch(() => {})
      }
    },
    async close() {
      await db.destroy()
    },
  }
}

async function openPGlite(dataDir: string | undefined): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {}
  try {
    const pglite = await PGlite.create(dataDir ? join(dataDir, 'pglite') : undefined)
    const db = new Kysely<any>({ dialect: new PGliteDialect(pglite) })
    return {
      kind: 'pglite',
      db,
      async listen(channel, onNotify) {
        const off = await pglite.listen(channel, () => onNotify())
        return async () => off()
      },
      async close() {
        await db.destroy()
        // Kysely skips a driver it never used, so PGlite may still be open here.
        if (!pglite.closed) await pglite.close()
        unlock()
      },
    }
  } catch (error) {
    unlock()
    throw error
  }
}

export class DataDirLocked extends Error {}

/**
 * PGlite has no multi-process locking: two processes on one directory corrupt it. A lock file
 * holding our pid refuses the second; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const lockPath = join(dataDir, 'trellis.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY)
      writeFileSync(fd, String(process.pid))
      closeSync(fd)
      return () => unlinkSync(lockPath)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(readFileSync(lockPath, 'utf8'))
      if (holder && isAlive(holder)) {
        throw new DataDirLocked(
          `${dataDir} is in use by process ${holder}: the embedded database serves one process. ` +
            'Stop it, or set TRELLIS_DATA_DIR to another directory (or DATABASE_URL for PostgreSQL).',
        )
      }
      unlinkSync(lockPath)
    }
  }
  throw new DataDirLocked(`could not lock ${dataDir}`)
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
