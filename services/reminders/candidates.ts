import { sql, type Kysely } from 'kysely'
import type { ReminderKind } from '../rules/reminders.ts'
import { CALL_SOON_MINUTES, REPLY_WAITING_HOURS, STALE_AFTER_DAYS } from '../rules/reminders.ts'
import type { ReminderRow } from './queries.ts'

/**
 * What may need a nudge now, straight from the read models: each query is bounded by time and
 * served by a partial index (migration 202611241600), so a sweep every few seconds stays cheap.
 * Paused and ended pairs get none: leave pauses everything (PRODUCT §2). The exact timing, the
 * working hours and the cap are the rules' and the decider's, not SQL's.
 */
export interface CandidateRow {
  kind: ReminderKind | 'QUESTION'
  subject_id: string
  mentorship_id: string
  recipient_id: string
  other_id: string
  week_of?: string
  /** CHECK_IN_DUE: the end of the due day; questions: the deadline. */
  due_at?: Date | string
  submitted_at?: Date | string
  asked_at?: Date | string
  title?: string
  urgency?: string
  start_at?: Date | string
  end_at?: Date | string
  join_url?: string
  call_kind?: string
  sequence?: number
}

const live = sql`not m.paused and m.phase <> 'ENDED'`

export async function candidateRows(db: Kysely<any>, now: string): Promise<CandidateRow[]> {
  const at = sql`${now}::timestamptz`
  const stale = sql`interval '${sql.raw(String(STALE_AFTER_DAYS))} days'`
  const [dues, waiting, questions, calls] = await Promise.all([
    // Due days running now, with no check-in yet: one row per pair at most.
    sql<CandidateRow>`
      select 'CHECK_IN_DUE' as kind, d.check_in_id as subject_id, d.mentorship_id, d.week_of, d.due_at,
             m.mentee_id as recipient_id, m.mentor_id as other_id
      from check_in_dues d join mentorships m on m.id = d.mentorship_id
      where d.due_at > ${at} and ${live}
        and not exists (select 1 from check_ins c where c.id = d.check_in_id)`.execute(db),
    sql<CandidateRow>`
      select 'REPLY_WAITING' as kind, c.id as subject_id, c.mentorship_id, c.week_of, c.submitted_at,
             m.mentor_id as recipient_id, m.mentee_id as other_id
      from check_ins c join mentorships m on m.id = c.mentorship_id
      where c.first_reply_at is null
        and c.submitted_at <= ${at} - interval '${sql.raw(String(REPLY_WAITING_HOURS))} hours'
        and c.submitted_at > ${at} - interval '${sql.raw(String(REPLY_WAITING_HOURS))} hours' - ${stale}
        and ${live}`.execute(db),
    // Open questions in their last quarter, or past the deadline by less than a week.
    sql<CandidateRow>`
      select 'QUESTION' as kind, q.id as subject_id, q.mentorship_id, q.title, q.urgency, q.asked_at,
             q.due_at, q.responder_id as recipient_id, q.asked_by as other_id
      from questions q join mentorships m on m.id = q.mentorship_id
      where q.status = 'OPEN' and q.due_at > ${at} - ${stale}
        and q.due_at - (q.due_at - q.asked_at) / 4 <= ${at} and ${live}`.execute(db),
    // Calls starting within the quarter hour: one row per member.
    sql<CandidateRow>`
      select 'CALL_SOON' as kind, c.id as subject_id, c.mentorship_id, c.start_at, c.end_at, c.join_url,
             c.kind as call_kind, c.sequence, p.recipient_id, p.other_id
      from calls c join mentorships m on m.id = c.mentorship_id
      cross join lateral (values (m.mentor_id, m.mentee_id), (m.mentee_id, m.mentor_id)) p(recipient_id, other_id)
      where c.status = 'SCHEDULED' and c.start_at > ${at}
        and c.start_at <= ${at} + interval '${sql.raw(String(CALL_SOON_MINUTES))} minutes' and ${live}`.execute(
      db,
    ),
  ])
  return [...dues.rows, ...waiting.rows, ...questions.rows, ...calls.rows]
}

/** What the record already says about nudges on these subjects. */
export async function settledNudges(db: Kysely<any>, subjectIds: readonly string[]) {
  if (subjectIds.length === 0) return []
  return (await db
    .selectFrom('reminders')
    .selectAll()
    .where('subject_id', 'in', [...new Set(subjectIds)])
    .execute()) as ReminderRow[]
}

export interface PreferencesRow {
  person_id: string
  enabled: boolean
  kinds: ReminderKind[] | null
  unsubscribe_token: string | null
}

/** Preferences of these people; a person without a row wants every kind. */
export async function preferencesOf(db: Kysely<any>, personIds: readonly string[]) {
  if (personIds.length === 0) return new Map<string, PreferencesRow>()
  const rows = (await db
    .selectFrom('reminder_preferences')
    .selectAll()
    .where('person_id', 'in', [...new Set(personIds)])
    .execute()) as PreferencesRow[]
  return new Map(rows.map((r) => [r.person_id, r]))
}
