import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import {
  applySignal,
  completeOccurrence,
  nextOccurrence,
  type Occurrence,
} from '../services/lifecycle/schedule.ts'
import type { LifecycleCommand } from '../services/lifecycle/commands.ts'
import type { LifecycleSignal, LifecycleState } from '../services/lifecycle/state.ts'
import type { Clock } from '../services/shared/clock.ts'
import { conflict } from '../services/shared/errors.ts'
import type { LifecycleEngine } from './engine.ts'

export interface EmbeddedOptions {
  db: Kysely<any>
  clock: Clock
  /** The activity: records an occurrence's events (idempotently). */
  record(mentorshipId: string, occurrence: Occurrence): Promise<unknown>
  /** The activity for a person's or admin's transition. */
  apply(command: LifecycleCommand): Promise<void>
  /** How often the loop looks for due timers; 0 leaves ticking to the caller (tests). */
  pollMs?: number
  onError?: (error: unknown) => void
}

/** A claim lasts this long: a runner that dies mid-work leaves it for another after this. */
const LEASE_SECONDS = 60
/** A signal waiting for its workflow sets the timer to this: at once. */
const AT_ONCE = '1970-01-01T00:00:00.000Z'

/**
 * The lifecycle on the embedded default: each workflow's state and next timer are a row, signals
 * an inbox, and one in-process loop fires what is due. A row is claimed (skip locked, with a
 * lease) before it is worked, so two instances on one PostgreSQL never fire the same timer, and a
 * timer that came due while the process was down fires once on the next tick. The same pure
 * schedule runs here as in the Temporal workflow.
 */
export function createEmbeddedEngine({ db, clock, record, apply, pollMs = 1000, onError }: EmbeddedOptions) {
  const instance = randomUUID()
  let timer: NodeJS.Timeout | null = null
  let ticking: Promise<number> | null = null
  let closed = false

  async function claim(now: string) {
    const { rows } = await sql<{ mentorship_id: string; state: LifecycleState }>`
      update lifecycle_workflows set claimed_by = ${instance}, claimed_until = now() + make_interval(secs => ${LEASE_SECONDS})
      where mentorship_id = (
        select mentorship_id from lifecycle_workflows
        where not completed and next_at <= ${now} and (claimed_until is null or claimed_until < now())
        order by next_at limit 1 for update skip locked)
      returning mentorship_id, state`.execute(db)
    return rows[0] ?? null
  }

  /** Works one claimed workflow up to `now`: signals and timers in the order they happened. */
  async function work(mentorshipId: string, initial: LifecycleState, now: string) {
    const inbox = await db
      .selectFrom('lifecycle_signals')
      .select(['id', 'signal'])
      .where('mentorship_id', '=', mentorshipId)
      .orderBy('id')
      .execute()
    let state = initial
    const fireUntil = async (limit: string) => {
      for (let next = nextOccurrence(state); next && next.at <= limit; next = nextOccurrence(state)) {
        await record(mentorshipId, next)
        state = completeOccurrence(state, next)
      }
    }
    for (const { signal } of inbox as Array<{ signal: LifecycleSignal }>) {
      if ('at' in signal && signal.at < now) await fireUntil(signal.at)
      state = applySignal(state, signal)
    }
    await fireUntil(now)
    const next = nextOccurrence(state)
    await db.transaction().execute(async (trx) => {
      if (inbox.length) {
        await trx
          .deleteFrom('lifecycle_signals')
          .where('mentorship_id', '=', mentorshipId)
          .where('id', '<=', inbox.at(-1)!.id)
          .execute()
      }
      // A signal that arrived while we worked must wake the workflow again at once.
      const arrived = await trx
        .selectFrom('lifecycle_signals')
        .select('id')
        .where('mentorship_id', '=', mentorshipId)
        .limit(1)
        .execute()
      await trx
        .updateTable('lifecycle_workflows')
        .set({
          state: JSON.stringify(state),
          next_at: arrived.length ? AT_ONCE : (next?.at ?? null),
          completed: next === null && state.phase === 'ENDED',
          claimed_by: null,
          claimed_until: null,
        })
        .where('mentorship_id', '=', mentorshipId)
        .where('claimed_by', '=', instance)
        .execute()
    })
  }

  /** Fires everything due now; returns how many workflows it worked. */
  async function tick(): Promise<number> {
    const now = clock.now().toUTC().toISO()!
    let worked = 0
    for (let row = await claim(now); row && !closed; row = await claim(now)) {
      await work(row.mentorship_id, row.state, now)
      worked++
    }
    return worked
  }

  function tickSoon() {
    if (closed || !pollMs) return
    ticking ??= tick()
      .catch((error) => (onError?.(error), 0))
      .finally(() => (ticking = null))
  }

  const engine: LifecycleEngine & { tick(): Promise<number>; startLoop(): void } = {
    kind: 'embedded',
    async start(state) {
      await db
        .insertInto('lifecycle_workflows')
        .values({
          mentorship_id: state.mentorshipId,
          state: JSON.stringify(state),
          next_at: nextOccurrence(state)?.at ?? null,
        })
        .onConflict((oc) => oc.column('mentorship_id').doNothing())
        .execute()
      tickSoon()
    },
    async signal(mentorshipId, signal) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('lifecycle_signals')
          .values({ mentorship_id: mentorshipId, signal: JSON.stringify(signal) })
          .execute()
        await trx
          .updateTable('lifecycle_workflows')
          .set({ next_at: AT_ONCE })
          .where('mentorship_id', '=', mentorshipId)
          .execute()
      })
      tickSoon()
    },
    /** Recorded under the workflow's claim, so it never interleaves with the workflow's own timers. */
    async command(command) {
      const id = command.mentorshipId
      for (let attempt = 0; attempt < 400; attempt++) {
        const { rows } = await sql<{ mentorship_id: string }>`
          update lifecycle_workflows set claimed_by = ${instance}, claimed_until = now() + make_interval(secs => ${LEASE_SECONDS})
          where mentorship_id = ${id} and (claimed_until is null or claimed_until < now())
          returning mentorship_id`.execute(db)
        if (rows.length > 0) {
          try {
            return await apply(command)
          } finally {
            await db
              .updateTable('lifecycle_workflows')
              .set({ claimed_by: null, claimed_until: null })
              .where('mentorship_id', '=', id)
              .where('claimed_by', '=', instance)
              .execute()
            tickSoon()
          }
        }
        const exists = await db
          .selectFrom('lifecycle_workflows')
          .select('mentorship_id')
          .where('mentorship_id', '=', id)
          .executeTakeFirst()
        if (!exists) return apply(command)
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      throw conflict('lifecycle_busy', 'the mentorship’s lifecycle is busy; try again')
    },
    async state(mentorshipId) {
      const row = await db
        .selectFrom('lifecycle_workflows')
        .select('state')
        .where('mentorship_id', '=', mentorshipId)
        .executeTakeFirst()
      return (row?.state as LifecycleState | undefined) ?? null
    },
    tick,
    startLoop() {
      if (pollMs && !timer) timer = setInterval(tickSoon, pollMs)
    },
    async close() {
      closed = true
      if (timer) clearInterval(timer)
      await ticking
    },
  }
  return engine
}

export type EmbeddedEngine = ReturnType<typeof createEmbeddedEngine>
