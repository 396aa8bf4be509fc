import { sql } from 'kysely'
import { eagerProjection } from '../shared/projection.ts'
import type { CallEvent } from './events.ts'

export const callsProjection = eagerProjection(
  'calls',
  ['calls', 'call_agenda_items', 'call_agenda_order', 'call_agenda_ticks'],
  async (trx, { event, metadata }) => {
    const e = event as CallEvent
    const at = metadata.occurredAt
    const call = (id: string) => trx.updateTable('calls').where('id', '=', id)
    switch (e.type) {
      case 'CallScheduled': {
        const d = e.data
        await trx
          .insertInto('calls')
          .values({
            id: d.callId,
            mentorship_id: d.mentorshipId,
            kind: d.kind,
            start_at: d.start,
            end_at: d.end,
            join_url: d.joinUrl,
            status: 'SCHEDULED',
            inconvenient_for: d.inconvenientFor,
            sequence: 0,
            updated_at: at,
          })
          .execute()
        return
      }
      case 'CallRescheduled': {
        const d = e.data
        // A calendar holding the call sees a new SEQUENCE and replaces its copy.
        await call(d.callId)
          .set({
            start_at: d.start,
            end_at: d.end,
            inconvenient_for: d.inconvenientFor,
            sequence: sql`sequence + 1`,
            updated_at: at,
          })
          .execute()
        return
      }
      case 'CallCancelled':
        await call(e.data.callId)
          .set({ status: 'CANCELLED', sequence: sql`sequence + 1`, updated_at: at })
          .execute()
        return
      case 'CallOutcomeRecorded':
        await call(e.data.callId)
          .set({ status: e.data.status, notes: e.data.notes, skipped_by: e.data.skippedBy, updated_at: at })
          .execute()
        return
      case 'AgendaItemAdded':
        await trx
          .insertInto('call_agenda_items')
          .values({ call_id: e.data.callId, item_id: e.data.itemId, text: e.data.text, by_id: e.data.by, at })
          .execute()
        return
      case 'AgendaReordered':
        await trx
          .insertInto('call_agenda_order')
          .values({ call_id: e.data.callId, item_ids: e.data.itemIds })
          .onConflict((oc) => oc.column('call_id').doUpdateSet({ item_ids: e.data.itemIds }))
          .execute()
        return
      case 'AgendaItemTicked':
        await trx
          .insertInto('call_agenda_ticks')
          .values({ call_id: e.data.callId, item_id: e.data.itemId, done: e.data.done })
          .onConflict((oc) => oc.columns(['call_id', 'item_id']).doUpdateSet({ done: e.data.done }))
          .execute()
        return
    }
  },
)
