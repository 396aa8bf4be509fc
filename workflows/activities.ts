import { ApplicationFailure } from '@temporalio/activity'
import type { Deps } from '../services/deps.ts'
import { applyLifecycleCommand, type LifecycleCommand } from '../services/lifecycle/commands.ts'
import { DomainError } from '../services/shared/errors.ts'

/** The failure type that carries a DomainError across Temporal. */
export const DOMAIN_ERROR = 'DomainError'
import { recordOccurrence } from '../services/lifecycle/handlers.ts'
import type { Occurrence } from '../services/lifecycle/schedule.ts'
import { runProgramTimer } from '../services/programTimers.ts'

/**
 * The workflows' effects: recording what fell due and people's transitions through the command
 * handlers, and running a program timer (question deadlines, reminders, health); all idempotent.
 */
export function createActivities(deps: Deps) {
  return {
    async recordOccurrence(mentorshipId: string, occurrence: Occurrence): Promise<string[]> {
      return recordOccurrence(deps, mentorshipId, occurrence)
    },
    async runProgramTimer(name: string): Promise<number> {
      return runProgramTimer(deps, name)
    },
    async applyLifecycleCommand(command: LifecycleCommand): Promise<void> {
      try {
        await applyLifecycleCommand(deps, command)
      } catch (error) {
        // A refusal is an answer, not a fault: no retry, and the caller gets the code back.
        if (error instanceof DomainError) {
          const { code, reason, fields, message } = error
          throw ApplicationFailure.nonRetryable(message, DOMAIN_ERROR, { code, reason, fields })
        }
        throw error
      }
    },
  }
}

export type LifecycleActivities = ReturnType<typeof createActivities>
