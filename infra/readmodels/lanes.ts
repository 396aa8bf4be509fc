import type { Kysely } from 'kysely'
import type { EventStore, Position } from '../../services/shared/eventStore.ts'
import type { ProjectionLane } from '../../services/shared/projection.ts'
import { createProjector } from './projector.ts'

/**
 * Every lane's projector behind one face: the read models are at a position once every lane is,
 * and live subscribers hear from the first lane (the one with the pairs' tables) as it commits.
 * PGlite has one connection and one thread: there the lanes are projected together, in one
 * transaction per batch that moves every lane's checkpoint, rather than read and decoded thrice.
 */
export function createProjectors(options: {
  store: EventStore
  db: Kysely<any>
  lanes: readonly ProjectionLane[]
  onError?: (error: unknown) => void
}) {
  const together = options.store.kind === 'pglite'
  const groups = together ? [options.lanes] : options.lanes.map((lane) => [lane])
  const lanes = groups.map((group) =>
    createProjector({
      store: options.store,
      db: options.db,
      projections: group.flatMap((lane) => lane.projections),
      checkpoints: group.map((lane) => lane.checkpoint),
      onError: options.onError,
    }),
  )
  const [first] = lanes
  if (!first) throw new Error('no projection lanes')
  return {
    committed: first.committed,
    /** How far every lane has come. */
    get position(): Position {
      return lanes.reduce((least, lane) => (lane.position < least ? lane.position : least), first.position)
    },
    async start() {
      for (const lane of lanes) await lane.start()
    },
    async catchUp() {
      await Promise.all(lanes.map((lane) => lane.catchUp()))
    },
    async waitFor(target: Position, timeoutMs?: number) {
      await Promise.all(lanes.map((lane) => lane.waitFor(target, timeoutMs)))
    },
    async stop() {
      await Promise.all(lanes.map((lane) => lane.stop()))
    },
    get failure(): unknown {
      return lanes.find((lane) => lane.failure)?.failure ?? null
    },
  }
}

export type Projectors = ReturnType<typeof createProjectors>
