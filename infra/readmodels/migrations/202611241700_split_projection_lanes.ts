import type { Kysely } from 'kysely'
import { runStatements } from '../runStatements.ts'

/**
 * The search documents and the event feed now have a lane and a checkpoint of their own
 * ('documents'). On a database projected before the split, they hold exactly what the
 * 'read_models' checkpoint says: the new lane starts there instead of replaying from zero.
 */
export async function up(db: Kysely<any>) {
  await runStatements(
    db,
    `
    insert into projection_checkpoints (name, position)
    select 'documents', position from projection_checkpoints where name = 'read_models'
    on conflict (name) do nothing
    `,
  )
}
