import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { epochDay, mondayOf } from '../rules/week.ts'
import { requireAnyScope } from '../shared/actor.ts'
import { badField } from '../shared/errors.ts'
import { isUuid } from '../shared/ids.ts'
import { exportPage, isExport, MAX_PROJECTION_ROWS } from './exports.ts'

const MAX_DAYS = 53 * 7

function date(field: string, value: string) {
  try {
    epochDay(value)
  } catch {
    throw badField(field, 'must be a date YYYY-MM-DD')
  }
  return value
}

export const metricsResolvers: Resolvers = {
  Query: {
    /** The file exports' pages as GraphQL: same tables, same cursors (docs/analytics.md). */
    async projection(_, { name, after, first }, ctx) {
      requireAnyScope(ctx.actor, ['admin', 'projections:read'])
      const table = name.toLowerCase()
      // services/metrics/exports.test.ts keeps the enum and EXPORTS in step; this guards a gap anyway.
      if (!isExport(table)) throw badField('name', 'is not an exported projection')
      const page = await exportPage(ctx.deps.db, table, after ?? null, first ?? 500, {
        limitField: 'first',
        maxRows: MAX_PROJECTION_ROWS,
      })
      return { columns: page.columns, rows: page.rows, nextAfter: page.next }
    },
    async programMetrics(_, { from, to, mentorshipId }, ctx) {
      requireAnyScope(ctx.actor, ['admin', 'projections:read'])
      const first = mondayOf(date('from', from))
      const last = date('to', to)
      if (epochDay(last) < epochDay(first)) throw badField('to', 'must not be before from')
      if (epochDay(last) - epochDay(first) > MAX_DAYS)
        throw badField('to', `at most ${MAX_DAYS / 7} weeks after from`)
      if (mentorshipId && !isUuid(mentorshipId)) throw badField('mentorshipId', 'must be a mentorship id')
      const rows = await ctx.deps.db
        .selectFrom('metrics_weekly')
        .selectAll()
        .where('week_of', '>=', first)
        .where('week_of', '<=', last)
        .$if(!!mentorshipId, (q) => q.where('mentorship_id', '=', mentorshipId!))
        .orderBy('week_of')
        .orderBy('mentorship_id')
        .execute()
      return rows.map((r) => ({
        mentorshipId: r.mentorship_id,
        weekOf: r.week_of,
        checkIn: r.check_in,
        firstReplyHours:
          r.first_reply_hours === null ? null : Math.round(Number(r.first_reply_hours) * 100) / 100,
        questions: {
          blocking: r.questions_blocking,
          thisWeek: r.questions_this_week,
          canWait: r.questions_can_wait,
          answeredWithinWindow: r.answered_within_window,
          answeredLate: r.answered_late,
        },
        goalsDone: r.goals_done,
        callsHeld: r.calls_held,
        callsSkipped: r.calls_skipped,
      }))
    },
  },
}
