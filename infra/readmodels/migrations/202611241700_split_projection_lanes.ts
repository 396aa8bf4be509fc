import type { Kysely } from 'kysely'
import { runStatements } from '../runStatements.ts'

/**
 * The search documents and the event feed now have lanes and checkpoints of their own
 * ('documents', 'feed'). On a database projected before the split, they hold exactly what the
 * 'read_models' checkpoint says: the new lanes start there instead of replaying from zero.
 */
export async function up(db: Kysely<any>) {
  await runStatements(
    db,
    `
    insert into projection_checkpoints (name, position)
    select lane.name, c.position
    from projection_checkpoints c, (values ('documents'), ('feed')) as lane(name)
    where c.name = 'read_models'
    on conflict (name) do nothing
    `,
  )
}
