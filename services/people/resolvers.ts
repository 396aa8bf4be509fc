import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { DEFAULT_WORKING_WEEK } from '../rules/workingHours.ts'
import { READERS, requireAnyScope } from '../shared/actor.ts'
import { notFound } from '../shared/errors.ts'
import { registerPerson, updatePerson } from './handlers.ts'
import { emailVisible, findPerson } from './queries.ts'

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
    email: async (person, _, ctx) =>
      emailVisible(ctx.actor, person, await ctx.partners()) ? person.email : null,
    timeZone: (person) => person.time_zone,
    workingHours: (person) =>
      person.working_hours.length ? person.working_hours : [...DEFAULT_WORKING_WEEK],
  },
}
