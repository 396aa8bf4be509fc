import type { Kysely } from 'kysely'
import { DateTime } from 'luxon'
import { feedbackHints } from '../rules/feedback.ts'
import type { WeekFacts } from '../rules/health.ts'
import { addDays, weekOf } from '../rules/week.ts'
import { isWithinWorkingHours, type WorkingWeek } from '../rules/workingHours.ts'

/** Weeks of facts the signals look at: the longest rule needs four, the rest ride along. */
export const WEEKS = 8

const hoursBetween = (from: Date | string, to: Date | string) =>
  (new Date(to).getTime() - new Date(from).getTime()) / 3_600_000

/**
 * A pair's last WEEKS weeks as the health rules read them, from the read models: each week of the
 * mentee's calendar with its check-in's fate, reply times, replies' feedback, questions with
 * context, calls, and how much was written outside the writer's own hours.
 */
export async function weeklyFacts(
  db: Kysely<any>,
  mentorshipId: string,
  now: DateTime,
): Promise<WeekFacts[]> {
  const pair = await db
    .selectFrom('mentorships as m')
    .innerJoin('people as mentor', 'mentor.id', 'm.mentor_id')
    .innerJoin('people as mentee', 'mentee.id', 'm.mentee_id')
    .select([
      'm.mentor_id',
      'm.mentee_id',
      'm.response_window_hours',
      'mentor.time_zone as mentor_zone',
      'mentor.working_hours as mentor_hours',
      'mentee.time_zone as mentee_zone',
      'mentee.working_hours as mentee_hours',
    ])
    .where('m.id', '=', mentorshipId)
    .executeTakeFirst()
  if (!pair) return []
  const zone = pair.mentee_zone as string
  const last = weekOf(now, zone)
  const first = addDays(last, -7 * (WEEKS - 1))
  const since = DateTime.fromISO(first, { zone }).toUTC().toISO()!
  const weekOfAt = (at: Date | string) => weekOf(DateTime.fromJSDate(new Date(at)), zone)
  const writers = new Map<string, { zone: string; hours: WorkingWeek }>([
    [pair.mentor_id as string, { zone: pair.mentor_zone as string, hours: pair.mentor_hours as WorkingWeek }],
    [pair.mentee_id as string, { zone, hours: pair.mentee_hours as WorkingWeek }],
  ])

  const [dues, checkIns, replies, questions, answers, calls] = await Promise.all([
    db
      .selectFrom('check_in_dues')
      .select(['week_of', 'missed'])
      .where('mentorship_id', '=', mentorshipId)
      .where('week_of', '>=', first)
      .execute(),
    db
      .selectFrom('check_ins')
      .select(['id', 'week_of', 'late', 'submitted_at', 'first_reply_at'])
      .where('mentorship_id', '=', mentorshipId)
      .where('week_of', '>=', first)
      .execute(),
    db
      .selectFrom('check_in_replies')
      .select(['check_in_id', 'author_id', 'markdown', 'at'])
      .where('mentorship_id', '=', mentorshipId)
      .where('at', '>=', since)
      .execute(),
    db
      .selectFrom('questions')
      .select(['asked_by', 'asked_at', 'answered_at', 'goal'])
      .where('mentorship_id', '=', mentorshipId)
      .where('asked_at', '>=', since)
      .execute(),
    db
      .selectFrom('question_answers')
      .select(['author_id', 'at'])
      .where('mentorship_id', '=', mentorshipId)
      .where('at', '>=', since)
      .execute(),
    db
      .selectFrom('calls')
      .select(['start_at', 'status'])
      .where('mentorship_id', '=', mentorshipId)
      .where('start_at', '>=', since)
      .where('status', 'in', ['HELD', 'SKIPPED'])
      .orderBy('start_at')
      .execute(),
  ])

  const weeks = new Map<string, WeekFacts>()
  for (let week = first; week <= last; week = addDays(week, 7))
    weeks.set(week, {
      weekOf: week,
      checkIn: 'NOT_DUE',
      replyHours: [],
      windowHours: pair.response_window_hours as number,
      repliesWithHints: 0,
      replies: 0,
      questionsWithContext: 0,
      calls: [],
      messagesOutsideHours: 0,
      messages: 0,
    })
  const inWeek = (week: string) => weeks.get(week)
  for (const due of dues) {
    const w = inWeek(due.week_of as string)
    if (w && due.missed) w.checkIn = 'MISSED'
  }
  const wrote = (authorId: string, at: Date | string) => {
    const w = inWeek(weekOfAt(at))
    const writer = writers.get(authorId)
    if (!w || !writer) return
    w.messages++
    if (!isWithinWorkingHours(DateTime.fromJSDate(new Date(at)), writer.hours, writer.zone))
      w.messagesOutsideHours++
  }
  const checkInWeek = new Map<string, string>()
  for (const c of checkIns) {
    const w = inWeek(c.week_of as string)
    checkInWeek.set(c.id as string, c.week_of as string)
    wrote(pair.mentee_id as string, c.submitted_at)
    if (!w) continue
    w.checkIn = c.late ? 'LATE' : 'ON_TIME'
    if (c.first_reply_at) w.replyHours.push(hoursBetween(c.submitted_at, c.first_reply_at))
  }
  for (const r of replies) {
    wrote(r.author_id as string, r.at)
    const w = inWeek(checkInWeek.get(r.check_in_id as string) ?? weekOfAt(r.at))
    if (!w) continue
    w.replies++
    if (feedbackHints(r.markdown as string).length > 0) w.repliesWithHints++
  }
  for (const q of questions) {
    wrote(q.asked_by as string, q.asked_at)
    const w = inWeek(weekOfAt(q.asked_at))
    if (!w) continue
    if (q.goal) w.questionsWithContext++
    if (q.answered_at) w.replyHours.push(hoursBetween(q.asked_at, q.answered_at))
  }
  for (const a of answers) wrote(a.author_id as string, a.at)
  for (const call of calls) inWeek(weekOfAt(call.start_at))?.calls.push(call.status as 'HELD' | 'SKIPPED')
  return [...weeks.values()]
}
