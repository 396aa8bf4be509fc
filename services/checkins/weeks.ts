import { sql, type Kysely } from 'kysely'
import type { Context } from '../context.ts'
import type { MentorshipRow } from '../mentorships/queries.ts'
import { parseWeekCursor } from './cursor.ts'
import type { CheckInRow, WeekRow } from './queries.ts'
import { checkInIdFor, checkInView, utc } from './view.ts'

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
  const rows = (await ctx.weeks(weekPageKey(m.id, after, first + 1))) ?? []
  const page = rows.slice(0, first)
  const checkIns = await Promise.all(page.map((r) => ctx.checkIn(checkInIdFor(m.id, r.week_of))))
  const now = ctx.deps.clock.now()
  return {
    edges: page.map(({ week_of, due_at }, i) => ({
      cursor: week_of,
      node: checkInView(m, zone, week_of, checkIns[i] ?? null, now, due_at ? utc(due_at) : undefined),
    })),
    pageInfo: { hasNextPage: rows.length > first, endCursor: page.at(-1)?.week_of ?? null },
  }
}

/** A page of one mentorship's weeks, as a key several pages of one request are loaded by. */
export const weekPageKey = (mentorshipId: string, after: string | null, limit: number) =>
  JSON.stringify([mentorshipId, after, limit])

/** Pages of weeks for many mentorships: one query per distinct (after, limit), the usual one. */
export async function weekPages(db: Kysely<any>, keys: readonly string[]) {
  const pages = new Map<string, WeekRow[]>(keys.map((key) => [key, []]))
  const groups = new Map<string, string[]>()
  for (const key of keys) {
    const [mentorshipId, after, limit] = JSON.parse(key) as [string, string | null, number]
    const group = JSON.stringify([after, limit])
    groups.set(group, [...(groups.get(group) ?? []), mentorshipId])
  }
  for (const [group, ids] of groups) {
    const [after, limit] = JSON.parse(group) as [string | null, number]
    const before = after === null ? sql`true` : sql`week_of < ${after}`
    const { rows } = await sql<WeekRow & { mentorship_id: string }>`
      select m.id as mentorship_id, w.week_of, w.due_at
      from (values ${sql.join(ids.map((id) => sql`(${id}::uuid)`))}) as m(id)
      cross join lateral (
        select week_of, max(due_at) as due_at from (
          -- Each side's newest weeks suffice: the page is the newest of their union.
          (select week_of, due_at from check_in_dues
            where mentorship_id = m.id and ${before} order by week_of desc limit ${limit})
          union all
          (select week_of, null as due_at from check_ins
            where mentorship_id = m.id and ${before} order by week_of desc limit ${limit})
        ) weeks
        group by week_of order by week_of desc limit ${limit}
      ) w
      order by m.id, w.week_of desc`.execute(db)
    for (const { mentorship_id, ...week } of rows)
      pages.get(weekPageKey(mentorship_id, after, limit))?.push(week)
  }
  return pages
}

export async function checkInsByIds(db: Kysely<any>, ids: readonly string[]) {
  const rows = (await db
    .selectFrom('check_ins')
    .select(LISTED_COLUMNS)
    .where('id', 'in', [...ids])
    .execute()) as CheckInRow[]
  return new Map(rows.map((row) => [row.id, row]))
}

/** A check-in's columns but its text: a page of 50 mentorships' weeks would carry a megabyte. */
const LISTED_COLUMNS = [
  'id',
  'mentorship_id',
  'week_of',
  'submitted_at',
  'due_end',
  'late',
  'edited_at',
  'edit_count',
  'reply_deadline',
  'first_reply_at',
] as const satisfies ReadonlyArray<keyof CheckInRow>

/** The text of check-ins by id, for the fields that show it. */
export async function checkInTexts(db: Kysely<any>, ids: readonly string[]) {
  const rows = await db
    .selectFrom('check_ins')
    .select(['id', 'markdown'])
    .where('id', 'in', [...ids])
    .execute()
  return new Map(rows.map((row) => [row.id as string, row.markdown as string]))
}

/** Weeks with a check-in since `since`, for many mentorships. */
export async function submittedWeeksSince(db: Kysely<any>, mentorshipIds: readonly string[], since: string) {
  const weeks = new Map<string, string[]>(mentorshipIds.map((id) => [id, []]))
  const rows = await db
    .selectFrom('check_ins')
    .select(['mentorship_id', 'week_of'])
    .where('mentorship_id', 'in', [...mentorshipIds])
    .where('week_of', '>=', since)
    .execute()
  for (const row of rows) weeks.get(row.mentorship_id)?.push(row.week_of)
  return weeks
}
