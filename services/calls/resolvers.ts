import { DateTime } from 'luxon'
import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { calendarFeedUrl, rotateCalendarFeed } from '../calendar/handlers.ts'
import { iso, utc } from '../checkins/view.ts'
import type { Context } from '../context.ts'
import { isMember } from '../shared/membership.ts'
import { callPlan, leastInconvenientSlots, sharedSlots, type CallSlot } from '../rules/callSlots.ts'
import { READERS, requireAnyScope, requireMember } from '../shared/actor.ts'
import { badField, notFound } from '../shared/errors.ts'
import { isUuid } from '../shared/ids.ts'
import { pageSize } from '../shared/paging.ts'
import { agendaOf } from './agenda.ts'
import {
  addAgendaItem,
  attendeesOf,
  cancelCall,
  recordCallOutcome,
  reorderAgenda,
  rescheduleCall,
  scheduleCall,
  tickAgendaItem,
} from './handlers.ts'
import { callCursor, callsOf, findCall, lastInconvenienced, type CallRow } from './queries.ts'

const MAX_SLOTS = 200

async function visible(ctx: Context, id: string) {
  return (await findCall(ctx.deps.db, ctx.actor, id)) ?? Promise.reject(notFound('call'))
}

/** The pair and both people's zones and hours, for a member of it. */
async function pairFor(ctx: Context, mentorshipId: string) {
  requireMember(ctx.actor)
  if (!isUuid(mentorshipId) || !(await isMember(ctx, mentorshipId))) throw notFound('mentorship')
  const pair = (await ctx.mentorship(mentorshipId))!
  const zone = (await ctx.person(pair.mentee_id))?.time_zone ?? 'UTC'
  return {
    pair,
    zone,
    ...(await attendeesOf(ctx.deps, { mentorId: pair.mentor_id, menteeId: pair.mentee_id })),
  }
}

