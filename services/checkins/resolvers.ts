import type { Resolvers } from '../../schema/generated/resolvers.ts'
import type { Context } from '../context.ts'
import { isMember } from '../shared/membership.ts'
import { renderedMarkdown } from '../markdown/render.ts'
import { parseCheckIn, renderCheckIn } from '../rules/template.ts'
import { READERS, requireAnyScope } from '../shared/actor.ts'
import { notFound } from '../shared/errors.ts'
import { memoized } from '../shared/memo.ts'
import { editCheckIn, replyToCheckIn, submitCheckIn } from './handlers.ts'
import { findCheckIn } from './queries.ts'
import { checkInsPage } from './weeks.ts'
import { pageSize } from '../shared/paging.ts'
import { checkInView, iso, utc, type CheckInView } from './view.ts'

async function textOf(ctx: Context, view: CheckInView) {
  if (!view.row || !(await isMember(ctx, view.mentorship.id))) return null
  return view.row.markdown ?? (await ctx.checkInText(view.row.id)) ?? null
}

// Parsing and rendering are the costly part of reading a check-in, and pure functions of the text.
const parsedCheckIn = memoized(parseCheckIn)
const rendered = renderedMarkdown

async function loadView(ctx: Context, id: string) {
  const found = await findCheckIn(ctx.deps.db, ctx.actor, id)
  if (!found) return null
  const zone = (await ctx.person(found.mentorship.mentee_id))?.time_zone ?? 'UTC'
  const recordedDue = found.dueAt ? utc(found.dueAt) : undefined
  return checkInView(found.mentorship, zone, found.weekOf, found.row, ctx.deps.clock.now(), recordedDue)
}

export const checkInsResolvers: Resolvers = {
  Query: {
    async checkIn(_, { id }, ctx) {
      requireAnyScope(ctx.actor, READERS)
      return loadView(ctx, id)
    },
  },
  Mutation: {
    async submitCheckIn(_, { input }, ctx) {
      const id = await submitCheckIn(ctx.deps, ctx.actor, input)
      return (await loadView(ctx, id)) ?? Promise.reject(notFound('check_in'))
    },
    async editCheckIn(_, { input }, ctx) {
      const id = await editCheckIn(ctx.deps, ctx.actor, input)
      return (await loadView(ctx, id)) ?? Promise.reject(notFound('check_in'))
    },
    async replyToCheckIn(_, { input }, ctx) {
      const replyId = await replyToCheckIn(ctx.deps, ctx.actor, input)
      const reply = (await ctx.replies(input.checkInId))?.find((r) => r.id === replyId)
      return reply ?? Promise.reject(notFound('reply'))
    },
  },
  CheckIn: {
    mentorship: (view) => view.mentorship,
    dueAt: (view) => view.dueAt.toISO()!,
    late: (view) => view.row?.late ?? false,
    submittedAt: (view) => (view.row ? iso(view.row.submitted_at) : null),
    editedAt: (view) => (view.row?.edited_at ? iso(view.row.edited_at) : null),
    replyDueAt: (view) => (view.row ? iso(view.row.reply_deadline) : null),
    markdown: (view, _, ctx) => textOf(ctx, view),
    async html(view, _, ctx) {
      const text = await textOf(ctx, view)
      return text === null ? null : rendered(text)
    },
    async sections(view, _, ctx) {
      const text = await textOf(ctx, view)
      return text === null ? null : parsedCheckIn(text).sections
    },
    async warnings(view, _, ctx) {
      const text = await textOf(ctx, view)
      return text === null ? [] : parsedCheckIn(text).warnings
    },
    async templateMarkdown(view, _, ctx) {
      const text = await textOf(ctx, view)
      return text === null ? null : renderCheckIn(view.weekOf, parsedCheckIn(text).sections)
    },
    async revisions(view, _, ctx) {
      return view.row ? ((await ctx.revisions(view.row.id)) ?? []) : []
    },
    async replies(view, _, ctx) {
      return view.row ? ((await ctx.replies(view.row.id)) ?? []) : []
    },
  },
  Mentorship: {
    async checkIns(m, { first, after }, ctx) {
      const zone = (await ctx.person(m.mentee_id))?.time_zone ?? 'UTC'
      return checkInsPage(ctx, m, zone, pageSize(first), after ?? null)
    },
  },
  CheckInRevision: {
    at: (revision) => iso(revision.at),
    markdown: async (revision, _, ctx) =>
      (await isMember(ctx, revision.mentorship_id)) ? revision.markdown : null,
  },
  Reply: {
    author: async (reply, _, ctx) =>
      (await ctx.person(reply.author_id)) ?? Promise.reject(notFound('person')),
    markdown: async (reply, _, ctx) => ((await isMember(ctx, reply.mentorship_id)) ? reply.markdown : null),
    html: async (reply, _, ctx) =>
      (await isMember(ctx, reply.mentorship_id)) ? rendered(reply.markdown) : null,
    at: (reply) => iso(reply.at),
    dueAt: (reply) => iso(reply.deadline),
    onTime: (reply) => reply.on_time,
  },
}
