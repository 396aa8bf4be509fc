import { execute, load, type Aggregate } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { requireMember, type Actor } from '../shared/actor.ts'
import { notFound } from '../shared/errors.ts'
import type { AnyEvent } from '../shared/events.ts'
import { streams } from '../shared/ids.ts'
import { isMember, mentorshipAggregate, type MentorshipState } from './decider.ts'

/** The pair, for a member of it; anyone else learns nothing, not even that it exists. */
export async function pairFor(deps: Deps, mentorshipId: string, by: string): Promise<MentorshipState> {
  const mentorship = await load(deps, streams.mentorship(mentorshipId), mentorshipAggregate)
  if (!mentorship.exists || !isMember(mentorship.state, by)) throw notFound('mentorship')
  return mentorship.state
}

/**
 * A member's command on something a pair owns (a question, a call): its stream is loaded, its
 * pair's membership checked — outsiders are told it does not exist — and the command, built from
 * what was loaded, is decided on that stream.
 */
export async function onPairOwned<S extends { mentorshipId: string }, C>(
  deps: Deps,
  actor: Actor,
  thing: {
    what: string
    streamId: string
    aggregate: Aggregate<S>
    operation: string
    idempotencyKey: string | null | undefined
    decide(command: C, state: S): AnyEvent[]
  },
  command: (state: S, pair: MentorshipState, by: string) => Promise<C> | C,
) {
  const by = requireMember(actor)
  const loaded = await load(deps, thing.streamId, thing.aggregate)
  if (!loaded.exists) throw notFound(thing.what)
  const pair = await pairFor(deps, loaded.state.mentorshipId, by).catch(() => {
    throw notFound(thing.what)
  })
  const decided = await command(loaded.state, pair, by)
  await execute(deps, {
    streamId: thing.streamId,
    aggregate: thing.aggregate,
    actor,
    idempotencyKey: thing.idempotencyKey,
    operation: thing.operation,
    decide: (state) => thing.decide(decided, state),
  })
}
