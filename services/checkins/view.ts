import { DateTime } from 'luxon'
import type { MentorshipRow } from '../mentorships/queries.ts'
import { checkInStatus, endOfDueDay, type CheckInStatus } from '../rules/week.ts'
import { nameBasedId } from '../shared/ids.ts'
import { memoized } from '../shared/memo.ts'
import type { CheckInRow } from './queries.ts'

/** One check-in per mentorship and week: the id follows from both, so the store refuses a second. */
// A list of weeks names each of its check-ins on every read; hashing is its costly part.
const rememberedId = memoized(nameBasedId, 20_000)
export const checkInIdFor = (mentorshipId: string, week: string) =>
  rememberedId(`checkin:${mentorshipId}:${week}`)

/** A week of a mentorship as the API shows it: a submitted check-in, or a week still due or missed. */
export interface CheckInView {
  id: string
  mentorship: MentorshipRow
  weekOf: string
  dueAt: DateTime
  row: CheckInRow | null
  status: CheckInStatus
}

export function checkInView(
  mentorship: MentorshipRow,
  menteeZone: string,
  weekOf: string,
  row: CheckInRow | null,
  now: DateTime,
  /** The due time the lifecycle recorded for the week, when it did. */
  recordedDue?: DateTime,
): CheckInView {
  const dueAt = row
    ? utc(row.due_end)
    : (recordedDue ?? endOfDueDay(weekOf, mentorship.check_in_weekday, menteeZone))
  const status = checkInStatus({
    submittedAt: row ? utc(row.submitted_at) : null,
    repliedAt: row?.first_reply_at ? utc(row.first_reply_at) : null,
    dueEnd: dueAt,
    now,
  })
  return { id: row?.id ?? checkInIdFor(mentorship.id, weekOf), mentorship, weekOf, dueAt, row, status }
}

/** Read-model instants (Date from pg and PGlite) as ISO-8601 UTC strings. */
export function iso(value: Date | string): string {
  return new Date(value).toISOString()
}

export function utc(value: Date | string): DateTime {
  return DateTime.fromJSDate(new Date(value), { zone: 'utc' })
}
