import { DateTime } from 'luxon'
import type { Context } from '../context.ts'
import type { MentorshipRow } from '../mentorships/queries.ts'
import { weekOf, weeksBetween } from '../rules/week.ts'
import { badField } from '../shared/errors.ts'
import { checkInsForWeeks } from './queries.ts'
import { checkInView } from './view.ts'

/**
 * A mentorship's weeks, newest first: every week from the start through the current one (or the
 * week it ended), with its check-in when one was submitted. The cursor is the week's Monday.
 */
export async function checkInsPage(
  ctx: Context,
  m: MentorshipRow,
  zone: string,
  first: number,
  after: string | null,
) {
  if (after !== null && !/^\d{4}-\d{2}-\d{2}$/.test(after))
    throw badField('after', 'is not a cursor from this list')
  const now = ctx.deps.clock.now()
  const until = m.ended_at ? DateTime.fromJSDate(new Date(m.ended_at)) : now
  const startWeek = weekOf(DateTime.fromISO(m.started_on, { zone }), zone)
  const lastWeek = weekOf(until, zone)
  const weeks = lastWeek < startWeek ? [] : weeksBetween(startWeek, lastWeek).reverse()
  const remaining = after === null ? weeks : weeks.filter((w) => w < after)
  const page = remaining.slice(0, first)
  const rows = await checkInsForWeeks(ctx.deps.db, m.id, page)
  return {
    edges: page.map((week) => ({
      cursor: week,
      node: checkInView(m, zone, week, rows.get(week) ?? null, now),
    })),
    pageInfo: { hasNextPage: remaining.length > first, endCursor: page.at(-1) ?? null },
  }
}
