import { fileURLToPath } from 'node:url'
import {
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client'
import { NativeConnection, Worker } from '@temporalio/worker'
import type { Deps } from '../../services/deps.ts'
import { createActivities } from '../../workflows/activities.ts'
import type { LifecycleEngine } from '../../workflows/engine.ts'
import { lifecycleSignal, lifecycleState, lifecycleWorkflow } from '../../workflows/lifecycle.ts'

export interface TemporalSettings {
  address: string
  namespace: string
  taskQueue: string
}

export const workflowsPath = fileURLToPath(new URL('../../workflows/lifecycle.ts', import.meta.url))
const workflowId = (mentorshipId: string) => `lifecycle-${mentorshipId}`

/** The lifecycle on Temporal: one workflow per mentorship, started once, fed by signals. */
export function createTemporalEngine(client: Client, taskQueue: string): LifecycleEngine {
  return {
    kind: 'temporal',
    async start(state) {
      try {
        await client.workflow.start(lifecycleWorkflow, {
          taskQueue,
          workflowId: workflowId(state.mentorshipId),
          args: [state],
        })
      } catch (error) {
        // The MentorshipStarted event seen twice: the workflow exists, which is what we want.
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error
      }
    },
    async signal(mentorshipId, signal) {
      try {
        await client.workflow.getHandle(workflowId(mentorshipId)).signal(lifecycleSignal, signal)
      } catch (error) {
        // An ended mentorship's workflow has completed: there is nothing left to tell it.
        if (!(error instanceof WorkflowNotFoundError)) throw error
      }
    },
    async state(mentorshipId) {
      try {
        return await client.workflow.getHandle(workflowId(mentorshipId)).query(lifecycleState)
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return null
        throw error
      }
    },
    async close() {},
  }
}

export async function connectTemporal(settings: TemporalSettings) {
  const connection = await Connection.connect({ address: settings.address })
  return { connection, client: new Client({ connection, namespace: settings.namespace }) }
}

/** A worker running the lifecycle workflow and its activity in this process. */
export async function createLifecycleWorker(
  deps: Deps,
  options: {
    connection: NativeConnection
    namespace: string
    taskQueue: string
    workflowBundle?: { code: string }
  },
) {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
    activities: createActivities(deps),
  })
}
