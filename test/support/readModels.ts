import { sql, type Kysely } from 'kysely'
import { projections } from '../../services/projections.ts'

/** Every read-model table's rows, sorted, as JSON: two dumps are equal when the tables are. */
export async function dumpReadModels(db: Kysely<any>) {
  const tables: Record<string, string[]> = {}
  for (const table of projections.flatMap((p) => p.tables)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)
    tables[table] = rows
      .map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? v.toString() : v)))
      .sort()
  }
  return tables
}
