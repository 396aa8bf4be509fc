import { condition, defineSignal, proxyActivities, setHandler, sleep } from '@temporalio/workflow'
import type * as activities from './smoke.activities.ts'

/**
 * Proves the test set-up, not a product rule: a month-long timer, a signal and an activity, which
 * on the time-skipping test server finish in seconds.
 */
const { composeNudge } = proxyActivities<typeof activities>({ startToCloseTimeout: '1 minute' })

export const nudge = defineSignal<[mentor: string]>('nudge')

export async function smokeWorkflow(mentee: string): Promise<string> {
  let mentor: string | undefined
  setHandler(nudge, (by) => {
    mentor = by
  })
  await sleep('30 days')
  // A nudge that came during the month counts; otherwise wait one more week for one.
  await condition(() => mentor !== undefined, '7 days')
  return composeNudge(mentee, mentor)
}
