import { sql, type Kysely } from 'kysely'

/** Runs a DDL script statement by statement: PGlite's extended protocol takes one at a time. */
export async function runStatements(db: Kysely<any>, script: string) {
  for (const statement of script
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    await sql.raw(statement).execute(db)
  }
}
