import type { Kysely } from 'kysely'
import { runStatements } from '../runStatements.ts'

/** Goal sets, goals and monthly reviews. Only new events fill them. */
export async function up(db: Kysely<any>) {
  await runStatements(
    db,
    `
    create table goal_sets (
      id uuid primary key,
      mentorship_id uuid not null,
      period text not null,
      created_at timestamptz not null
    );
    create index goal_sets_mentorship on goal_sets (mentorship_id, period);
    create table goals (
      id uuid primary key,
      goal_set_id uuid not null,
      mentorship_id uuid not null,
      category text not null,
      text text not null,
      done boolean not null,
      evidence_url text,
      ready_when text,
      dropped boolean not null,
      sort_key numeric not null
    );
    create index goals_set on goals (goal_set_id, sort_key);
    create table reviews (
      id uuid primary key,
      mentorship_id uuid not null,
      goal_set_id uuid,
      summary text not null,
      at timestamptz not null
    );
    create index reviews_mentorship on reviews (mentorship_id, at);
    create table review_changes (
      review_id uuid not null,
      goal_id uuid not null,
      change text not null,
      new_text text
    )
    `,
  )
}
