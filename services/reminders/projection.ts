import { eagerProjection } from '../shared/projection.ts'
import type { ReminderEvent } from './events.ts'

/**
 * Each nudge's latest word (SENT, FAILED or WITHHELD) and each person's preferences. The sweep
 * reads them to skip what is settled; the person's stream still decides, so a lagging row
 * never sends anything twice.
 */
export const remindersProjection = eagerProjection(
  'reminders',
  ['reminders', 'reminder_preferences'],
  async (trx, { event }) => {
    const e = event as ReminderEvent
    const key = (d: { personId: string; kind: string; subjectId: string; dueAt: string }) => ({
      person_id: d.personId,
      kind: d.kind,
      subject_id: d.subjectId,
      due_at: d.dueAt,
    })
    const columns = ['person_id', 'kind', 'subject_id', 'due_at'] as const
    switch (e.type) {
      case 'ReminderSent':
        await trx
          .insertInto('reminders')
          .values({ ...key(e.data), status: 'SENT', attempts: e.data.attempt, sent_at: e.data.sentAt })
          .onConflict((oc) =>
            oc.columns(columns).doUpdateSet({
              status: 'SENT',
              attempts: e.data.attempt,
              sent_at: e.data.sentAt,
              failed_at: null,
            }),
          )
          .execute()
        return
      case 'ReminderFailed':
        await trx
          .updateTable('reminders')
          .set({ status: 'FAILED', failed_at: e.data.failedAt })
          .where('person_id', '=', e.data.personId)
          .where('kind', '=', e.data.kind)
          .where('subject_id', '=', e.data.subjectId)
          .where('due_at', '=', e.data.dueAt)
          .execute()
        return
      case 'ReminderWithheld':
        await trx
          .insertInto('reminders')
          .values({ ...key(e.data), status: 'WITHHELD', attempts: 0 })
          .onConflict((oc) => oc.columns(columns).doNothing())
          .execute()
        return
      case 'ReminderPreferencesSet':
        await trx
          .insertInto('reminder_preferences')
          .values({ person_id: e.data.personId, enabled: e.data.enabled, kinds: e.data.kinds })
          .onConflict((oc) =>
            oc.column('person_id').doUpdateSet({ enabled: e.data.enabled, kinds: e.data.kinds }),
          )
          .execute()
        return
      case 'ReminderUnsubscribeIssued':
        await trx
          .insertInto('reminder_preferences')
          .values({ person_id: e.data.personId, unsubscribe_token: e.data.token })
          .onConflict((oc) => oc.column('person_id').doUpdateSet({ unsubscribe_token: e.data.token }))
          .execute()
        return
    }
  },
)
