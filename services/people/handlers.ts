import type { z } from 'zod'
import { execute } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { requireAdmin, type Actor } from '../shared/actor.ts'
import { nameBasedId, streams } from '../shared/ids.ts'
import { parseInput } from '../shared/validation.ts'
import { decide, evolve, initialState } from './decider.ts'
import { RegisterPersonInput, UpdatePersonInput } from './inputs.ts'

export const personAggregate = { initialState, evolve }

/** A person's id follows from their email, so the store itself refuses a second registration. */
export const personIdFor = (email: string) => nameBasedId(`person:${email.trim().toLowerCase()}`)

export async function registerPerson(
  deps: Deps,
  actor: Actor,
  input: unknown,
  role: 'ADMIN' | 'MEMBER' = 'MEMBER',
) {
  if (role === 'MEMBER') requireAdmin(actor)
  const command = parseInput(RegisterPersonInput, input)
  const personId = personIdFor(command.email)
  await execute(deps, {
    streamId: streams.person(personId),
    aggregate: personAggregate,
    actor,
    idempotencyKey: command.idempotencyKey,
    operation: 'registerPerson',
    decide: (state) =>
      decide(
        {
          type: 'RegisterPerson',
          personId,
          email: command.email,
          name: command.name,
          timeZone: command.timeZone,
          workingHours: command.workingHours ?? [],
          role,
        },
        state,
      ),
  })
  return personId
}

/** An admin updates anyone; a person (or a tool for them) updates themself. */
export async function updatePerson(deps: Deps, actor: Actor, input: unknown) {
  const command: z.output<typeof UpdatePersonInput> = parseInput(UpdatePersonInput, input)
  if (command.id !== actor.personId) requireAdmin(actor)
  await execute(deps, {
    streamId: streams.person(command.id),
    aggregate: personAggregate,
    actor,
    idempotencyKey: command.idempotencyKey,
    operation: 'updatePerson',
    decide: (state) =>
      decide(
        {
          type: 'UpdatePerson',
          personId: command.id,
          name: command.name ?? undefined,
          timeZone: command.timeZone ?? undefined,
          workingHours: command.workingHours ?? undefined,
        },
        state,
      ),
  })
  return command.id
}
