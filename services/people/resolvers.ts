import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { DEFAULT_WORKING_WEEK } from '../rules/workingHours.ts'
import { READERS, requireAnyScope } from '../shared/actor.ts'
import { notFound } from '../shared/errors.ts'
import { registerPerson, updatePerson } from './handlers.ts'
import { findPerson } from './queries.ts'

export const peopleResolvers: Resolvers = {
  Query: {
    async person(_, { id }, { deps, actor }) {
      requireAnyScope(actor, READERS)
      return findPerson(deps.db, actor, id)
    },
  },
  Mutation: {
    async registerPerson(_, { input }, { deps, actor }) {
      const id = await registerPerson(deps, actor, input)
      return (await findPerson(deps.db, actor, id)) ?? Promise.reject(notFound('person'))
    },
    async updatePerson(_, { input }, { deps, actor }) {
      const id = await updatePerson(deps, actor, input)
      return (await findPerson(deps.db, actor, id)) ?? Promise.reject(notFound('person'))
    },
  },
  Person: {
    // Contact data: admins and the pair see it; analytics keys do not.
    email: (person, _, { actor }) =>
      actor.scopes.has('admin') || actor.personId !== null ? person.email : null,
    timeZone: (person) => person.time_zone,
    workingHours: (person) =>
      person.working_hours.length ? person.working_hours : [...DEFAULT_WORKING_WEEK],
  },
}
