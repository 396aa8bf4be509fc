import type { Deps } from '../services/deps.ts'
import { recordOccurrence } from '../services/lifecycle/handlers.ts'
import type { Occurrence } from '../services/lifecycle/schedule.ts'

/** The lifecycle's only effect: recording what fell due, through the command handler (idempotent). */
export function createActivities(deps: Deps) {
  return {
    async recordOccurrence(mentorshipId: string, occurrence: Occurrence): Promise<string[]> {
      return recordOccurrence(deps, mentorshipId, occurrence)
    },
  }
}

export type LifecycleActivities = ReturnType<typeof createActivities>
