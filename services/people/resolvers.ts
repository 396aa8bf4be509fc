import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { READERS, requireAnyScope } from '../shared/actor.ts'
import { notFound } from '../shared/errors.ts'
import { registerPerson, updatePerson } from './handlers.ts'
import { findPerson } from './queries.ts'

/** Monday–Friday 09:00–17:00 when a person gave no hours (PRODUCT §3). */
export const DEFAULT_WORKING_HOURS = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }))

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
    email: (person, _, { actor }) => (actor.scopes.has('admin') || actor.personId !== null ? person.email : null),
    timeZone: (person) => person.time_zone,
    workingHours: (person) => (person.working_hours.length ? person.working_hours : DEFAULT_WORKING_HOURS),
  },
}
