import type { Deps } from '../deps.ts'
import { systemActor } from '../shared/actor.ts'
import { markOverdue } from './handlers.ts'
import { overdueQuestions } from './queries.ts'

/**
 * Records `QuestionOverdue` for every open question whose deadline has passed. The read model
 * names the candidates; each question's own stream decides, so two instances sweeping together,
 * or a read model that lags, record each deadline once.
 */
export async function recordOverdueQuestions(deps: Deps) {
  const ids = await overdueQuestions(deps.db, deps.clock.now().toUTC().toISO()!)
  for (const id of ids) await markOverdue(deps, systemActor, id)
  return ids.length
}

/** Questions' own timer: a sweep every `everyMs`, each after the last one ended. */
export function startOverdueTimer(deps: Deps, everyMs: number, onError: (error: unknown) => void) {
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> = Promise.resolve()
  let stopped = false
  const tick = () => {
    running = recordOverdueQuestions(deps).then(
      () => undefined,
      (error) => onError(error),
    )
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, everyMs)
    })
  }
  tick()
  return {
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
