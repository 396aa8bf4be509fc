import type { TestWorkflowEnvironment } from '@temporalio/testing'
import { bundleWorkflowCode } from '@temporalio/worker'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { initialLifecycle } from '../services/lifecycle/state.ts'
import { pauseMentorship, respondToPhaseProposal } from '../services/mentorships/handlers.ts'
import { applyLifecycleCommand, type LifecycleCommand } from '../services/lifecycle/commands.ts'
import { nextOccurrence } from '../services/lifecycle/schedule.ts'
import { dispatched } from '../test/support/lifecycle.ts'
import { startServer, type TestServer } from '../test/support/server.ts'
import { createTestEnv, describeWithTemporal } from '../test/support/temporal.ts'
import type { LifecycleEngine } from './engine.ts'
import { checkExpectations, runScenario, type ScenarioDriver } from './runScenario.ts'
import { scenarios } from './scenarios.ts'
import { lifecycleWorkflow } from './lifecycle.ts'
import { createLifecycleWorker, createTemporalEngine, workflowsPath } from '../infra/temporal/engine.ts'

const taskQueue = 'trellis-lifecycle-test'

/**
 * The shared scenarios on Temporal. Its time only moves forward, so each scenario gets a fresh
 * test server (started at today's date) and worker; one Trellis on PGlite serves them all, its
 * engine pointed at the current server.
 */
describeWithTemporal('lifecycle scenarios on Temporal (Java test server, time skipping)', () => {
  let server: TestServer
  let workflowBundle: { code: string }
  let current: LifecycleEngine | null = null
  const engine: LifecycleEngine = {
    kind: 'temporal',
    start: (state) => current!.start(state),
    signal: (id, signal) => current!.signal(id, signal),
    state: (id) => current!.state(id),
    command: (c) => current!.command(c),
    close: async () => {},
  }

  const direct = (command: LifecycleCommand) => applyLifecycleCommand(server.trellis.deps, command)

  beforeAll(async () => {
    workflowBundle = await bundleWorkflowCode({ workflowsPath, logger: quietLogger })
    server = await startServer('pglite', { engine: async () => engine })
    await server.trellis.startLifecycle()
  })
  afterAll(() => server?.close())

  function driverFor(env: TestWorkflowEnvironment): ScenarioDriver {
    const { trellis, clock } = server
    /** Idle: every event dispatched, and nothing due by now left unrecorded in the workflow. */
    const settle = async (mentorshipId?: string) => {
      for (let i = 0; i < 1500; i++) {
        const state = mentorshipId ? await engine.state(mentorshipId) : null
        const next = state ? nextOccurrence(state) : null
        const idle = !next || Date.parse(next.at) > (await env.currentTimeMs())
        if ((await dispatched(trellis)) && idle && (!mentorshipId || state)) return
        await new Promise((r) => setTimeout(r, 20))
      }
      throw new Error('the Temporal lifecycle did not settle')
    }
    return {
      deps: trellis.deps,
      settle,
      async advanceTo(at, mentorshipId) {
        await settle(mentorshipId)
        const delta = Date.parse(at) - (await env.currentTimeMs())
        if (delta > 0) await env.sleep(delta)
        clock.set(DateTime.fromISO(at, { zone: 'utc' }))
        await settle(mentorshipId)
      },
    }
  }

  /** A fresh test server and worker for one test (Temporal's time only moves forward), torn down after. */
  async function withTemporal<T>(
    engineFor: (env: TestWorkflowEnvironment) => LifecycleEngine,
    body: (env: TestWorkflowEnvironment) => Promise<T>,
  ) {
    const env = await createTestEnv()
    current = engineFor(env)
    const worker = await createLifecycleWorker(server.trellis.deps, {
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      workflowBundle,
    })
    const running = worker.run()
    try {
      return await body(env)
    } finally {
      worker.shutdown()
      await running
      await env.teardown()
    }
  }

  const temporalEngine = (env: TestWorkflowEnvironment) => createTemporalEngine(env.client, taskQueue, direct)

  for (const [i, scenario] of scenarios.entries()) {
    it(
      scenario.name,
      () =>
        withTemporal(temporalEngine, async (env) => {
          checkExpectations(scenario, await runScenario(scenario, driverFor(env), `temporal-${i}`))
        }),
      120_000,
    )
  }

  it('a MentorshipStarted seen twice starts one workflow', async () => {
    const env = await createTestEnv()
    try {
      const engine = createTemporalEngine(env.client, taskQueue, direct)
      const state = initialLifecycle({
        mentorshipId: '99999999-9999-4999-8999-999999999999',
        startedOn: '2027-01-04',
        menteeZone: 'Europe/Lisbon',
        checkInWeekday: 5,
        startsAt: '2027-01-04T00:00:00.000Z',
      })
      const handle = env.client.workflow.getHandle('lifecycle-99999999-9999-4999-8999-999999999999')
      await engine.start(state)
      const first = await handle.describe()
      await engine.start(state)
      const second = await handle.describe()
      expect(second.runId).toBe(first.runId)
      expect(second.status.name).toBe('RUNNING')
    } finally {
      await env.teardown()
    }
  })

  it('a long history continues as new and carries on where it was', async () => {
    const startedRuns: string[] = []
    // The dispatcher's start, with a tiny history budget so continue-as-new happens within weeks.
    const smallBudget = (env: TestWorkflowEnvironment): LifecycleEngine => ({
      ...temporalEngine(env),
      async start(state) {
        const handle = await env.client.workflow.start(lifecycleWorkflow, {
          taskQueue,
          workflowId: `lifecycle-${state.mentorshipId}`,
          args: [state, { stepsPerRun: 3 }],
        })
        startedRuns.push(handle.firstExecutionRunId)
      },
    })
    await withTemporal(smallBudget, async (env) => {
      const scenario = { ...scenarios[1]!, steps: [], until: '2027-02-20T00:00:00.000Z', expect: [] }
      const events = await runScenario(scenario, driverFor(env), 'continue-as-new')
      const handle = env.client.workflow.getHandle(`lifecycle-${events[0]!.data.mentorshipId}`)
      expect((await handle.describe()).runId).not.toBe(startedRuns[0])
      // Seven weeks of Fridays, each due and missed exactly once across the runs.
      expect(events.filter((e) => e.type === 'CheckInDue')).toHaveLength(7)
      expect(events.filter((e) => e.type === 'CheckInMissed')).toHaveLength(7)
    })
  }, 120_000)

  it('a refused transition comes back through the workflow as the decider’s error', async () => {
    await withTemporal(temporalEngine, async (env) => {
      const scenario = { ...scenarios[1]!, steps: [], until: '2027-01-06T00:00:00.000Z', expect: [] }
      const events = await runScenario(scenario, driverFor(env), 'refusal')
      const mentorshipId = events[0]!.data.mentorshipId as string
      const admin = { id: 'test-admin', keyId: null, scopes: new Set(['admin'] as const), personId: null }
      await expect(
        respondToPhaseProposal(server.trellis.deps, admin, { mentorshipId, accept: true }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
        reason: 'no_proposal',
      })
      await pauseMentorship(server.trellis.deps, admin, { mentorshipId, reason: 'leave' })
      const stream = await server.trellis.store.readStream(`mentorship-${mentorshipId}`)
      expect(stream.at(-1)).toMatchObject({
        type: 'MentorshipPaused',
        metadata: { operation: 'pauseMentorship' },
      })
    })
  }, 120_000)
})

const quietLogger = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never
