import type { Database } from '../infra/db/database.ts'
import { createPostgresEventStore } from '../infra/eventstore/postgres.ts'
import type { Position, RecordedEvent } from '../services/shared/eventStore.ts'
import { migrate } from '../infra/readmodels/migrate.ts'

const BATCH = 1000

/**
 * Gives a second store the very program the first one holds: every event, in global order,
 * appended through the event store (ids, data and metadata kept), a run of one stream's events in
 * one append, up to `until` (the log as seeded, before the first store's bench wrote to it). Both
 * stores then answer over the same data, and the seeder — whose lifecycle catch-up is slow — runs
 * once. The read models are built afterwards by a rebuild.
 */
export async function replicateEvents(from: Database, to: Database, until: Position) {
  await migrate(to.db)
  const source = await createPostgresEventStore(from)
  const target = await createPostgresEventStore(to)
  if ((await target.headPosition()) > 0n) throw new Error('the target store is not empty')
  const started = performance.now()
  let copied = 0
  for (let after = 0n; ;) {
    const batch = (await source.readAll(after, BATCH)).filter((e) => e.position <= until)
    if (batch.length === 0) break
    for (const run of runsOfOneStream(batch)) {
      await target.append(
        run[0]!.streamId,
        run.map(({ id, type, version, data, metadata }) => ({ id, type, version, data, metadata })),
        'any',
      )
    }
    copied += batch.length
    after = batch.at(-1)!.position
  }
  await source.close()
  await target.close()
  const seconds = (performance.now() - started) / 1000
  return { events: copied, seconds, eventsPerSecond: copied / seconds }
}

function runsOfOneStream(events: RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = []
  for (const event of events) {
    const last = runs.at(-1)
    if (last && last[0]!.streamId === event.streamId) last.push(event)
    else runs.push([event])
  }
  return runs
}
