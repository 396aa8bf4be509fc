import type { LifecycleCommand } from '../services/lifecycle/commands.ts'
import type { LifecycleSignal, LifecycleState } from '../services/lifecycle/state.ts'
import type { ProgramTimerPlan } from './programTimers.ts'

/** A workflow engine running one lifecycle per mentorship: Temporal, or the embedded runner. */
export interface LifecycleEngine {
  readonly kind: 'temporal' | 'embedded'
  /** Starts the mentorship's workflow; starting one that exists does nothing. */
  start(state: LifecycleState): Promise<void>
  /** Delivers a fact; delivering the same one twice changes nothing. */
  signal(mentorshipId: string, signal: LifecycleSignal): Promise<void>
  /**
   * Has the mentorship's workflow record a person's or admin's transition; resolves once it is
   * recorded, or throws the decider's refusal. Without a workflow (none started yet) it is recorded directly.
   */
  command(command: LifecycleCommand): Promise<void>
  /** The workflow's current state, for queries and tests. */
  state(mentorshipId: string): Promise<LifecycleState | null>
  /** Starts firing timers (the embedded runner's loop; Temporal's worker needs no start). */
  startLoop?(): void
  /**
   * Runs the program's timers as a workflow of the engine's own (Temporal); an engine without it
   * leaves them to in-process sweeps beside the runner.
   */
  startProgramTimers?(plan: ProgramTimerPlan): Promise<void>
  close(): Promise<void>
}
