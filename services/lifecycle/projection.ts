import { checkInIdFor } from '../checkins/view.ts'
import type { Projection } from '../shared/projection.ts'
import type { LifecycleEvent } from './events.ts'

/** The weeks the lifecycle put due, and which were missed or left without a reply. */
export const lifecycleProjection: Projection = {
  name: 'check_in_dues',
  tables: ['check_in_dues'],
  async apply(trx, { event }) {
    const e = event as LifecycleEvent
    switch (e.type) {
      case 'CheckInDue':
        await trx
          .insertInto('check_in_dues')
          .values({
            mentorship_id: e.data.mentorshipId,
            check_in_id: checkInIdFor(e.data.mentorshipId, e.data.weekOf),
            week_of: e.data.weekOf,
            due_at: e.data.dueAt,
          })
          .onConflict((oc) => oc.columns(['mentorship_id', 'week_of']).doNothing())
          .execute()
        return
      case 'CheckInMissed':
      case 'ReplyOverdue':
        await trx
          .updateTable('check_in_dues')
          .set(e.type === 'CheckInMissed' ? { missed: true } : { reply_overdue: true })
          .where('mentorship_id', '=', e.data.mentorshipId)
          .where('week_of', '=', e.data.weekOf)
          .execute()
    }
  },
}
