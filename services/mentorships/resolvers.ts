import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { DateTime } from 'luxon'
import { nextReviewAfter } from '../rules/reviews.ts'
import { weekOf } from '../rules/week.ts'
import { READERS, requireAnyScope } from '../shared/actor.ts'
import { notFound } from '../shared/errors.ts'
import type { Context } from '../context.ts'
import {
  pauseMentorship,
  respondToPhaseProposal,
  resumeMentorship,
  startMentorship,
  transitionMentorship,
  updateMentorship,
} from './handlers.ts'
import { findMentorship, listMentorships, mentorshipCursor } from './queries.ts'
import { pageSize } from '../shared/paging.ts'

async function visible({ deps, actor }: Context, id: string) {
  return (await findMentorship(deps.db, actor, id)) ?? Promise.reject(notFound('mentorship'))
}

async function menteeZone(ctx: Context, menteeId: string) {
  return (await ctx.person(menteeId))?.time_zone ?? 'UTC'
}

export const mentorshipsResolvers: Resolvers = {
  Query: {
    async mentorships(_, { first, after }, { deps, actor }) {
      requireAnyScope(actor, READERS)
      const page = await listMentorships(deps.db, actor, pageSize(first), after ?? null)
      return {
        edges: page.rows.map((node) => ({ cursor: mentorshipCursor(node), node })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          endCursor: page.rows.length ? mentorshipCursor(page.rows.at(-1)!) : null,
        },
        totalCount: page.totalCount,
      }
    },
    async mentorship(_, { id }, { deps, actor }) {
      requireAnyScope(actor, READERS)
      return findMentorship(deps.db, actor, id)
    },
  },
  Mutation: {
    startMentorship: async (_, { input }, ctx) =>
      visible(ctx, await startMentorship(ctx.deps, ctx.actor, input)),
    updateMentorship: async (_, { input }, ctx) =>
      visible(ctx, await updateMentorship(ctx.deps, ctx.actor, input)),
    pauseMentorship: async (_, { input }, ctx) =>
      visible(ctx, await pauseMentorship(ctx.deps, ctx.actor, input)),
    resumeMentorship: async (_, { input }, ctx) =>
      visible(ctx, await resumeMentorship(ctx.deps, ctx.actor, input)),
    transitionMentorship: async (_, { input }, ctx) =>
      visible(ctx, await transitionMentorship(ctx.deps, ctx.actor, input)),
    respondToPhaseProposal: async (_, { input }, ctx) =>
      visible(ctx, await respondToPhaseProposal(ctx.deps, ctx.actor, input)),
  },
  Mentorship: {
    mentor: async (m, _, ctx) => (await ctx.person(m.mentor_id)) ?? Promise.reject(notFound('person')),
    mentee: async (m, _, ctx) => (await ctx.person(m.mentee_id)) ?? Promise.reject(notFound('person')),
    startedOn: (m) => m.started_on,
    checkInWeekday: (m) => m.check_in_weekday,
    responseWindowHours: (m) => m.response_window_hours,
    responseClock: (m) => m.response_clock,
    blockingWindowHours: (m) => m.blocking_window_hours,
    pausedUntil: (m) => m.paused_until,
    phaseProposal: (m) =>
      m.proposal_to && m.proposal_since
        ? { to: m.proposal_to as never, since: new Date(m.proposal_since).toISOString() }
        : null,
    async nextReviewOn(m, _, ctx) {
      if (m.phase !== 'WEEKLY' && m.phase !== 'MONTHLY') return null
      const today = ctx.deps.clock
        .now()
        .setZone(await menteeZone(ctx, m.mentee_id))
        .toISODate()!
      const last = await ctx.lastReview(m.id)
      const zone = await menteeZone(ctx, m.mentee_id)
      const lastOn = last ? DateTime.fromJSDate(new Date(last)).setZone(zone).toISODate()! : null
      return nextReviewAfter(m.started_on, today, lastOn)
    },
    async currentWeekOf(m, _, ctx) {
      if (m.phase !== 'WEEKLY' || m.paused) return null
      return weekOf(ctx.deps.clock.now(), await menteeZone(ctx, m.mentee_id))
    },
  },
}
