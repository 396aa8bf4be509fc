import { fileURLToPath } from 'node:url'
import {
  ApplicationFailure,
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client'
import { NativeConnection, Worker } from '@temporalio/worker'
import type { Deps } from '../../services/deps.ts'
import { createActivities, DOMAIN_ERROR } from '../../workflows/activities.ts'
import type { LifecycleEngine } from '../../workflows/engine.ts'
import {
  lifecycleCommandUpdate,
  lifecycleSignal,
  lifecycleState,
  lifecycleWorkflow,
} from '../../workflows/lifecycle.ts'
import type { LifecycleCommand } from '../../services/lifecycle/commands.ts'
import { PROGRAM_TIMERS_ID, programTimersWorkflow } from '../../workflows/programTimers.ts'
import { DomainError } from '../../services/shared/errors.ts'

export interface TemporalSettings {
  address: string
  namespace: string
  taskQueue: string
}

export const workflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url))
const workflowId = (mentorshipId: string) => `lifecycle-${mentorshipId}`

/** The lifecycle on Temporal: one workflow per mentorship, started once, fed by signals. */
export function createTemporalEngine(
  client: Client,
  taskQueue: string,
  /** Records a command when no workflow runs for the mentorship (not started yet, or ended). */
  direct: (command: LifecycleCommand) => Promise<void>,
): LifecycleEngine {
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
    async command(command) {
      try {
        await client.workflow
          .getHandle(workflowId(command.mentorshipId))
          .executeUpdate(lifecycleCommandUpdate, { args: [command] })
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return direct(command)
        throw domainErrorIn(error) ?? error
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
    async startProgramTimers(plan) {
      try {
        await client.workflow.start(programTimersWorkflow, {
          taskQueue,
          workflowId: PROGRAM_TIMERS_ID,
          args: [plan],
        })
      } catch (error) {
        // Another instance started it, or this one before a restart: one runs for the program.
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error
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

/** The refusal an activity carried across Temporal (update → activity failure → application failure). */
function domainErrorIn(error: unknown): DomainError | null {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure && cause.type === DOMAIN_ERROR) {
      const [details] = cause.details as [
        { code: DomainError['code']; reason: string; fields: DomainError['fields'] },
      ]
      return new DomainError(details.code, details.reason, cause.message, details.fields)
    }
  }
  return null
}
