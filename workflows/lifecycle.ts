import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow'
import { applySignal, completeOccurrence, nextOccurrence } from '../services/lifecycle/schedule.ts'
import type { LifecycleCommand } from '../services/lifecycle/commands.ts'
import type { LifecycleSignal, LifecycleState } from '../services/lifecycle/state.ts'
import type { LifecycleActivities } from './activities.ts'

/**
 * One mentorship's lifecycle on Temporal (PRODUCT §2). Deterministic: time is the workflow's,
 * the schedule is the pure one in services/lifecycle, and the only effect is the activity that
 * records what fell due. History is bounded with continue-as-new.
 */
export const lifecycleSignal = defineSignal<[LifecycleSignal]>('lifecycle')
export const lifecycleState = defineQuery<LifecycleState>('state')
/** A person's or admin's transition, recorded by the workflow; the caller waits for the outcome. */
export const lifecycleCommandUpdate = defineUpdate<void, [LifecycleCommand]>('command')

const { recordOccurrence, applyLifecycleCommand } = proxyActivities<LifecycleActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
})

/** Workflow time: inside Temporal's sandbox `Date` is the workflow's own deterministic clock. */
const now: () => number = Date.now

/** Occurrences handled before the history is handed to a fresh run. */
const STEPS_PER_RUN = 200

export interface LifecycleOptions {
  stepsPerRun?: number
}

export async function lifecycleWorkflow(
  initial: LifecycleState,
  options: LifecycleOptions = {},
): Promise<void> {
  const stepsPerRun = options.stepsPerRun ?? STEPS_PER_RUN
  let state = initial
  const inbox: LifecycleSignal[] = []
  setHandler(lifecycleSignal, (signal) => void inbox.push(signal))
  setHandler(lifecycleState, () => state)
  // The recorded event comes back as a signal through the dispatcher, like every other fact.
  setHandler(lifecycleCommandUpdate, (command) => applyLifecycleCommand(command))

  async function fire(limit: number) {
    for (
      let next = nextOccurrence(state);
      next && Date.parse(next.at) <= limit;
      next = nextOccurrence(state)
    ) {
      await recordOccurrence(state.mentorshipId, next)
      state = completeOccurrence(state, next)
    }
  }

  for (let steps = 0; ; steps++) {
    // Signals in the order they happened: what fell due before a signal's instant is handled first.
    while (inbox.length > 0) {
      const signal = inbox.shift()!
      if ('at' in signal) await fire(Math.min(Date.parse(signal.at), now()))
      state = applySignal(state, signal)
    }
    const next = nextOccurrence(state)
    if (!next) {
      if (state.phase === 'ENDED') return
      await condition(() => inbox.length > 0)
      continue
    }
    const wait = Date.parse(next.at) - now()
    if (wait > 0 && (await condition(() => inbox.length > 0, wait))) continue
    await fire(now())
    if (inbox.length === 0 && (steps >= stepsPerRun || workflowInfo().continueAsNewSuggested)) {
      await condition(allHandlersFinished)
      await continueAsNew<typeof lifecycleWorkflow>(state, options)
    }
  }
}
