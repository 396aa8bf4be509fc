import { sql, type Kysely } from 'kysely'
import type { ExportTable } from './keyset.ts'

/** A table exported column for column. */
const columnsOf = (table: string, columns: readonly string[], key: ExportTable['key']): ExportTable => ({
  columns,
  key,
  source: (db: Kysely<any>) => db.selectFrom(table).select([...columns]),
})

/**
 * The read models analytics may pull whole (docs/analytics.md documents every column). Each
 * selects its columns by name, never `*`: a text column added to a table later stays out until
 * someone adds it here on purpose. Left out everywhere: Markdown, titles, bodies, notes, agendas,
 * meeting links, evidence links, goal categories and texts (typed by the pair), people's names
 * and emails, reasons, and key secrets.
 *
 * Keys never change once a row exists, so a page boundary holds while the program runs; that is
 * why calls are keyed by pair and id, not by their start, which a reschedule moves.
 */
export const EXPORTS = {
  mentorships: columnsOf(
    'mentorships',
    [
      'id',
      'mentor_id',
      'mentee_id',
      'phase',
      'paused',
      'paused_until',
      'proposal_to',
      'proposal_since',
      'started_on',
      'started_at',
      'ended_at',
      'check_in_weekday',
      'response_window_hours',
      'response_clock',
      'blocking_window_hours',
    ],
    [
      ['started_at', 'timestamptz'],
      ['id', 'uuid'],
    ],
  ),

  // A week that fell due (check_in_dues, the lifecycle's record) or got a check-in (check_ins),
  // or both: a check-in written ahead of its due day, or in a phase without a cadence, has no due.
  check_in_weeks: {
    columns: [
      'mentorship_id',
      'week_of',
      'status',
      'due_at',
      'missed',
      'check_in_id',
      'submitted_at',
      'late',
      'edit_count',
      'edited_at',
      'reply_deadline',
      'first_reply_at',
      'reply_overdue',
    ],
    key: [
      ['week_of', 'isoDate'],
      ['mentorship_id', 'uuid'],
    ],
    source: (db: Kysely<any>) =>
      db
        .selectFrom('check_in_dues as d')
        .fullJoin('check_ins as c', (join) =>
          join.onRef('c.mentorship_id', '=', 'd.mentorship_id').onRef('c.week_of', '=', 'd.week_of'),
        )
        .select([
          sql<string>`coalesce(c.mentorship_id, d.mentorship_id)`.as('mentorship_id'),
          sql<string>`coalesce(c.week_of, d.week_of)`.as('week_of'),
          // As metrics_weekly counts it: a check-in written after a missed day is LATE, not MISSED.
          sql<string>`case
            when c.id is not null then case when c.late then 'LATE' else 'ON_TIME' end
            when d.missed then 'MISSED'
            else 'DUE' end`.as('status'),
          'd.due_at',
          sql<boolean>`coalesce(d.missed, false)`.as('missed'),
          'c.id as check_in_id',
          'c.submitted_at',
          'c.late',
          'c.edit_count',
          'c.edited_at',
          'c.reply_deadline',
          'c.first_reply_at',
          sql<boolean>`coalesce(d.reply_overdue, false)`.as('reply_overdue'),
        ]),
  },

  questions: columnsOf(
    'questions',
    [
      'id',
      'mentorship_id',
      'asked_by',
      'responder_id',
      'urgency',
      'check_in_id',
      'asked_at',
      'due_at',
      'status',
      'answered_at',
      'within_window',
      'overdue',
      'flagged_for_call',
      'resolved_at',
    ],
    [
      ['asked_at', 'timestamptz'],
      ['id', 'uuid'],
    ],
  ),

  calls: {
    columns: [
      'id',
      'mentorship_id',
      'kind',
      'start_at',
      'end_at',
      'status',
      'skipped_by',
      'inconvenient_for_mentor',
      'inconvenient_for_mentee',
      'updated_at',
    ],
    key: [
      ['mentorship_id', 'uuid'],
      ['id', 'uuid'],
    ],
    source: (db: Kysely<any>) =>
      db.selectFrom('calls').select([
        'id',
        'mentorship_id',
        'kind',
        'start_at',
        'end_at',
        'status',
        'skipped_by',
        // Two flags rather than an array: a CSV cell stays one plain value.
        sql<boolean>`'MENTOR' = any(inconvenient_for)`.as('inconvenient_for_mentor'),
        sql<boolean>`'MENTEE' = any(inconvenient_for)`.as('inconvenient_for_mentee'),
        'updated_at',
      ]),
  },

  // A goal's category is left out: the pair types it (Technical Skills, … are only suggestions),
  // so it is the pair's text. The quarter is a fixed shape (2026-Q4) and stays.
  goals: {
    columns: ['id', 'goal_set_id', 'mentorship_id', 'period', 'done', 'dropped', 'has_evidence'],
    key: [
      ['period', 'code'],
      ['mentorship_id', 'uuid'],
      ['id', 'uuid'],
    ],
    source: (db: Kysely<any>) =>
      db
        .selectFrom('goals as g')
        .innerJoin('goal_sets as s', 's.id', 'g.goal_set_id')
        .select([
          'g.id',
          'g.goal_set_id',
          'g.mentorship_id',
          's.period',
          'g.done',
          'g.dropped',
          sql<boolean>`g.evidence_url is not null`.as('has_evidence'),
        ]),
  },

  reviews: {
    columns: ['id', 'mentorship_id', 'goal_set_id', 'at'],
    key: [
      ['at', 'timestamptz'],
      ['id', 'uuid'],
    ],
    source: (db: Kysely<any>) =>
      db.selectFrom('reviews').select(['id', 'mentorship_id', 'goal_set_id', 'at']),
  },

  // The explanation is written by services/rules/health.ts from templates that name only weeks,
  // counts and hours; the health events that carry it are sent unredacted to HR systems too.
  health_signals: {
    columns: ['mentorship_id', 'kind', 'since', 'explanation'],
    key: [
      ['since', 'timestamptz'],
      ['mentorship_id', 'uuid'],
      ['kind', 'code'],
    ],
    source: (db: Kysely<any>) =>
      db.selectFrom('health_signals').select(['mentorship_id', 'kind', 'since', 'explanation']),
  },

  metrics_weekly: columnsOf(
    'metrics_weekly',
    [
      'mentorship_id',
      'week_of',
      'check_in',
      'check_in_id',
      'submitted_at',
      'first_reply_hours',
      'questions_blocking',
      'questions_this_week',
      'questions_can_wait',
      'answered_within_window',
      'answered_late',
      'goals_done',
      'calls_held',
      'calls_skipped',
    ],
    [
      ['week_of', 'isoDate'],
      ['mentorship_id', 'uuid'],
    ],
  ),
} satisfies Record<string, ExportTable>
