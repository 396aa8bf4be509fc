import type { DateTime } from 'luxon'
import type { Trellis } from '../../infra/trellis.ts'
import { applyLifecycleCommand } from '../../services/lifecycle/commands.ts'
import { recordOccurrence } from '../../services/lifecycle/handlers.ts'
import { createEmbeddedEngine, type EmbeddedEngine } from '../../workflows/embedded.ts'

const DISPATCH_CHECKPOINT = 'lifecycle_dispatch'
/** A dispatcher that makes no progress this long has stopped (it logs why). */
const STALL_MS = 120_000

/**
 * The real lifecycle, driven by hand: the dispatcher turns the seeded commands into workflow
 * starts and signals, then the embedded runner fires what fell due up to the hand-moved clock.
 * Waiting for the dispatcher before each tick matters: a runner that works a week before the
 * week's check-in has been signalled records it as missed. Several runners claim different
 * workflows (skip locked); they share this process's one core, but overlap their round trips to
 * the database (on PostgreSQL four finish the catch-up about a third sooner than one).
 */
export async function driveLifecycle(trellis: Trellis, clock: { set(at: DateTime): void }, runners: number) {
  if (trellis.engine.kind !== 'embedded')
    throw new Error('the seeder drives the embedded lifecycle runner only')
  const engines = [
    trellis.engine as EmbeddedEngine,
    ...Array.from({ length: runners - 1 }, () =>
      createEmbeddedEngine({
        db: trellis.database.db,
        clock: trellis.deps.clock,
        record: (mentorshipId, occurrence) => recordOccurrence(trellis.deps, mentorshipId, occurrence),
        apply: (command) => applyLifecycleCommand(trellis.deps, command),
        pollMs: 0,
      }),
    ),
  ]
  await trellis.startLifecycle()

  async function dispatched() {
    const head = await trellis.store.headPosition()
    let last = -1n
    let since = Date.now()
    for (;;) {
      const row = await trellis.database.db
        .selectFrom('projection_checkpoints')
        .select('position')
        .where('name', '=', DISPATCH_CHECKPOINT)
        .executeTakeFirst()
      const position = row ? BigInt(row.position) : 0n
      if (position >= head) return
      if (position !== last) [last, since] = [position, Date.now()]
      else if (Date.now() - since > STALL_MS) throw new Error(`lifecycle dispatcher stalled at ${position}`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }

  const spent = { dispatchMs: 0, runnerMs: 0 }
  return {
    spent,
    /** Fires everything due up to `at`, after every command so far has reached the workflows. */
    async runUntil(at: DateTime) {
      clock.set(at)
      const t0 = Date.now()
      await dispatched()
      const t1 = Date.now()
      await Promise.all(engines.map((engine) => engine.tick()))
      spent.dispatchMs += t1 - t0
      spent.runnerMs += Date.now() - t1
    },
    async close() {
      await Promise.all(engines.slice(1).map((engine) => engine.close()))
    },
  }
}
