import { sql } from 'kysely'
import type { Context } from '../context.ts'
import type { MentorshipRow } from '../mentorships/queries.ts'
import { parseWeekCursor } from './cursor.ts'
import { checkInsForWeeks } from './queries.ts'
import { checkInView, utc } from './view.ts'

/**
 * A mentorship's weeks, newest first: every week the lifecycle put a check-in due, and every
 * week with a check-in. Weeks on leave or outside the weekly and monthly cadence never fell due,
 * so they are not listed; a due week keeps the due time it had then. The cursor is the Monday.
 */
export async function checkInsPage(
  ctx: Context,
  m: MentorshipRow,
  zone: string,
  first: number,
  after: string | null,
) {
  after = parseWeekCursor(after)
  const db = ctx.deps.db
  const { rows } = await sql<{ week_of: string; due_at: Date | null }>`
    select week_of, max(due_at) as due_at from (
      select week_of, due_at from check_in_dues where mentorship_id = ${m.id}
      union all
      select week_of, null as due_at from check_ins where mentorship_id = ${m.id}
    ) weeks
    where ${after === null ? sql`true` : sql`week_of < ${after}`}
    group by week_of order by week_of desc limit ${first + 1}`.execute(db)
  const page = rows.slice(0, first)
  const checkIns = await checkInsForWeeks(
    db,
    m.id,
    page.map((r) => r.week_of),
  )
  const now = ctx.deps.clock.now()
  return {
    edges: page.map(({ week_of, due_at }) => ({
      cursor: week_of,
      node: checkInView(
        m,
        zone,
        week_of,
        checkIns.get(week_of) ?? null,
        now,
        due_at ? utc(due_at) : undefined,
      ),
    })),
    pageInfo: { hasNextPage: rows.length > first, endCursor: page.at(-1)?.week_of ?? null },
  }
}
