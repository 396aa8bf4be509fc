import type { Actor } from '../shared/actor.ts'
import type { Scope } from '../shared/scopes.ts'
import type { MentorshipCommand } from './decider.ts'

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

declare module '../deps.ts' {
  interface Ports {
    /** Hands a lifecycle transition to the mentorship's workflow; resolves once it is recorded. */
    lifecycle(command: LifecycleCommand): Promise<void>
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
