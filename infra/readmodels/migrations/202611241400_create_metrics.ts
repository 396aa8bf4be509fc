import type { Kysely } from 'kysely'
import { runStatements } from '../runStatements.ts'

/**
 * Weekly metrics per pair (docs/analytics.md). Over events already stored: the read models are
 * replayed so the metrics start complete.
 */
export const replaysEvents = true

export async function up(db: Kysely<any>) {
  await runStatements(
    db,
    `
    create table metrics_weekly (
      mentorship_id uuid not null,
      week_of text not null,
      check_in text,
      check_in_id uuid,
      submitted_at timestamptz,
      first_reply_hours double precision,
      questions_blocking int not null default 0,
      questions_this_week int not null default 0,
      questions_can_wait int not null default 0,
      answered_within_window int not null default 0,
      answered_late int not null default 0,
      goals_done int not null default 0,
      calls_held int not null default 0,
      calls_skipped int not null default 0,
      primary key (mentorship_id, week_of)
    );
    create index metrics_weekly_week on metrics_weekly (week_of);
    create index metrics_weekly_check_in on metrics_weekly (check_in_id)
    `,
  )
}
