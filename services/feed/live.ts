import type { RecordedEvent } from '../shared/eventStore.ts'
import type { Context } from '../context.ts'
import { isKeyRevoked } from '../access/queries.ts'
import { memberships } from '../mentorships/queries.ts'
import { conflict, unauthenticated } from '../shared/errors.ts'
import { feedEventOf, viewFor, type EventView } from '../shared/redaction.ts'

const revoked = () => unauthenticated('api_key_revoked', 'the API key was revoked')

export interface LiveFilter {
  types: readonly string[] | null
  mentorshipId: string | null
}

/** A subscriber that falls this far behind is cut off rather than allowed to hold memory. */
const MAX_QUEUE = 10_000

/**
 * New events as the projector commits them, filtered and redacted for one subscriber. A plain
 * iterator rather than a generator, so `return()` ends a subscriber that is waiting for events.
 */
export async function liveEvents(
  ctx: Context,
  filter: LiveFilter,
): Promise<AsyncIterableIterator<EventView>> {
  const keyId = ctx.actor.keyId
  // The connection was authenticated once, when it opened: a key revoked since then subscribes no more.
  if (keyId && (await isKeyRevoked(ctx.deps.db, keyId))) throw revoked()
  let memberOf: ReadonlySet<string> = await ctx.memberOf()
  const ready: EventView[] = []
  let pending: RecordedEvent[] = []
  let wake: (() => void) | null = null
  let done = false
  let failure: Error | null = null

  const unsubscribe = ctx.deps.subscribe((events) => {
    pending.push(...events)
    if (pending.length > MAX_QUEUE)
      failure = conflict(
        'subscriber_too_slow',
        `fell more than ${MAX_QUEUE} events behind and was disconnected; read the rest with events(after:) and subscribe again`,
      )
    wake?.()
  })

  async function drain() {
    const batch = pending
    pending = []
    for (const recorded of batch) {
      // Revoking a key ends its open subscriptions too, at once: nothing after it is delivered.
      if (recorded.type === 'ApiKeyRevoked' && keyId && recorded.data.keyId === keyId) {
        failure = revoked()
        return
      }
      if (recorded.type === 'MentorshipStarted') memberOf = await memberships(ctx.deps.db, ctx.actor.personId)
      if (filter.types?.length && !filter.types.includes(recorded.type)) continue
      const event = feedEventOf(recorded, ctx.deps.codec.decode(recorded))
      if (filter.mentorshipId && event.mentorshipId !== filter.mentorshipId) continue
      const view = viewFor(event, ctx.actor, { memberOf }, ctx.deps.codec.definitions)
      if (view) ready.push(view)
    }
  }

  function finish(): IteratorResult<EventView> {
    done = true
    unsubscribe()
    wake?.()
    return { done: true, value: undefined }
  }

  const iterator: AsyncIterableIterator<EventView> = {
    async next() {
      while (!done) {
        if (failure) {
          finish()
          throw failure
        }
        if (ready.length) return { done: false, value: ready.shift()! }
        if (pending.length) {
          await drain()
          continue
        }
        await new Promise<void>((resolve) => (wake = resolve))
        wake = null
      }
      return { done: true, value: undefined }
    },
    async return() {
      return finish()
    },
    [Symbol.asyncIterator]() {
      return iterator
    },
  }
  return iterator
}
