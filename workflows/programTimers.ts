import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow'
import type { LifecycleActivities } from './activities.ts'

/** The one program-wide timer workflow's id: starting it again finds the running one. */
export const PROGRAM_TIMERS_ID = 'trellis-program-timers'

const { runProgramTimer } = proxyActivities<LifecycleActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
})

export interface ProgramTimerPlan {
  /** Seconds between looks. */
  everySeconds: number
  /** Each timer's name and how many looks apart it runs (services' PROGRAM_TIMERS). */
  timers: ReadonlyArray<{ name: string; everyLooks: number }>
  /** Looks before the history is handed to a fresh run. */
  looksPerRun?: number
}

/**
 * The program's timers on Temporal — question deadlines, email reminders, program health — each
 * run as an activity on its own cadence. Deterministic: the loop, its sleeps and the look count
 * are all it holds; what is due is decided by the activity from the read models.
 */
export async function programTimersWorkflow(plan: ProgramTimerPlan, look = 0): Promise<void> {
  const looksPerRun = plan.looksPerRun ?? 200
  for (let i = 0; i < looksPerRun; i++, look++) {
    for (const timer of plan.timers) if (look % timer.everyLooks === 0) await runProgramTimer(timer.name)
    await sleep(plan.everySeconds * 1000)
  }
  await continueAsNew<typeof programTimersWorkflow>(plan, look)
}
