import { DateTime } from 'luxon'
import type { Kysely } from 'kysely'
import { addDays } from '../rules/week.ts'
import { nextReviewAfter, REVIEW_EVERY_DAYS } from '../rules/reviews.ts'
import type { CalendarEntry } from './ics.ts'

/** How far back a feed reaches: calendars keep what they saw; the feed need not repeat history. */
const PAST_DAYS = 60
const REVIEWS_AHEAD = 3

export async function personBySecret(db: Kysely<any>, secret: string) {
  const row = await db
    .selectFrom('calendar_feeds as f')
    .innerJoin('people as p', 'p.id', 'f.person_id')
    .select(['p.id', 'p.name'])
    .where('f.secret', '=', secret)
    .executeTakeFirst()
  return row as { id: string; name: string } | undefined
}

const CALL_TITLES: Record<string, string> = {
  BIWEEKLY: 'Bi-weekly call',
  REVIEW: 'Goal review call',
  PAIRING: 'Pairing call',
  OFFICE_HOURS: 'Office hours',
}

/**
 * Everything dated a person has in the program: their pairs' calls (cancelled ones marked so),
 * the days their check-ins are due (as mentee), when their replies are due (as mentor), and the
 * next goal reviews. Each has a UID that never changes, so calendars update rather than duplicate.
 */
export async function calendarEntries(
  db: Kysely<any>,
  personId: string,
  now: DateTime,
): Promise<CalendarEntry[]> {
  const since = now.minus({ days: PAST_DAYS }).toUTC().toISO()!
  const pairs = await db
    .selectFrom('mentorships as m')
    .innerJoin('people as mentor', 'mentor.id', 'm.mentor_id')
    .innerJoin('people as mentee', 'mentee.id', 'm.mentee_id')
    .select([
      'm.id',
      'm.mentor_id',
      'm.mentee_id',
      'm.started_on',
      'm.phase',
      'mentor.name as mentor_name',
      'mentee.name as mentee_name',
      'mentee.time_zone as mentee_zone',
    ])
    .where((eb) => eb.or([eb('m.mentor_id', '=', personId), eb('m.mentee_id', '=', personId)]))
    .execute()
  const entries: CalendarEntry[] = []
  if (pairs.length === 0) return entries
  const byId = new Map(pairs.map((p) => [p.id as string, p]))
  const other = (p: (typeof pairs)[number]) => (p.mentor_id === personId ? p.mentee_name : p.mentor_name)

  const calls = await db
    .selectFrom('calls')
    .selectAll()
    .where('mentorship_id', 'in', [...byId.keys()])
    .where('end_at', '>=', since)
    .orderBy('start_at')
    .execute()
  for (const call of calls) {
    const pair = byId.get(call.mentorship_id)!
    entries.push({
      uid: `call-${call.id}@trellis`,
      summary: `${CALL_TITLES[call.kind] ?? 'Call'} with ${other(pair)}`,
      description: `Join: ${call.join_url}`,
      url: call.join_url,
      sequence: call.sequence,
      cancelled: call.status === 'CANCELLED',
      when: {
        start: DateTime.fromJSDate(new Date(call.start_at)),
        end: DateTime.fromJSDate(new Date(call.end_at)),
      },
    })
  }

  const mine = pairs.filter((p) => p.mentee_id === personId).map((p) => p.id as string)
  if (mine.length) {
    const dues = await db
      .selectFrom('check_in_dues')
      .select(['mentorship_id', 'week_of', 'due_at'])
      .where('mentorship_id', 'in', mine)
      .where('due_at', '>=', since)
      .orderBy('due_at')
      .execute()
    for (const due of dues) {
      const pair = byId.get(due.mentorship_id)!
      entries.push({
        uid: `checkin-due-${due.mentorship_id}-${due.week_of}@trellis`,
        summary: `Check-in due (week of ${due.week_of}) for ${pair.mentor_name}`,
        sequence: 0,
        cancelled: false,
        // due_at ends the due day: the day is the one its last millisecond falls in.
        when: {
          day: DateTime.fromJSDate(new Date(due.due_at))
            .minus({ milliseconds: 1 })
            .setZone(pair.mentee_zone)
            .toISODate()!,
        },
      })
    }
  }

  const mentoring = pairs.filter((p) => p.mentor_id === personId).map((p) => p.id as string)
  if (mentoring.length) {
    const waiting = await db
      .selectFrom('check_ins')
      .select(['id', 'mentorship_id', 'week_of', 'reply_deadline'])
      .where('mentorship_id', 'in', mentoring)
      .where('first_reply_at', 'is', null)
      .where('reply_deadline', '>=', since)
      .execute()
    for (const checkIn of waiting) {
      const deadline = DateTime.fromJSDate(new Date(checkIn.reply_deadline))
      entries.push({
        uid: `reply-due-${checkIn.id}@trellis`,
        summary: `Reply due: ${byId.get(checkIn.mentorship_id)!.mentee_name}’s check-in (week of ${checkIn.week_of})`,
        sequence: 0,
        cancelled: false,
        when: { start: deadline.minus({ minutes: 30 }), end: deadline },
      })
    }
  }

  const reviewed = new Map(
    (
      await db
        .selectFrom('reviews')
        .select(['mentorship_id', (eb) => eb.fn.max('at').as('at')])
        .where('mentorship_id', 'in', [...byId.keys()])
        .groupBy('mentorship_id')
        .execute()
    ).map((r) => [r.mentorship_id as string, r.at as Date | string]),
  )
  for (const pair of pairs.filter((p) => p.phase === 'WEEKLY' || p.phase === 'MONTHLY')) {
    const zone = pair.mentee_zone as string
    const last = reviewed.get(pair.id as string)
    const lastOn = last ? DateTime.fromJSDate(new Date(last)).setZone(zone).toISODate()! : null
    let day = nextReviewAfter(pair.started_on, now.setZone(zone).toISODate()!, lastOn)
    for (let i = 0; i < REVIEWS_AHEAD; i++, day = addDays(day, REVIEW_EVERY_DAYS)) {
      entries.push({
        uid: `review-${pair.id}-${day}@trellis`,
        summary: `Monthly goal review: ${pair.mentee_name} with ${pair.mentor_name}`,
        sequence: 0,
        cancelled: false,
        when: { day },
      })
    }
  }
  return entries
}