function dateIn(zone: string, date: string, field: string) {
  const at = DateTime.fromISO(date, { zone })
  if (!at.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw badField(field, 'must be a date YYYY-MM-DD')
  if (at.year < 2000 || at.year > 2099) throw badField(field, 'must be a date in 2000–2099')
  return at.startOf('day')
}

function requireInt(value: number, field: string, min: number, max: number) {
  if (!Number.isInteger(value) || value < min || value > max)
    throw badField(field, `must be ${min} to ${max}`)
}

const slotOut = (s: CallSlot) => ({
  start: s.start.toUTC().toISO()!,
  end: s.end.toUTC().toISO()!,
  inconvenientFor: s.inconvenientFor,
})

export const callsResolvers: Resolvers = {
  Query: {
    async call(_, { id }, ctx) {
      requireAnyScope(ctx.actor, READERS)
      return findCall(ctx.deps.db, ctx.actor, id)
    },
    async callSlots(_, { mentorshipId, from, weeks, duration }, ctx) {
      requireInt(weeks, 'weeks', 1, 8)
      requireInt(duration, 'duration', 15, 240)
      if (duration % 15) throw badField('duration', 'must be a multiple of 15 minutes')
      const { zone, mentor, mentee } = await pairFor(ctx, mentorshipId)
      const start = dateIn(zone, from, 'from')
      const search = { mentor, mentee, from: start, to: start.plus({ weeks }), durationMinutes: duration }
      const shared = sharedSlots(search)
      return (shared.length ? shared : leastInconvenientSlots(search)).slice(0, MAX_SLOTS).map(slotOut)
    },
    async callPlan(_, { mentorshipId, from, count }, ctx) {
      requireInt(count, 'count', 1, 26)
      const { pair, zone, mentor, mentee } = await pairFor(ctx, mentorshipId)
      const start = dateIn(zone, from, 'from')
      const last = await lastInconvenienced(ctx.deps.db, pair.id, start.toUTC().toISO()!)
      return callPlan({
        mentor,
        mentee,
        from: start,
        count,
        durationMinutes: 30,
        lastInconvenienced: last,
      }).map(slotOut)
    },
    async calendarFeed(_, __, ctx) {
      return calendarFeedUrl(ctx.deps, ctx.actor)
    },
  },
  Mutation: {
    scheduleCall: async (_, { input }, ctx) => visible(ctx, await scheduleCall(ctx.deps, ctx.actor, input)),
    rescheduleCall: async (_, { input }, ctx) =>
      visible(ctx, await rescheduleCall(ctx.deps, ctx.actor, input)),
    cancelCall: async (_, { input }, ctx) => visible(ctx, await cancelCall(ctx.deps, ctx.actor, input)),
    recordCallOutcome: async (_, { input }, ctx) =>
      visible(ctx, await recordCallOutcome(ctx.deps, ctx.actor, input)),
    addAgendaItem: async (_, { input }, ctx) => visible(ctx, await addAgendaItem(ctx.deps, ctx.actor, input)),
    reorderAgenda: async (_, { input }, ctx) => visible(ctx, await reorderAgenda(ctx.deps, ctx.actor, input)),
    tickAgendaItem: async (_, { input }, ctx) =>
      visible(ctx, await tickAgendaItem(ctx.deps, ctx.actor, input)),
    rotateCalendarFeed: async (_, __, ctx) => rotateCalendarFeed(ctx.deps, ctx.actor),
  },
  Mentorship: {
    async calls(m, { first, after }, ctx) {
      const page = await callsOf(ctx.deps.db, m.id, pageSize(first), after ?? null)
      return {
        edges: page.rows.map((node) => ({ cursor: callCursor(node), node })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          endCursor: page.rows.length ? callCursor(page.rows.at(-1)!) : null,
        },
      }
    },
    async proposedCall(m, _, ctx) {
      if (!(await isMember(ctx, m.id))) return null
      const due = await ctx.deps.db
        .selectFrom('event_feed')
        .select(['data'])
        .where('mentorship_id', '=', m.id)
        .where('type', '=', 'CallDue')
        .orderBy('position', 'desc')
        .limit(1)
        .executeTakeFirst()
      if (!due) return null
      const { zone, mentor, mentee } = await pairFor(ctx, m.id)
      const fortnight = DateTime.fromISO((due.data as { dueOn: string }).dueOn, { zone })
      const scheduled = await ctx.deps.db
        .selectFrom('calls')
        .select('id')
        .where('mentorship_id', '=', m.id)
        .where('status', '!=', 'CANCELLED')
        .where('start_at', '>=', fortnight.toUTC().toISO()!)
        .where('start_at', '<', fortnight.plus({ days: 14 }).toUTC().toISO()!)
        .executeTakeFirst()
      if (scheduled) return null
      // Never a time already past: from now, when the fortnight began earlier.
      const from = DateTime.max(fortnight, ctx.deps.clock.now().setZone(zone))
      const last = await lastInconvenienced(ctx.deps.db, m.id, from.toUTC().toISO()!)
      const [slot] = callPlan({
        mentor,
        mentee,
        from,
        count: 1,
        durationMinutes: 30,
        lastInconvenienced: last,
      })
      return slot ? slotOut(slot) : null
    },
  },
  Call: {
    mentorship: async (c, _, ctx) =>
      (await ctx.mentorship(c.mentorship_id)) ?? Promise.reject(notFound('mentorship')),
    start: (c) => iso(c.start_at),
    end: (c) => iso(c.end_at),
    durationMinutes: (c) => Math.round((Date.parse(iso(c.end_at)) - Date.parse(iso(c.start_at))) / 60_000),
    async startLocal(c, _, ctx) {
      const m = (await ctx.mentorship(c.mentorship_id))!
      const [mentor, mentee] = await Promise.all([ctx.person(m.mentor_id), ctx.person(m.mentee_id)])
      const at = utc(c.start_at)
      return {
        mentor: at.setZone(mentor?.time_zone ?? 'UTC').toISO()!,
        mentee: at.setZone(mentee?.time_zone ?? 'UTC').toISO()!,
      }
    },
    joinUrl: async (c, _, ctx) => ((await isMember(ctx, c.mentorship_id)) ? c.join_url : null),
    notes: async (c, _, ctx) => ((await isMember(ctx, c.mentorship_id)) ? c.notes : null),
    skippedBy: (c) => c.skipped_by,
    inconvenientFor: (c) => c.inconvenient_for,
    agenda: (c: CallRow, _, ctx) => agendaOf(ctx.deps.db, c),
  },
  AgendaItem: {
    text: async (item, _, ctx) => ((await isMember(ctx, item.mentorshipId)) ? item.text : null),
  },
}
