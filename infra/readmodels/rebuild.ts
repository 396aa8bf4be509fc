import type { Kysely } from 'kysely'
import type { EventStore } from '../../services/shared/eventStore.ts'
import { projectionLanes } from '../../services/projections.ts'
import { createProjectors } from './lanes.ts'
import { resetReadModels } from './projector.ts'

/**
 * Empties the read models and replays every event up to the store's head at the start.
 * Run it while no API instance is projecting, or they race to refill the tables.
 */
export async function rebuildReadModels(store: EventStore, db: Kysely<any>) {
  const head = await store.headPosition()
  await resetReadModels(db, projectionLanes)
  let failure: unknown = null
  const projector = createProjectors({
    store,
    db,
    lanes: projectionLanes,
    onError: (error) => (failure = error),
  })
  await projector.start()
  while (projector.position < head && !failure) await projector.waitFor(head, 1000)
  await projector.stop()
  if (failure) throw failure
  const row = await db
    .selectFrom('event_feed')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return { events: Number(row.n), position: head }
}
