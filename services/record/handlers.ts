import { execute } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { pairFor } from '../mentorships/pairs.ts'
import { requireAnyScope, requireMember, type Actor } from '../shared/actor.ts'
import { conflict } from '../shared/errors.ts'
import type { AnyEvent } from '../shared/events.ts'
import { newId } from '../shared/ids.ts'
import { parseInput } from '../shared/validation.ts'
import { AddResourceInput, RecordDecisionInput } from './inputs.ts'

/** Decisions and resources are written once: a stream either holds its one event or nothing. */
const onceAggregate = { initialState: false, evolve: () => true }
const once = (event: AnyEvent) => (exists: boolean) => {
  if (exists) throw conflict('already_recorded', 'this was already recorded')
  return [event]
}

export const decisionStream = (id: string) => `decision-${id}`
export const resourceStream = (id: string) => `resource-${id}`

export async function recordDecision(deps: Deps, actor: Actor, input: unknown) {
  const by = requireMember(actor)
  const c = parseInput(RecordDecisionInput, input)
  await pairFor(deps, c.mentorshipId, by)
  const decisionId = newId('decision', actor.id, c.idempotencyKey)
  const { idempotencyKey, ...data } = c
  await execute(deps, {
    streamId: decisionStream(decisionId),
    aggregate: onceAggregate,
    actor,
    idempotencyKey,
    operation: 'recordDecision',
    decide: once({ type: 'DecisionRecorded', data: { decisionId, ...data, by } }),
  })
  return decisionId
}

/** Anyone in the program adds to its library: admins, mentors and mentees alike. */
export async function addResource(deps: Deps, actor: Actor, input: unknown) {
  requireAnyScope(actor, ['admin', 'person', 'tool'])
  const c = parseInput(AddResourceInput, input)
  const resourceId = newId('resource', actor.id, c.idempotencyKey)
  const by = actor.personId ?? actor.id
  await execute(deps, {
    streamId: resourceStream(resourceId),
    aggregate: onceAggregate,
    actor,
    idempotencyKey: c.idempotencyKey,
    operation: 'addResource',
    decide: once({
      type: 'ResourceAdded',
      data: {
        resourceId,
        title: c.title,
        url: c.url ?? null,
        body: c.body ?? null,
        kind: c.kind,
        tags: [...new Set(c.tags)],
        by,
      },
    }),
  })
  return resourceId
}
