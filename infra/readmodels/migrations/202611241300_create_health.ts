import type { Kysely } from 'kysely'
import { runStatements } from '../runStatements.ts'

/** The warning signs that hold now, per pair; and when each goal was reached, for metrics. */
export async function up(db: Kysely<any>) {
  await runStatements(
    db,
    `
    create table health_signals (
      mentorship_id uuid not null,
      kind text not null,
      explanation text not null,
      since timestamptz not null,
      primary key (mentorship_id, kind)
    )
    `,
  )
}
