import { sql, type Kysely } from 'kysely'
import * as createReadModels from './migrations/202611231900_create_read_models.ts'
import * as createLifecycle from './migrations/202611232030_create_lifecycle.ts'
import * as createQuestionsAndSearch from './migrations/202611241000_create_questions_and_search.ts'
import * as createCalls from './migrations/202611241100_create_calls.ts'
import * as createGoals from './migrations/202611241200_create_goals.ts'
import * as createHealth from './migrations/202611241300_create_health.ts'
import * as createMetrics from './migrations/202611241400_create_metrics.ts'
import * as createWebhooks from './migrations/202611241500_create_webhooks.ts'
import * as createReminders from './migrations/202611241600_create_reminders.ts'
import * as splitProjectionLanes from './migrations/202611241700_split_projection_lanes.ts'
import { projectionLanes } from '../../services/projections.ts'
import { emptyReadModels } from './projector.ts'

interface Migration {
  up(db: Kysely<any>): Promise<void>
  /** It adds a projection over events already stored: the read models are replayed from zero. */
  replaysEvents?: boolean
}

/** Forward-only, in name order; each runs once, recorded in `read_model_migrations`. */
const migrations: Array<[string, Migration]> = [
  ['202611231900_create_read_models', createReadModels],
  ['202611232030_create_lifecycle', createLifecycle],
  ['202611241000_create_questions_and_search', createQuestionsAndSearch],
  ['202611241100_create_calls', createCalls],
  ['202611241200_create_goals', createGoals],
  ['202611241300_create_health', createHealth],
  ['202611241400_create_metrics', createMetrics],
  ['202611241500_create_webhooks', createWebhooks],
  ['202611241600_create_reminders', createReminders],
  ['202611241700_split_projection_lanes', splitProjectionLanes],
]

const LOCK = 7261001

export async function migrate(db: Kysely<any>) {
  await db.transaction().execute(async (trx) => {
    // Under the lock too: two concurrent `create table if not exists` collide in PostgreSQL's catalog.
    await sql`select pg_advisory_xact_lock(${LOCK})`.execute(trx)
    await sql`create table if not exists read_model_migrations (name text primary key, applied_at timestamptz not null default now())`.execute(
      trx,
    )
  })
  for (const [name, migration] of migrations) {
    await db.transaction().execute(async (trx) => {
      // Two instances starting together on one PostgreSQL: the lock makes the second wait, then skip.
      await sql`select pg_advisory_xact_lock(${LOCK})`.execute(trx)
      const done = await trx
        .selectFrom('read_model_migrations')
        .select('name')
        .where('name', '=', name)
        .executeTakeFirst()
      if (done) return
      await migration.up(trx)
      // In the same transaction: a crash never leaves the new tables without the old events.
      if (migration.replaysEvents) await emptyReadModels(trx, projectionLanes)
      await trx.insertInto('read_model_migrations').values({ name }).execute()
    })
  }
}
