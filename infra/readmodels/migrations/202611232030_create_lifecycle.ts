import type { Kysely } from 'kysely'
import { runStatements } from '../runStatements.ts'

/**
 * What the lifecycle records per week (a read model), and the embedded workflow runner's own
 * durable state: one row per workflow with its next timer, and an inbox of signals.
 */
export async function up(db: Kysely<any>) {
  await runStatements(
    db,
    `
    create table check_in_dues (
      mentorship_id uuid not null,
      check_in_id uuid not null,
      week_of text not null,
      due_at timestamptz not null,
      missed boolean not null default false,
      reply_overdue boolean not null default false,
      primary key (mentorship_id, week_of)
    );
    create index check_in_dues_check_in on check_in_dues (check_in_id);
    create table lifecycle_workflows (
      mentorship_id uuid primary key,
      state jsonb not null,
      next_at timestamptz,
      claimed_by text,
      claimed_until timestamptz,
      completed boolean not null default false
    );
    create index lifecycle_workflows_next on lifecycle_workflows (next_at) where not completed;
    create table lifecycle_signals (
      id bigserial primary key,
      mentorship_id uuid not null,
      signal jsonb not null
    );
    create index lifecycle_signals_mentorship on lifecycle_signals (mentorship_id, id);
    `,
  )
}
