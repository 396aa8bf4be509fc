import type { Kysely } from 'kysely'
import { runStatements } from '../runStatements.ts'

/**
 * Questions, decisions, resources and the search documents over everything written; and the
 * blocking window on mentorships. New projections over old events: the read models are replayed.
 */
export const replaysEvents = true

export async function up(db: Kysely<any>) {
  await runStatements(
    db,
    `
    alter table mentorships add column blocking_window_hours int not null default 4;
    create table questions (
      id uuid primary key,
      mentorship_id uuid not null,
      asked_by uuid not null,
      responder_id uuid not null,
      title text not null,
      body text,
      urgency text not null,
      goal text,
      tried text,
      errors text,
      hypothesis text,
      check_in_id uuid,
      asked_at timestamptz not null,
      due_at timestamptz,
      status text not null,
      answered_at timestamptz,
      within_window boolean,
      overdue boolean not null default false,
      flagged_for_call boolean not null default false,
      resolved_at timestamptz
    );
    create index questions_queue on questions (responder_id, due_at) where status = 'OPEN';
    create index questions_overdue on questions (due_at) where status = 'OPEN' and not overdue;
    create index questions_mentorship on questions (mentorship_id, asked_at);
    create table question_answers (
      id uuid primary key,
      question_id uuid not null,
      mentorship_id uuid not null,
      author_id uuid not null,
      body text not null,
      at timestamptz not null
    );
    create index question_answers_question on question_answers (question_id, at);
    create table question_changes (
      question_id uuid not null,
      at timestamptz not null,
      kind text not null,
      from_urgency text not null,
      to_urgency text not null,
      due_at timestamptz,
      by_id uuid not null
    );
    create index question_changes_question on question_changes (question_id, at);
    create table decisions (
      id uuid primary key,
      mentorship_id uuid not null,
      title text not null,
      context text not null,
      decision text not null,
      why text not null,
      recorded_by uuid not null,
      at timestamptz not null
    );
    create index decisions_mentorship on decisions (mentorship_id, at);
    create table resources (
      id uuid primary key,
      title text not null,
      url text,
      body text,
      kind text not null,
      tags text[] not null,
      added_by text not null,
      at timestamptz not null
    );
    create index resources_at on resources (at);
    create table search_documents (
      type text not null,
      id uuid not null,
      mentorship_id uuid,
      title text not null,
      body text not null,
      at timestamptz not null,
      document tsvector generated always as (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
      ) stored,
      primary key (type, id)
    );
    create index search_documents_library on search_documents using gin (document) where mentorship_id is null;
    create index search_documents_mentorship on search_documents (mentorship_id, at)
    `,
  )
}
