import type { Resolvers, Scope as GraphQLScope } from '../../schema/generated/resolvers.ts'
import { findPerson, type PersonRow } from '../people/queries.ts'
import { requireAnyScope } from '../shared/actor.ts'
import { notFound } from '../shared/errors.ts'
import type { Scope } from './events.ts'
import { createApiKey, revokeApiKey, setup } from './handlers.ts'

const toGraphQL: Record<Scope, GraphQLScope> = {
  admin: 'ADMIN',
  person: 'PERSON',
  tool: 'TOOL',
  'events:read': 'EVENTS_READ',
  'projections:read': 'PROJECTIONS_READ',
}
const fromGraphQL = Object.fromEntries(Object.entries(toGraphQL).map(([k, v]) => [v, k])) as Record<
  GraphQLScope,
  Scope
>

export const accessResolvers: Resolvers = {
  Query: {
    me(_, __, { actor }) {
      requireAnyScope(actor, Object.keys(toGraphQL) as Scope[])
      return actor
    },
  },
  Mutation: {
    async setup(_, { input }, { deps }) {
      const { adminId, apiKey } = await setup(deps, input)
      const admin = await deps.db
        .selectFrom('people')
        .selectAll()
        .where('id', '=', adminId)
        .executeTakeFirst()
      if (!admin) throw notFound('person')
      return { admin: admin as PersonRow, apiKey }
    },
    async createApiKey(_, { input }, { deps, actor }) {
      return createApiKey(deps, actor, { ...input, scopes: input.scopes.map((s) => fromGraphQL[s]) })
    },
    async revokeApiKey(_, { input }, { deps, actor }) {
      return revokeApiKey(deps, actor, input)
    },
  },
  Viewer: {
    id: (actor) => actor.keyId ?? actor.id,
    scopes: (actor) => [...actor.scopes].map((s) => toGraphQL[s]),
    person: (actor, _, { deps }) => {
      const id = actor.personId ?? actor.ownerId
      return id ? findPerson(deps.db, actor, id) : null
    },
  },
}
