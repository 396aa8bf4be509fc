import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { requireAnyScope } from '../shared/actor.ts'
import { pageSize } from '../shared/paging.ts'
import { parsePositionCursor } from '../shared/cursor.ts'
import { parseFeedFilter } from './filter.ts'
import { liveEvents } from './live.ts'
import { feedPage } from './queries.ts'
import { viewFor, type EventView } from '../shared/redaction.ts'

const FEED_SCOPES = ['admin', 'events:read', 'projections:read', 'person', 'tool'] as const

export const feedResolvers: Resolvers = {
  Query: {
    async events(_, { first, after, types, mentorshipId }, ctx) {
      requireAnyScope(ctx.actor, FEED_SCOPES)
      const filter = {
        first: pageSize(first),
        after: parsePositionCursor(after),
        ...parseFeedFilter({ types, mentorshipId }),
      }
      const memberOf = await ctx.memberOf()
      const page = await feedPage(ctx.deps.db, ctx.actor, memberOf, filter)
      const views = page.events
        .map((e) => viewFor(e, ctx.actor, { memberOf }, ctx.deps.codec.definitions))
        .filter((v): v is EventView => v !== null)
      return {
        edges: views.map((node) => ({ cursor: node.position.toString(), node })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          endCursor: page.events.at(-1)?.position.toString() ?? null,
        },
      }
    },
  },
  Subscription: {
    events: {
      subscribe: (_, { types, mentorshipId }, ctx) => {
        requireAnyScope(ctx.actor, FEED_SCOPES)
        return liveEvents(ctx, parseFeedFilter({ types, mentorshipId })) as never
      },
      resolve: (payload: EventView) => payload,
    },
  },
  Event: {
    id: (e) => e.eventId,
    position: (e) => e.position.toString(),
  },
}
