import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { iso } from '../checkins/view.ts'
import { isMember } from '../shared/membership.ts'
import { READERS, requireAnyScope } from '../shared/actor.ts'
import { badField, notFound } from '../shared/errors.ts'
import { isStorableText } from '../shared/validation.ts'
import { pageSize } from '../shared/paging.ts'
import { addResource, recordDecision } from './handlers.ts'
import { decisionsOf, findDecision, findResource, listResources, resourceCursor } from './queries.ts'

export const recordResolvers: Resolvers = {
  Query: {
    async decision(_, { id }, ctx) {
      requireAnyScope(ctx.actor, READERS)
      const decision = await findDecision(ctx.deps.db, id)
      // Every field is the pair's text: outside the pair the decision does not exist.
      return decision && (await isMember(ctx, decision.mentorship_id)) ? decision : null
    },
    async resource(_, { id }, ctx) {
      requireAnyScope(ctx.actor, READERS)
      return findResource(ctx.deps.db, id)
    },
    async resources(_, { first, after, tag, kind }, ctx) {
      requireAnyScope(ctx.actor, READERS)
      if (tag && (!isStorableText(tag) || tag.length > 40))
        throw badField('tag', 'must be a tag: at most 40 characters, no NUL or unpaired surrogates')
      const page = await listResources(ctx.deps.db, { tag, kind }, pageSize(first), after ?? null)
      return {
        edges: page.rows.map((node) => ({ cursor: resourceCursor(node), node })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          endCursor: page.rows.length ? resourceCursor(page.rows.at(-1)!) : null,
        },
      }
    },
  },
  Mutation: {
    async recordDecision(_, { input }, ctx) {
      const id = await recordDecision(ctx.deps, ctx.actor, input)
      return (await findDecision(ctx.deps.db, id)) ?? Promise.reject(notFound('decision'))
    },
    async addResource(_, { input }, ctx) {
      const id = await addResource(ctx.deps, ctx.actor, input)
      return (await findResource(ctx.deps.db, id)) ?? Promise.reject(notFound('resource'))
    },
  },
  Mentorship: {
    async decisions(m, { first }, ctx) {
      const size = pageSize(first)
      return (await isMember(ctx, m.id)) ? decisionsOf(ctx.deps.db, m.id, size) : []
    },
  },
  Decision: {
    mentorship: async (d, _, ctx) =>
      (await ctx.mentorship(d.mentorship_id)) ?? Promise.reject(notFound('mentorship')),
    recordedBy: async (d, _, ctx) => (await ctx.person(d.recorded_by)) ?? Promise.reject(notFound('person')),
    at: (d) => iso(d.at),
  },
  Resource: {
    at: (r) => iso(r.at),
  },
}
