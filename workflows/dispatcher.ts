import type { Kysely } from 'kysely'
import type { EventStore, Position, Subscription } from '../services/shared/eventStore.ts'
import { codec } from '../services/events.ts'
import { instructionsFor } from '../services/lifecycle/signals.ts'
import type { LifecycleEngine } from './engine.ts'

const CHECKPOINT = 'lifecycle_dispatch'

/**
 * Feeds the workflow engine from the event store: a checkpointed subscription that starts a
 * workflow per MentorshipStarted and signals the facts it needs. After a crash it resumes from
 * its checkpoint; a start or signal seen twice changes nothing (both engines make them idempotent).
 */
export async function startDispatcher(options: {
  store: EventStore
  db: Kysely<any>
  engine: LifecycleEngine
  /** Resolves once the read models include a position: instructions read them. */
  caughtUp(position: Position): Promise<void>
  onError?: (error: unknown) => void
}): Promise<Subscription> {
  const { store, db, engine } = options
  const row = await db
    .selectFrom('projection_checkpoints')
    .select('position')
    .where('name', '=', CHECKPOINT)
    .executeTakeFirst()
  return store.subscribeAll(
    row ? BigInt(row.position) : 0n,
    async (recorded) => {
      await options.caughtUp(recorded.position)
      const projected = {
        event: codec.decode(recorded),
        eventId: recorded.id,
        streamId: recorded.streamId,
        position: recorded.position,
        metadata: recorded.metadata,
      }
      for (const instruction of await instructionsFor(db, projected)) {
        if (instruction.type === 'start') await engine.start(instruction.state)
        else await engine.signal(instruction.mentorshipId, instruction.signal)
      }
      await db
        .insertInto('projection_checkpoints')
        .values({ name: CHECKPOINT, position: recorded.position.toString() })
        .onConflict((oc) => oc.column('name').doUpdateSet({ position: recorded.position.toString() }))
        .execute()
    },
    options.onError,
  )
}
