import type { Deps } from '../services/deps.ts'
import { PROGRAM_TIMERS } from '../services/programTimers.ts'
import { startSweep } from '../services/shared/sweep.ts'
import { deliverDueWebhooks } from '../services/webhooks/delivery.ts'
import type { LifecycleEngine } from '../workflows/engine.ts'

/** How often Temporal's program-timers workflow looks, at most: each look is a few history events. */
const TEMPORAL_LOOK_SECONDS = 5

/**
 * What runs on a clock beside the lifecycle: the program timers (question deadlines, reminders,
 * health) as a workflow of the engine's when it has one (Temporal), else as sweeps in this process
 * beside the embedded runner; and webhook deliveries, a queue this process drains every poll.
 */
export async function startProgramClock(deps: Deps, engine: LifecycleEngine, pollMs: number) {
  const sweeps: Array<ReturnType<typeof startSweep>> = []
  const report = (name: string) => (error: unknown) => console.error(`${name}:`, error)
  if (engine.startProgramTimers) {
    await engine.startProgramTimers({
      everySeconds: TEMPORAL_LOOK_SECONDS,
      timers: PROGRAM_TIMERS.map((t) => ({
        name: t.name,
        everyLooks: Math.max(1, Math.round((t.everyPolls * pollMs) / (TEMPORAL_LOOK_SECONDS * 1000))),
      })),
    })
  } else {
    for (const timer of PROGRAM_TIMERS)
      sweeps.push(startSweep(() => timer.run(deps), pollMs * timer.everyPolls, report(timer.name)))
  }
  sweeps.push(startSweep(() => deliverDueWebhooks(deps), pollMs, report('webhook deliveries')))
  return {
    async stop() {
      for (const sweep of sweeps) await sweep.stop()
    },
  }
}
