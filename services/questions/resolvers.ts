import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { checkInView, iso, utc } from '../checkins/view.ts'
import { findCheckIn } from '../checkins/queries.ts'
import type { Context } from '../context.ts'
import { isMember } from '../shared/membership.ts'
import { renderedMarkdown } from '../markdown/render.ts'
import { READERS, requireAnyScope, requireMember } from '../shared/actor.ts'
import { notFound } from '../shared/errors.ts'
import { pageSize } from '../shared/paging.ts'
import {
  answerQuestion,
  askQuestion,
  escalateQuestion,
  flagForCall,
  reclassifyQuestion,
  resolveQuestion,
  trackCheckInQuestions,
} from './handlers.ts'
import { findQuestion, queueCursor, questionQueue, type QuestionRow } from './queries.ts'

/** The question as the caller may now see it: writers are members, so it is always visible. */
async function visible(ctx: Context, id: string) {
  return (await findQuestion(ctx.deps.db, ctx.actor, id)) ?? Promise.reject(notFound('question'))
}

const text = async <T>(ctx: Context, q: QuestionRow, value: T) =>
  (await isMember(ctx, q.mentorship_id)) ? value : null

async function mentorshipOf(ctx: Context, q: QuestionRow) {
  return (await ctx.mentorship(q.mentorship_id)) ?? Promise.reject(notFound('mentorship'))
}

export const questionsResolvers: Resolvers = {
  Query: {
    async question(_, { id }, ctx) {
      requireAnyScope(ctx.actor, READERS)
      return findQuestion(ctx.deps.db, ctx.actor, id)
    },
    async questionQueue(_, { first, after }, ctx) {
      const personId = requireMember(ctx.actor)
      const page = await questionQueue(ctx.deps.db, personId, pageSize(first), after ?? null)
      return {
        edges: page.rows.map((node) => ({ cursor: queueCursor(node), node })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          endCursor: page.rows.length ? queueCursor(page.rows.at(-1)!) : null,
        },
      }
    },
  },
  Mutation: {
    askQuestion: async (_, { input }, ctx) => visible(ctx, await askQuestion(ctx.deps, ctx.actor, input)),
    answerQuestion: async (_, { input }, ctx) =>
      visible(ctx, await answerQuestion(ctx.deps, ctx.actor, input)),
    resolveQuestion: async (_, { input }, ctx) =>
      visible(ctx, await resolveQuestion(ctx.deps, ctx.actor, input)),
    reclassifyQuestion: async (_, { input }, ctx) =>
      visible(ctx, await reclassifyQuestion(ctx.deps, ctx.actor, input)),
    escalateQuestion: async (_, { input }, ctx) =>
      visible(ctx, await escalateQuestion(ctx.deps, ctx.actor, input)),
    flagForCall: async (_, { input }, ctx) => visible(ctx, await flagForCall(ctx.deps, ctx.actor, input)),
    async trackCheckInQuestions(_, { input }, ctx) {
      const ids = await trackCheckInQuestions(ctx.deps, ctx.actor, input)
      return Promise.all(ids.map((id) => visible(ctx, id)))
    },
  },
  Question: {
    mentorship: (q, _, ctx) => mentorshipOf(ctx, q),
    askedBy: async (q, _, ctx) => (await ctx.person(q.asked_by)) ?? Promise.reject(notFound('person')),
    responder: async (q, _, ctx) => (await ctx.person(q.responder_id)) ?? Promise.reject(notFound('person')),
    title: (q, _, ctx) => text(ctx, q, q.title),
    body: (q, _, ctx) => text(ctx, q, q.body),
    context: (q, _, ctx) =>
      text(ctx, q, { goal: q.goal, tried: q.tried, errors: q.errors, hypothesis: q.hypothesis }),
    askedAt: (q) => iso(q.asked_at),
    dueAt: (q) => (q.due_at ? iso(q.due_at) : null),
    async dueAtLocal(q, _, ctx) {
      if (!q.due_at) return null
      const m = await mentorshipOf(ctx, q)
      const [mentor, mentee] = await Promise.all([ctx.person(m.mentor_id), ctx.person(m.mentee_id)])
      const at = utc(q.due_at)
      const on = (zone: string | undefined) => at.setZone(zone ?? 'UTC').toISO()!
      return { mentor: on(mentor?.time_zone), mentee: on(mentee?.time_zone) }
    },
    answeredAt: (q) => (q.answered_at ? iso(q.answered_at) : null),
    withinWindow(q, _, ctx) {
      if (q.within_window !== null) return q.within_window
      // Unanswered: late once the deadline has passed, undecided before.
      const passed = q.due_at !== null && utc(q.due_at) < ctx.deps.clock.now()
      return q.status === 'OPEN' && passed ? false : null
    },
    flaggedForCall: (q) => q.flagged_for_call,
    async checkIn(q, _, ctx) {
      if (!q.check_in_id) return null
      const found = await findCheckIn(ctx.deps.db, ctx.actor, q.check_in_id)
      if (!found) return null
      const zone = (await ctx.person(found.mentorship.mentee_id))?.time_zone ?? 'UTC'
      const due = found.dueAt ? utc(found.dueAt) : undefined
      return checkInView(found.mentorship, zone, found.weekOf, found.row, ctx.deps.clock.now(), due)
    },
    answers: async (q, _, ctx) => (await ctx.answers(q.id)) ?? [],
    changes: async (q, _, ctx) => (await ctx.questionChanges(q.id)) ?? [],
  },
  Answer: {
    author: async (a, _, ctx) => (await ctx.person(a.author_id)) ?? Promise.reject(notFound('person')),
    body: async (a, _, ctx) => ((await isMember(ctx, a.mentorship_id)) ? a.body : null),
    html: async (a, _, ctx) => ((await isMember(ctx, a.mentorship_id)) ? renderedMarkdown(a.body) : null),
    at: (a) => iso(a.at),
  },
  QuestionChange: {
    from: (c) => c.from_urgency as never,
    to: (c) => c.to_urgency as never,
    dueAt: (c) => (c.due_at ? iso(c.due_at) : null),
    at: (c) => iso(c.at),
  },
}
