import type { Kysely } from 'kysely'
import type { Deps } from '../deps.ts'
import { feedEventOf, viewFor } from '../shared/redaction.ts'
import type { Actor } from '../shared/actor.ts'
import type { RecordedEvent, Subscription } from '../shared/eventStore.ts'
import { cloudEventOf } from './message.ts'

const CHECKPOINT = 'webhook_fanout'

/** Webhooks read the feed as an HR system does: statuses and dates, never a pair's text. */
const receiver: Actor = { id: 'webhook', keyId: null, scopes: new Set(['events:read']), personId: null }
const NO_PAIRS: ReadonlySet<string> = new Set()

interface Subscriber {
  id: string
  types: ReadonlySet<string> | null
  createdPosition: bigint
  deletedPosition: bigint | null
}

async function subscribers(db: Kysely<any>): Promise<Subscriber[]> {
  const rows = await db
    .selectFrom('webhooks')
    .select(['id', 'types', 'created_position', 'deleted_position'])
    .execute()
  return rows.map((r) => ({
    id: r.id,
    types: r.types ? new Set(r.types as string[]) : null,
    createdPosition: BigInt(r.created_position),
    deletedPosition: r.deleted_position === null ? null : BigInt(r.deleted_position),
  }))
}

/** Whether a webhook receives the event at `position`: only what came after it, until deleted. */
const receives = (s: Subscriber, type: string, position: bigint) =>
  s.createdPosition < position &&
  (s.deletedPosition === null || position < s.deletedPosition) &&
  (s.types === null || s.types.has(type))

/** Where to start: the checkpoint, else the oldest webhook, else now (nothing before it matters). */
async function startAfter(deps: Deps): Promise<bigint> {
  const row = await deps.db
    .selectFrom('projection_checkpoints')
    .select('position')
    .where('name', '=', CHECKPOINT)
    .executeTakeFirst()
  if (row) return BigInt(row.position)
  const oldest = await deps.db
    .selectFrom('webhooks')
    .select((eb) => eb.fn.min('created_position').as('p'))
    .executeTakeFirst()
  return oldest?.p != null ? BigInt(oldest.p) : await deps.store.headPosition()
}

/** Events with no webhook to reach move the checkpoint in strides, not a write each. */
const IDLE_STRIDE = 500n

/**
 * Turns each event into one pending delivery per webhook that wants it, from a checkpointed
 * subscription: the rows and the checkpoint commit together, so a crash repeats no delivery and
 * skips none; two instances insert the same rows, and the key lets only one of them in.
 */
export async function startWebhookFanout(deps: Deps, onError: (error: unknown) => void): Promise<Fanout> {
  let cache = await subscribers(deps.db)
  let checkpointed = await startAfter(deps)
  let handled = checkpointed
  let waiters: Array<{ position: bigint; resolve: () => void }> = []
  const done = (position: bigint) => {
    handled = position
    waiters = waiters.filter((w) => (w.position <= position ? (w.resolve(), false) : true))
  }
  const subscription = deps.store.subscribeAll(
    checkpointed,
    async (recorded: RecordedEvent) => {
      await fanOut(recorded)
      done(recorded.position)
    },
    onError,
  )
  return {
    stop: () => subscription.stop(),
    waitFor: (position) =>
      position <= handled ? Promise.resolve() : new Promise((resolve) => waiters.push({ position, resolve })),
  }

  async function fanOut(recorded: RecordedEvent) {
    // The webhooks table must hold every webhook created before this event.
    await deps.caughtUp(recorded.position)
    if (recorded.type.startsWith('Webhook')) cache = await subscribers(deps.db)
    const targets = cache.filter((s) => receives(s, recorded.type, recorded.position))
    const view = targets.length ? viewOf(deps, recorded) : null
    if (!view) {
      if (recorded.position - checkpointed >= IDLE_STRIDE) {
        await saveCheckpoint(deps.db, recorded.position)
        checkpointed = recorded.position
      }
      return
    }
    const { body } = cloudEventOf(view, source(deps))
    const now = deps.clock.now().toJSDate()
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('webhook_deliveries')
        .values(
          targets.map((s) => ({
            webhook_id: s.id,
            position: recorded.position.toString(),
            event_id: recorded.id,
            type: recorded.type,
            mentorship_id: view.mentorshipId,
            order_key: view.mentorshipId ?? view.streamId,
            body,
            next_attempt_at: now,
          })),
        )
        .onConflict((oc) => oc.columns(['webhook_id', 'position']).doNothing())
        .execute()
      await saveCheckpoint(trx, recorded.position)
    })
    checkpointed = recorded.position
  }
}

export interface Fanout extends Subscription {
  /** Resolves once every event up to `position` has its deliveries queued. */
  waitFor(position: bigint): Promise<void>
}

function viewOf(deps: Deps, recorded: RecordedEvent) {
  return viewFor(
    feedEventOf(recorded, deps.codec.decode(recorded)),
    receiver,
    { memberOf: NO_PAIRS },
    deps.codec.definitions,
  )
}

export const source = (deps: Deps) =>
  `${(deps.publicUrl ?? 'http://localhost:4000').replace(/\/+$/, '')}/events`

async function saveCheckpoint(db: Kysely<any>, position: bigint) {
  // Never backwards: another instance may have gone further.
  await db
    .insertInto('projection_checkpoints')
    .values({ name: CHECKPOINT, position: position.toString() })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ position: position.toString() })
        .where('projection_checkpoints.position', '<', position.toString()),
    )
    .execute()
}
