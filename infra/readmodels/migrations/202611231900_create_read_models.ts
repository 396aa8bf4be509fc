import type { Kysely } from 'kysely'
import { runStatements } from '../runStatements.ts'

/** The first read models. Instants are timestamptz; local dates are ISO text: SQL never converts zones. */
export async function up(db: Kysely<any>) {
  await runStatements(
    db,
    `
    create table projection_checkpoints (
      name text primary key,
      position bigint not null
    );
    create table people (
      id uuid primary key,
      email text not null unique,
      name text not null,
      time_zone text not null,
      working_hours jsonb not null,
      role text not null,
      registered_at timestamptz not null,
      updated_at timestamptz not null
    );
    create table mentorships (
      id uuid primary key,
      mentor_id uuid not null,
      mentee_id uuid not null,
      started_on text not null,
      check_in_weekday int not null,
      response_window_hours int not null,
      response_clock text not null,
      phase text not null,
      paused boolean not null default false,
      paused_until text,
      proposal_to text,
      proposal_since timestamptz,
      started_at timestamptz not null,
      ended_at timestamptz
    );
    create index mentorships_mentor on mentorships (mentor_id);
    create index mentorships_mentee on mentorships (mentee_id);
    create table check_ins (
      id uuid primary key,
      mentorship_id uuid not null,
      week_of text not null,
      markdown text not null,
      submitted_at timestamptz not null,
      due_end timestamptz not null,
      late boolean not null,
      edited_at timestamptz,
      edit_count int not null default 0,
      reply_deadline timestamptz not null,
      first_reply_at timestamptz,
      unique (mentorship_id, week_of)
    );
    create table check_in_revisions (
      check_in_id uuid not null,
      revision int not null,
      markdown text not null,
      at timestamptz not null,
      primary key (check_in_id, revision)
    );
    create table check_in_replies (
      id uuid primary key,
      check_in_id uuid not null,
      mentorship_id uuid not null,
      author_id uuid not null,
      markdown text not null,
      at timestamptz not null,
      deadline timestamptz not null,
      on_time boolean not null
    );
    create index check_in_replies_check_in on check_in_replies (check_in_id, at);
    create table api_keys (
      id uuid primary key,
      name text not null,
      scopes jsonb not null,
      person_id uuid,
      secret_hash text not null,
      created_at timestamptz not null,
      revoked_at timestamptz
    );
    create table event_feed (
      position bigint primary key,
      event_id uuid not null,
      type text not null,
      stream_id text not null,
      mentorship_id uuid,
      occurred_at timestamptz not null,
      data jsonb not null,
      metadata jsonb not null
    );
    create index event_feed_mentorship on event_feed (mentorship_id, position);
    create index event_feed_type on event_feed (type, position);
  `,
  )
}
