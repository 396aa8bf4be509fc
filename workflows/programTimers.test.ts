import type { TestWorkflowEnvironment } from '@temporalio/testing'
import { bundleWorkflowCode, DefaultLogger, type Worker } from '@temporalio/worker'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createLifecycleWorker, createTemporalEngine, workflowsPath } from '../infra/temporal/engine.ts'
import { applyLifecycleCommand } from '../services/lifecycle/commands.ts'
import { buildProgram } from '../test/support/program.ts'
import { callerWith, startServer, type TestServer } from '../test/support/server.ts'
import { startSmtpInbox } from '../test/support/smtpInbox.ts'
import { createTestEnv, describeWithTemporal } from '../test/support/temporal.ts'
import { PROGRAM_TIMERS_ID } from './programTimers.ts'

const taskQueue = 'trellis-program-timers-test'

/**
 * On Temporal the program's timers are a workflow whose activities do the work: a question past
 * its deadline is recorded overdue and its responder mailed, by the worker, with no sweep of
 * this process running (the server's own lifecycle polls nothing).
 */
describeWithTemporal('program timers on Temporal (Java test server)', () => {
  let env: TestWorkflowEnvironment
  let server: TestServer
  let worker: Worker
  let running: Promise<void>
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>

  beforeAll(async () => {
    inbox = await startSmtpInbox()
    env = await createTestEnv()
    // Tuesday 10:00 in New York and 15:00 in Lisbon: inside both people's working hours.
    server = await startServer('pglite', {
      now: '2026-11-17T15:00:00Z',
      config: { smtpUrl: inbox.url, publicUrl: 'https://trellis.example' },
    })
    const workflowBundle = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') })
    worker = await createLifecycleWorker(server.trellis.deps, {
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle,
    })
    running = worker.run()
  }, 120_000)
  afterAll(async () => {
    worker?.shutdown()
    await running
    await env?.teardown()
    await server?.close()
    await inbox?.close()
  })

  it('records the overdue question and mails its responder from the workflow’s activities', async () => {
    const p = await buildProgram(server, { startedOn: '2026-11-16' })
    const { askQuestion } = await callerWith(server)(p.menteeKey)(
      `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          title: 'Which index?',
          urgency: 'THIS_WEEK',
          context: { goal: 'Fast list', tried: 'A btree on created_at' },
        },
      },
    )
    // A day and a half later, in the mentor's working hours: past the 24-hour window.
    server.clock.set(DateTime.fromISO('2026-11-19T15:00:00Z', { zone: 'utc' }))
    const engine = createTemporalEngine(env.client, taskQueue, (c) =>
      applyLifecycleCommand(server.trellis.deps, c),
    )
    await engine.startProgramTimers!({
      everySeconds: 3600,
      timers: [
        { name: 'question deadlines', everyLooks: 1 },
        { name: 'reminders', everyLooks: 1 },
      ],
    })
    // Started twice (a second instance, a restart): still one workflow.
    await engine.startProgramTimers!({ everySeconds: 3600, timers: [] })

    const overdue = async () =>
      (
        await callerWith(server)(p.mentorKey)(`query($id: ID!) { question(id: $id) { overdue } }`, {
          id: askQuestion.id,
        })
      ).question.overdue
    for (let i = 0; i < 300 && !(inbox.received.length && (await overdue())); i++)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await overdue()).toBe(true)
    const mail = inbox.received.find((m) => m.headers.get('x-trellis-reminder') === 'QUESTION_OVERDUE')
    expect(mail?.to).toEqual([expect.stringMatching(/^mentor-/)])
    const handle = env.client.workflow.getHandle(PROGRAM_TIMERS_ID)
    expect((await handle.describe()).status.name).toBe('RUNNING')
    await handle.terminate('test over')
  })
})
