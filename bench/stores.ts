import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Database } from '../infra/db/database.ts'
import { createPostgresDatabase, dropPostgresDatabase } from '../test/support/databases.ts'

export type StoreKind = 'postgres' | 'pglite'

export interface BenchDatabase {
  kind: StoreKind
  database: Database
  /** Where it lives, for the report: a URL or a data directory. */
  where: string
  /** Closes it, and drops or deletes it when the bench made it. */
  close(): Promise<void>
}

/**
 * A database for one store: the one given (kept afterwards), or a fresh one the bench removes
 * when it is done — a new database on the local PostgreSQL server, or PGlite in a temporary
 * directory (on disk, as `npm start` runs it).
 */
export async function benchDatabase(kind: StoreKind, given?: string): Promise<BenchDatabase> {
  if (kind === 'postgres') {
    const url = given ?? (await createPostgresDatabase())
    const database = await openDatabase({ url })
    return {
      kind,
      database,
      where: url,
      async close() {
        await database.close()
        if (!given) await dropPostgresDatabase(url)
      },
    }
  }
  const dataDir = given ?? mkdtempSync(join(tmpdir(), 'trellis-bench-'))
  const database = await openDatabase({ dataDir })
  return {
    kind,
    database,
    where: dataDir,
    async close() {
      await database.close()
      if (!given) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
