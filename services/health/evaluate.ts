import { execute } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { healthSignals } from '../rules/health.ts'
import { systemActor } from '../shared/actor.ts'
import { decideHealth, healthAggregate } from './decider.ts'
import { weeklyFacts } from './facts.ts'

export const healthStream = (mentorshipId: string) => `health-${mentorshipId}`

/** Raises and clears one pair's signals so the record matches what its last weeks show. */
export async function evaluateHealth(deps: Deps, mentorshipId: string) {
  const signals = healthSignals(await weeklyFacts(deps.db, mentorshipId, deps.clock.now()))
  const outcome = await execute(deps, {
    streamId: healthStream(mentorshipId),
    aggregate: healthAggregate,
    actor: systemActor,
    operation: 'evaluateHealth',
    readYourWrites: false,
    decide: (state) => decideHealth(mentorshipId, signals, state),
  })
  return outcome.events
}

/** Every running pair's health, one pair after another: what the health timer does. */
export async function evaluateProgramHealth(deps: Deps) {
  const pairs = await deps.db
    .selectFrom('mentorships')
    .select('id')
    .where('phase', 'in', ['WEEKLY', 'MONTHLY', 'AD_HOC'])
    .where('paused', '=', false)
    .execute()
  let changed = 0
  for (const { id } of pairs) changed += (await evaluateHealth(deps, id as string)).length
  return changed
}
