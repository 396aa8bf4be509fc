import { randomBytes } from 'node:crypto'
import { execute, load } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { requireMember, type Actor } from '../shared/actor.ts'
import type { AnyEvent } from '../shared/events.ts'
import type { CalendarEvent } from './events.ts'

const feedAggregate = {
  initialState: { secret: null as string | null },
  evolve: (_: { secret: string | null }, event: AnyEvent) => ({
    secret: (event as CalendarEvent).data.secret,
  }),
}
const feedStream = (personId: string) => `calendar-${personId}`
const newSecret = () => randomBytes(32).toString('base64url')

/** The caller's feed URL: issued on first asking, the same afterwards until rotated. */
export async function calendarFeedUrl(deps: Deps, actor: Actor) {
  const personId = requireMember(actor)
  const existing = await load(deps, feedStream(personId), feedAggregate)
  let secret = existing.state.secret
  if (!secret) {
    const issued = newSecret()
    await execute(deps, {
      streamId: feedStream(personId),
      aggregate: feedAggregate,
      actor,
      operation: 'calendarFeed',
      // Two first askings at once: the second finds the first's secret and issues nothing.
      decide: (state) =>
        state.secret ? [] : [{ type: 'CalendarFeedIssued', data: { personId, secret: issued } }],
    })
    secret = (await load(deps, feedStream(personId), feedAggregate)).state.secret!
  }
  return feedUrl(deps, secret)
}

/** A new secret: the old URL answers 404 from now on. */
export async function rotateCalendarFeed(deps: Deps, actor: Actor) {
  const personId = requireMember(actor)
  const secret = newSecret()
  await execute(deps, {
    streamId: feedStream(personId),
    aggregate: feedAggregate,
    actor,
    operation: 'rotateCalendarFeed',
    decide: () => [{ type: 'CalendarFeedIssued', data: { personId, secret } }],
  })
  return feedUrl(deps, secret)
}

export const feedUrl = (deps: Deps, secret: string) =>
  `${(deps.publicUrl ?? 'http://localhost:4000').replace(/\/+$/, '')}/calendar/${secret}.ics`
