import type { Kysely } from 'kysely'
import { runStatements } from '../runStatements.ts'

/**
 * Reminder mail: each nudge claimed, failed or withheld (the weekly cap, "sent once", and
 * `remindersSent`), and each person's preferences with their unsubscribe secret. Only new events
 * fill them. The partial indexes let the reminder sweep find what is due without reading whole
 * tables every few seconds.
 */
export async function up(db: Kysely<any>) {
  await runStatements(
    db,
    `
    create table reminders (
      person_id uuid not null,
      kind text not null,
      subject_id uuid not null,
      due_at timestamptz not null,
      status text not null,
      attempts int not null,
      sent_at timestamptz,
      failed_at timestamptz,
      primary key (person_id, kind, subject_id, due_at)
    );
    create index reminders_subject on reminders (subject_id);
    create index reminders_person_sent on reminders (person_id, sent_at);
    create table reminder_preferences (
      person_id uuid primary key,
      enabled boolean not null default true,
      kinds text[],
      unsubscribe_token text unique
    );
    create index check_in_dues_due on check_in_dues (due_at);
    create index check_ins_unreplied on check_ins (submitted_at) where first_reply_at is null;
    create index questions_open_due on questions (due_at) where status = 'OPEN';
    create index calls_scheduled_start on calls (start_at) where status = 'SCHEDULED'
    `,
  )
}
