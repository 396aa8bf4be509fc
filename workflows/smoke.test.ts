import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { TestWorkflowEnvironment } from '@temporalio/testing'
import { Worker } from '@temporalio/worker'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestEnv, describeWithTemporal } from '../test/support/temporal.ts'
import * as activities from './smoke.activities.ts'
import { nudge, smokeWorkflow } from './smoke.workflow.ts'

const DAY = 24 * 60 * 60 * 1000
// The worker bundles workflow code itself (webpack + swc), from the .ts file.
const workflowsPath = fileURLToPath(new URL('./smoke.workflow.ts', import.meta.url))

describeWithTemporal('Temporal test server: time skipping', () => {
  let env: TestWorkflowEnvironment

  beforeAll(async () => {
    env = await createTestEnv()
  })
  afterAll(() => env?.teardown())

  async function withWorker<T>(run: (taskQueue: string) => Promise<T>): Promise<T> {
    const taskQueue = `smoke-${randomUUID()}`
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath,
      activities,
    })
    return worker.runUntil(run(taskQueue))
  }

  it('sleeps 30 days, takes a signal, calls an activity', async () => {
    const startedAt = await env.currentTimeMs()
    const result = await withWorker(async (taskQueue) => {
      const handle = await env.client.workflow.start(smokeWorkflow, {
        args: ['Ada'],
        taskQueue,
        workflowId: `smoke-${randomUUID()}`,
      })
      await handle.signal(nudge, 'Grace')
      return handle.result()
    })
    expect(result).toBe('Grace nudged Ada')
    // Only a lower bound: while a result is awaited the server jumps to its next timer of any kind.
    expect((await env.currentTimeMs()) - startedAt).toBeGreaterThanOrEqual(30 * DAY)
  })

  it('with no signal, the week-long wait times out too', async () => {
    const startedAt = await env.currentTimeMs()
    const result = await withWorker((taskQueue) =>
      env.client.workflow.execute(smokeWorkflow, {
        args: ['Ada'],
        taskQueue,
        workflowId: `smoke-${randomUUID()}`,
      }),
    )
    expect(result).toBe('nobody nudged Ada')
    expect((await env.currentTimeMs()) - startedAt).toBeGreaterThanOrEqual(37 * DAY)
  })
})
