import type { DateTime } from 'luxon'
import type { Kysely } from 'kysely'
import { utc } from '../checkins/view.ts'
import { peopleByIds, type PersonRow } from '../people/queries.ts'
import {
  callSoonNudge,
  checkInDueNudge,
  mayNudgeAt,
  questionNearingNudge,
  questionOverdueNudge,
  replyWaitingNudge,
  type NudgeTiming,
  type ReminderKind,
} from '../rules/reminders.ts'
import { DELIVERY_ATTEMPTS, nudgeKey, RETRY_AFTER_MINUTES, type Nudge } from './decider.ts'
import { candidateRows, preferencesOf, settledNudges, type CandidateRow } from './candidates.ts'

/** A nudge the sweep may send now: to whom, about what, and the row the mail is written from. */
export interface DueNudge extends Nudge {
  timing: NudgeTiming
  recipient: PersonRow
  /** The other member of the pair: named in the mail. */
  other: PersonRow
  row: CandidateRow
}

/**
 * The nudges due now, earliest first (so the weekly cap goes to the oldest): each one's timing
 * from the rules, only while `now` is inside the recipient's working hours, and only what the
 * record has not settled and the person has not turned off. The person's stream has the last word.
 */
export async function dueNudges(db: Kysely<any>, now: DateTime): Promise<DueNudge[]> {
  const rows = await candidateRows(db, now.toUTC().toISO()!)
  if (rows.length === 0) return []
  const people = await peopleByIds(
    db,
    rows.flatMap((r) => [r.recipient_id, r.other_id]),
  )
  const [settled, preferences] = await Promise.all([
    settledNudges(
      db,
      rows.map((r) => r.subject_id),
    ),
    preferencesOf(
      db,
      rows.map((r) => r.recipient_id),
    ),
  ])
  const done = new Set(
    settled
      .filter((s) => !retryable(s, now))
      .map(
        (s) =>
          `${s.person_id}|${nudgeKey({ kind: s.kind, subjectId: s.subject_id, dueAt: new Date(s.due_at).toISOString() })}`,
      ),
  )
  const nudges: DueNudge[] = []
  for (const row of rows) {
    const recipient = people.get(row.recipient_id)
    const other = people.get(row.other_id)
    if (!recipient || !other) continue
    const [kind, timing] = timingOf(row, recipient, now)
    const nudge = { personId: recipient.id, kind, subjectId: row.subject_id, dueAt: timing.dueAt.toISO()! }
    const wanted = preferences.get(recipient.id)
    if (wanted && (!wanted.enabled || (wanted.kinds && !wanted.kinds.includes(kind)))) continue
    if (done.has(`${recipient.id}|${nudgeKey(nudge)}`)) continue
    const hours = { zone: recipient.time_zone, workingHours: recipient.working_hours }
    if (mayNudgeAt(timing, hours, now)) nudges.push({ ...nudge, timing, recipient, other, row })
  }
  return nudges.sort((a, b) => a.timing.dueAt.toMillis() - b.timing.dueAt.toMillis())
}

function retryable(s: { status: string; attempts: number; failed_at: Date | string | null }, now: DateTime) {
  if (s.status !== 'FAILED' || s.attempts >= DELIVERY_ATTEMPTS || !s.failed_at) return false
  return new Date(s.failed_at).getTime() + RETRY_AFTER_MINUTES * 60_000 <= now.toMillis()
}

function timingOf(row: CandidateRow, recipient: PersonRow, now: DateTime): [ReminderKind, NudgeTiming] {
  switch (row.kind) {
    case 'CHECK_IN_DUE':
      return [row.kind, checkInDueNudge(utc(row.due_at!), recipient.time_zone)]
    case 'REPLY_WAITING':
      return [row.kind, replyWaitingNudge(utc(row.submitted_at!))]
    case 'CALL_SOON':
      return [row.kind, callSoonNudge(utc(row.start_at!))]
    default: {
      // Before the deadline a question is nearing it; after, overdue.
      const deadline = utc(row.due_at!)
      return now < deadline
        ? ['QUESTION_NEARING', questionNearingNudge(utc(row.asked_at!), deadline)]
        : ['QUESTION_OVERDUE', questionOverdueNudge(deadline)]
    }
  }
}
