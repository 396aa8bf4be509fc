import { z } from 'zod'
import { execute, load } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { personAggregate, personIdFor, registerPerson } from '../people/handlers.ts'
import { RegisterPersonInput } from '../people/inputs.ts'
import { actorRef, requireAdmin, type Actor } from '../shared/actor.ts'
import { badField, conflict } from '../shared/errors.ts'
import { nameBasedId, newId, streams } from '../shared/ids.ts'
import { idempotencyKey, parseInput, text } from '../shared/validation.ts'
import { apiKeyAggregate, decideCreateKey, decideRevokeKey, decideSetup, setupAggregate } from './decider.ts'
import { ScopeSchema } from './events.ts'
import { newApiKey } from './keys.ts'

/** Who calls `setup`: nobody yet. */
export const anonymous: Actor = { id: 'anonymous', keyId: null, scopes: new Set(), personId: null }

/**
 * The program's first admin and key. The `setup` stream is claimed first, with "no stream"
 * expected, so of two concurrent calls exactly one wins.
 */
export async function setup(deps: Deps, input: unknown) {
  const c = parseInput(RegisterPersonInput, input)
  const adminId = personIdFor(c.email)
  await execute(deps, {
    streamId: streams.setup(),
    aggregate: setupAggregate,
    actor: anonymous,
    operation: 'setup',
    // No idempotent repeat here: a replayed setup would hand a second admin key to anyone.
    decide: (state) => decideSetup(state, adminId),
  })
  await registerPerson(deps, anonymous, { ...c, idempotencyKey: c.idempotencyKey ?? 'setup' }, 'ADMIN')
  // The key names the admin as its owner; the admin scope never reads a pair's text through it.
  const adminActor: Actor = {
    id: `person:${adminId}`,
    keyId: null,
    scopes: new Set(['admin']),
    personId: null,
    ownerId: adminId,
  }
  return {
    adminId,
    ...(await createKey(deps, adminActor, { name: 'setup admin key', scopes: ['admin'], personId: adminId })),
  }
}

const CreateApiKeyInput = z.object({
  name: text().trim().min(1).max(200),
  scopes: z.array(ScopeSchema).min(1, 'name at least one scope'),
  personId: text().uuid().nullish(),
  idempotencyKey: idempotencyKey(),
})

export async function createApiKey(deps: Deps, actor: Actor, input: unknown) {
  requireAdmin(actor)
  const c = parseInput(CreateApiKeyInput, input)
  if (c.scopes.includes('person') && !c.personId) {
    throw badField('input.personId', 'a key with the person scope must be bound to a person')
  }
  // A bound person is whose text the key reads: only the person scope may have one.
  if (!c.scopes.includes('person') && c.personId) {
    throw badField('input.personId', 'only a key with the person scope is bound to a person')
  }
  if (c.scopes.includes('tool') && c.scopes.includes('person')) {
    throw badField('input.scopes', 'a key acts either as one person or as a tool for many, not both')
  }
  if (c.personId) {
    const person = await load(deps, streams.person(c.personId), personAggregate)
    if (!person.exists) throw badField('input.personId', 'no person with this id')
  }
  return createKey(deps, actor, { ...c, personId: c.personId ?? null })
}

async function createKey(
  deps: Deps,
  actor: Actor,
  c: {
    name: string
    scopes: z.infer<typeof ScopeSchema>[]
    personId: string | null
    idempotencyKey?: string | null
  },
) {
  const keyId = newId('apikey', actorRef(actor), c.idempotencyKey)
  const { apiKey, secretHash } = newApiKey(keyId)
  const outcome = await execute(deps, {
    streamId: streams.apiKey(keyId),
    aggregate: apiKeyAggregate,
    actor,
    idempotencyKey: c.idempotencyKey,
    operation: 'createApiKey',
    decide: (state) =>
      decideCreateKey(state, { keyId, name: c.name, scopes: c.scopes, personId: c.personId, secretHash }),
  })
  // The secret exists only in this response: a repeat cannot show it again.
  if (outcome.repeated)
    throw conflict('key_already_issued', 'this key was issued by an earlier call; its secret is shown once')
  return { keyId, apiKey }
}

export async function revokeApiKey(deps: Deps, actor: Actor, input: unknown) {
  requireAdmin(actor)
  const { id } = parseInput(z.object({ id: text().uuid() }), input)
  await execute(deps, {
    streamId: streams.apiKey(id),
    aggregate: apiKeyAggregate,
    actor,
    operation: 'revokeApiKey',
    decide: (state) => decideRevokeKey(state, id),
  })
  return id
}

/** Every use of the admin scope becomes an event in the key's audit stream. */
export async function recordAdminUse(deps: Deps, actor: Actor, operation: string, operationType: string) {
  const keyId = actor.keyId ?? actor.id
  const metadata = {
    actor: actorRef(actor),
    correlationId: nameBasedId(`${keyId}:${deps.clock.now().toMillis()}:${operation}`),
    causationId: null,
    occurredAt: deps.clock.now().toUTC().toISO()!,
  }
  const { position } = await deps.store.append(
    streams.audit(keyId),
    [
      deps.codec.encode(
        { type: 'AdminActionPerformed', data: { keyId, operation, operationType } },
        metadata,
      ),
    ],
    'any',
  )
  await deps.caughtUp(position)
}
