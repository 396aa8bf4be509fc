import type { CheckInRow, ReplyRow, RevisionRow, WeekRow } from './checkins/queries.ts'
import type { Deps } from './deps.ts'
import type { MentorshipRow } from './mentorships/queries.ts'
import type { PersonRow } from './people/queries.ts'
import type { AnswerRow, QuestionChangeRow } from './questions/queries.ts'
import type { Actor } from './shared/actor.ts'

/** What every resolver receives: the dependencies, who is calling, and per-request loaders. */
export interface Context {
  deps: Deps
  actor: Actor
  /** The mentorships whose text the caller may read, loaded once per request. */
  memberOf(): Promise<ReadonlySet<string>>
  /** The people paired with the caller's person, loaded once per request. */
  partners(): Promise<ReadonlySet<string>>
  /** People by id, batched; no permission check (callers reach them through a visible mentorship). */
  person(id: string): Promise<PersonRow | undefined>
  /** A check-in's replies, batched. */
  replies(checkInId: string): Promise<ReplyRow[] | undefined>
  /** A page of a mentorship's weeks by `weekPageKey`, batched across the request's mentorships. */
  weeks(key: string): Promise<WeekRow[] | undefined>
  /** Submitted check-ins by id, batched, without their text; no permission check. */
  checkIn(id: string): Promise<CheckInRow | undefined>
  /** A submitted check-in's text, batched; no permission check. */
  checkInText(id: string): Promise<string | undefined>
  /** Weeks submitted in the last six weeks, by mentorship, batched: what the next due depends on. */
  recentWeeks(mentorshipId: string): Promise<string[] | undefined>
  /** A check-in's earlier versions, batched. */
  revisions(checkInId: string): Promise<RevisionRow[] | undefined>
  /** Mentorships by id, batched; no permission check (callers reach them through a visible row). */
  mentorship(id: string): Promise<MentorshipRow | undefined>
  /** A question's answers, batched. */
  answers(questionId: string): Promise<AnswerRow[] | undefined>
  /** A question's reclassifications and escalations, batched. */
  questionChanges(questionId: string): Promise<QuestionChangeRow[] | undefined>
}

export type { CheckInRow }
