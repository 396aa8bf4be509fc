import { sql, type Kysely } from 'kysely'
import { REMINDER_KINDS, type ReminderKind } from '../rules/reminders.ts'
import { decodeInstantCursor, instantCursor } from '../shared/cursor.ts'

export interface ReminderRow {
  person_id: string
  kind: ReminderKind
  subject_id: string
  due_at: Date | string
  status: 'SENT' | 'FAILED' | 'WITHHELD'
  attempts: number
  sent_at: Date | string | null
  failed_at: Date | string | null
}

export interface ReminderPreferences {
  enabled: boolean
  kinds: ReminderKind[]
}

/** People's preferences as the API shows them: every kind on until they say otherwise. */
export async function reminderPreferencesOf(db: Kysely<any>, personIds: readonly string[]) {
  const rows = personIds.length
    ? await db
        .selectFrom('reminder_preferences')
        .select(['person_id', 'enabled', 'kinds'])
        .where('person_id', 'in', [...new Set(personIds)])
        .execute()
    : []
  const found = new Map(rows.map((r) => [r.person_id as string, r]))
  return new Map<string, ReminderPreferences>(
    personIds.map((id) => [
      id,
      {
        enabled: (found.get(id)?.enabled as boolean | undefined) ?? true,
        kinds: (found.get(id)?.kinds as ReminderKind[] | null | undefined) ?? [...REMINDER_KINDS],
      },
    ]),
  )
}

export async function reminderPreferences(db: Kysely<any>, personId: string) {
  return (await reminderPreferencesOf(db, [personId])).get(personId)!
}

/** Whose unsubscribe secret this is. */
export async function personByUnsubscribeToken(db: Kysely<any>, token: string) {
  const row = await db
    .selectFrom('reminder_preferences as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['p.id', 'p.name'])
    .where('r.unsubscribe_token', '=', token)
    .executeTakeFirst()
  return row as { id: string; name: string } | undefined
}

/** Withheld nudges were never sent: they sort by when they came due. */
const orderedAt = (row: ReminderRow) => row.sent_at ?? row.due_at

export const reminderCursor = (row: ReminderRow) => instantCursor(orderedAt(row), row.subject_id)

/** A person's nudges, newest first. The cursor's id is the subject; ties on one instant are rare. */
export async function remindersOf(db: Kysely<any>, personId: string, first: number, after: string | null) {
  const at = sql`coalesce(sent_at, due_at)`
  let query = db.selectFrom('reminders').selectAll().where('person_id', '=', personId)
  if (after) {
    const [afterAt, afterId] = decodeInstantCursor(after)
    query = query.where((eb) =>
      eb.or([
        eb(at, '<', sql`${afterAt}::timestamptz`),
        eb.and([eb(at, '=', sql`${afterAt}::timestamptz`), eb('subject_id', '<', afterId)]),
      ]),
    )
  }
  const rows = (await query
    .orderBy(at, 'desc')
    .orderBy('subject_id', 'desc')
    .limit(first + 1)
    .execute()) as ReminderRow[]
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first }
}

declare module '../context.ts' {
  interface Loaders {
    /** People's reminder preferences, batched; the resolver checks who may see them. */
    reminderPreferences(personId: string): Promise<ReminderPreferences | undefined>
  }
}
