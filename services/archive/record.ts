import type { GoalItem } from '../rules/goals.ts'
import type { Source } from './format.ts'

/**
 * A pair's written record as the export writes it and the import reads it back (PRODUCT §4):
 * plain data, no ids — a record moved to another pair keeps its text, times and roles, while ids
 * are the new pair's. Instants are ISO-8601 UTC strings with milliseconds.
 */
export type Role = 'mentor' | 'mentee'

export interface TextVersion {
  at: string
  markdown: string
}

export interface ReplyRecord {
  author: Role
  at: string
  markdown: string
}

export interface CheckInRecord {
  /** The Monday of the mentee's week. */
  weekOf: string
  /** Every text the check-in had, oldest first: the submitted one, then each edit. */
  versions: TextVersion[]
  replies: ReplyRecord[]
}

export interface GoalSetRecord {
  /** A quarter, e.g. 2026-Q1. */
  period: string
  createdAt: string
  /** Its current goals in the order written (dropped ones are gone). */
  goals: GoalItem[]
}

export interface DecisionRecord {
  at: string
  by: Role
  title: string
  context: string
  decision: string
  why: string
}

/** What the files hold: the pair's check-ins, goal sets and decision log. */
export interface RecordContent {
  checkIns: CheckInRecord[]
  goalSets: GoalSetRecord[]
  decisions: DecisionRecord[]
}

/** Who the pair is, for the README only: none of it is imported. */
export interface PairSummary {
  mentorshipId: string
  mentorName: string
  menteeName: string
  startedOn: string
}

export interface PairRecord extends RecordContent {
  pair: PairSummary
}

export interface ArchiveFile {
  /** Relative, with `/`; never made from text a person wrote. */
  path: string
  content: string
}

/** One thing to append, as a member of the pair would have done it, at its original time. */
export type ImportItem = { at: string; source: Source } & (
  | { kind: 'submitCheckIn'; weekOf: string; markdown: string }
  | { kind: 'editCheckIn'; weekOf: string; markdown: string }
  | { kind: 'replyToCheckIn'; weekOf: string; author: Role; markdown: string }
  | { kind: 'createGoalSet'; period: string; goals: GoalItem[] }
  | { kind: 'recordDecision'; by: Role; title: string; context: string; decision: string; why: string }
)
