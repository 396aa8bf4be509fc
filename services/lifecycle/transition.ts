import type { Scope } from '../access/events.ts'
import type { MentorshipCommand } from '../mentorships/decider.ts'

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
