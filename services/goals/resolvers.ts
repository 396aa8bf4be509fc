import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { iso } from '../checkins/view.ts'
import { isMember } from '../shared/membership.ts'
import { goalMarkdown } from '../rules/goals.ts'
import { READERS, requireAnyScope } from '../shared/actor.ts'
import { notFound } from '../shared/errors.ts'
import { pageSize } from '../shared/paging.ts'
import { createGoalSet, recordReview, updateGoal } from './handlers.ts'
import {
  findGoalSet,
  goalSetsOf,
  mentorshipOfGoal,
  reviewChangesOf,
  reviewsOf,
  type GoalRow,
} from './queries.ts'

export const goalsResolvers: Resolvers = {
  Query: {
    async goalSet(_, { id }, ctx) {
      requireAnyScope(ctx.actor, READERS)
      const set = await findGoalSet(ctx.deps.db, id)
      // Goals are the pair's text through and through: outside the pair the set does not exist.
      return set && (await isMember(ctx, set.mentorship_id)) ? set : null
    },
  },
  Mutation: {
    async createGoalSet(_, { input }, ctx) {
      const id = await createGoalSet(ctx.deps, ctx.actor, input)
      return (await findGoalSet(ctx.deps.db, id)) ?? Promise.reject(notFound('goal_set'))
    },
    async updateGoal(_, { input }, ctx) {
      const id = await updateGoal(ctx.deps, ctx.actor, input, (goalId) =>
        mentorshipOfGoal(ctx.deps.db, goalId),
      )
      const goal = await ctx.deps.db.selectFrom('goals').selectAll().where('id', '=', id).executeTakeFirst()
      return (goal as GoalRow | undefined) ?? Promise.reject(notFound('goal'))
    },
    async recordReview(_, { input }, ctx) {
      const id = await recordReview(ctx.deps, ctx.actor, input)
      const review = await ctx.deps.db
        .selectFrom('reviews')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
      return (review as never) ?? Promise.reject(notFound('review'))
    },
  },
  Mentorship: {
    goalSets: async (m, _, ctx) => ((await isMember(ctx, m.id)) ? goalSetsOf(ctx.deps.db, m.id) : []),
    reviews: async (m, { first }, ctx) => reviewsOf(ctx.deps.db, m.id, pageSize(first)),
  },
  GoalSet: {
    mentorship: async (s, _, ctx) =>
      (await ctx.mentorship(s.mentorship_id)) ?? Promise.reject(notFound('mentorship')),
    goals: async (s, _, ctx) => (await ctx.goals(s.id)) ?? [],
    async progress(s, _, ctx) {
      const goals = (await ctx.goals(s.id)) ?? []
      return { done: goals.filter((g) => g.done).length, total: goals.length }
    },
    async markdown(s, _, ctx) {
      if (!(await isMember(ctx, s.mentorship_id))) return null
      const goals = (await ctx.goals(s.id)) ?? []
      return goalMarkdown(
        s.period,
        goals.map((g) => ({ category: g.category, text: g.text, done: g.done, readyWhen: g.ready_when })),
      )
    },
  },
  Goal: {
    text: async (g, _, ctx) => ((await isMember(ctx, g.mentorship_id)) ? g.text : null),
    evidenceUrl: async (g, _, ctx) => ((await isMember(ctx, g.mentorship_id)) ? g.evidence_url : null),
    readyWhen: async (g, _, ctx) => ((await isMember(ctx, g.mentorship_id)) ? g.ready_when : null),
  },
  Review: {
    summary: async (r, _, ctx) => ((await isMember(ctx, r.mentorship_id)) ? r.summary : null),
    async changes(r, _, ctx) {
      const member = await isMember(ctx, r.mentorship_id)
      return (await reviewChangesOf(ctx.deps.db, r.id)).map((c) => ({
        goalId: c.goal_id as string,
        change: c.change as never,
        newText: member ? (c.new_text as string | null) : null,
      }))
    },
    at: (r) => iso(r.at),
  },
}
