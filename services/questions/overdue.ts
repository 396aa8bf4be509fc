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
