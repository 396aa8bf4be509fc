import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { iso } from '../checkins/view.ts'
import { isAdmin, requireAnyScope, type Actor } from '../shared/actor.ts'
import { badField, forbidden } from '../shared/errors.ts'
import { isUuid } from '../shared/ids.ts'
import { pageSize } from '../shared/paging.ts'
import { setReminderPreferences } from './handlers.ts'
import { reminderCursor, reminderPreferences, remindersOf, type ReminderRow } from './queries.ts'

/** Whose reminders a read names: the caller's own person, or anyone's for an admin. */
function readableFor(actor: Actor, personId: string | null | undefined) {
  requireAnyScope(actor, ['admin', 'person', 'tool'])
  const target = personId ?? actor.personId
  if (!target)
    throw badField(isAdmin(actor) ? 'personId' : 'Trellis-Acting-As', 'name whose reminders to read')
  if (!isUuid(target)) throw badField('personId', 'must be a person id (a UUID)')
  if (target !== actor.personId && !isAdmin(actor))
    throw forbidden('admin_only', 'only an admin reads another person’s reminders')
  return target
}

const sentReminder = (row: ReminderRow) => ({
  kind: row.kind,
  subjectId: row.subject_id,
  dueAt: iso(row.due_at),
  sentAt: row.sent_at ? iso(row.sent_at) : null,
  status: row.status,
  attempts: row.attempts,
})

export const remindersResolvers: Resolvers = {
  Query: {
    async remindersSent(_, { personId, first, after }, ctx) {
      const target = readableFor(ctx.actor, personId)
      const page = await remindersOf(ctx.deps.db, target, pageSize(first), after ?? null)
      return {
        edges: page.rows.map((row) => ({ cursor: reminderCursor(row), node: sentReminder(row) })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          endCursor: page.rows.length ? reminderCursor(page.rows.at(-1)!) : null,
        },
      }
    },
  },
  Mutation: {
    async setReminderPreferences(_, { input }, ctx) {
      const personId = await setReminderPreferences(ctx.deps, ctx.actor, input)
      return reminderPreferences(ctx.deps.db, personId)
    },
  },
  Person: {
    // Null, not an error, for anyone else: a person is readable by their partner, their settings are not.
    reminderPreferences: async (person, _, ctx) =>
      isAdmin(ctx.actor) || ctx.actor.personId === person.id
        ? ((await ctx.reminderPreferences(person.id)) ?? null)
        : null,
  },
}
