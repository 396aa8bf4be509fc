import type { Scope } from '../access/events.ts'
import { execute } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { decide, mentorshipAggregate, type MentorshipCommand } from '../mentorships/decider.ts'
import { isAdmin, type Actor } from '../shared/actor.ts'
import { streams } from '../shared/ids.ts'

/**
 * A person's or admin's lifecycle transition — leave, resume, a phase change, an answer to a
 * proposal — on its way to the mentorship's workflow, which records it (PRODUCT §2: the
 * workflow is the one writer of lifecycle events). Plain JSON, so it can travel as a Temporal update.
 */
export interface LifecycleCommand {
  mentorshipId: string
  operation: string
  idempotencyKey: string | null
  command: Extract<MentorshipCommand, { type: 'Pause' | 'Resume' | 'Transition' | 'RespondToProposal' }>
  actor: {
    id: string
    keyId: string | null
    scopes: Scope[]
    personId: string | null
    ownerId: string | null
  }
}

export function lifecycleCommand(
  actor: Actor,
  mentorshipId: string,
  operation: string,
  idempotencyKey: string | null | undefined,
  command: LifecycleCommand['command'],
): LifecycleCommand {
  const { id, keyId, personId, ownerId } = actor
  return {
    mentorshipId,
    operation,
    idempotencyKey: idempotencyKey ?? null,
    command,
    actor: { id, keyId, scopes: [...actor.scopes], personId, ownerId: ownerId ?? null },
  }
}

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
