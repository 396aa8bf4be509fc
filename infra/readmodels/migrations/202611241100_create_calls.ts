import type { Kysely } from 'kysely'
import { runStatements } from '../runStatements.ts'

/** Calls, their agendas, and the people's private calendar feeds. Only new events fill them. */
export async function up(db: Kysely<any>) {
  await runStatements(
    db,
    `
    create table calls (
      id uuid primary key,
      mentorship_id uuid not null,
      kind text not null,
      start_at timestamptz not null,
      end_at timestamptz not null,
      join_url text not null,
      status text not null,
      notes text,
      skipped_by text,
      inconvenient_for text[] not null,
      sequence int not null,
      updated_at timestamptz not null
    );
    create index calls_mentorship on calls (mentorship_id, start_at);
    create table call_agenda_items (
      call_id uuid not null,
      item_id text not null,
      text text not null,
      by_id uuid not null,
      at timestamptz not null,
      primary key (call_id, item_id)
    );
    create table call_agenda_order (call_id uuid primary key, item_ids text[] not null);
    create table call_agenda_ticks (
      call_id uuid not null,
      item_id text not null,
      done boolean not null,
      primary key (call_id, item_id)
    );
    create table calendar_feeds (
      person_id uuid primary key,
      secret text not null unique
    )
    `,
  )
}
