/** Every workflow the Temporal worker runs, bundled from this one module. */
export { lifecycleWorkflow } from './lifecycle.ts'
export { programTimersWorkflow } from './programTimers.ts'
