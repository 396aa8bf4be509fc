import { execute } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { decide, mentorshipAggregate } from '../mentorships/decider.ts'
import { isAdmin, type Actor } from '../shared/actor.ts'
import { streams } from '../shared/ids.ts'
import type { LifecycleCommand } from '../mentorships/transition.ts'

export type { LifecycleCommand }

/** The workflow's activity for a lifecycle command: decide on the mentorship as it stands, append. */
export async function applyLifecycleCommand(deps: Deps, c: LifecycleCommand): Promise<void> {
  const actor: Actor = { ...c.actor, scopes: new Set(c.actor.scopes) }
  await execute(deps, {
    streamId: streams.mentorship(c.mentorshipId),
    aggregate: mentorshipAggregate,
    actor,
    idempotencyKey: c.idempotencyKey,
    operation: c.operation,
    decide: (state) => decide(c.command, state, { personId: actor.personId, admin: isAdmin(actor) }),
  })
}
