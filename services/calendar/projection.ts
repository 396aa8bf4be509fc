import { eagerProjection } from '../shared/projection.ts'
import type { CalendarEvent } from './events.ts'

export const calendarProjection = eagerProjection('calendar', ['calendar_feeds'], async (trx, { event }) => {
  const e = event as CalendarEvent
  if (e.type !== 'CalendarFeedIssued') return
  await trx
    .insertInto('calendar_feeds')
    .values({ person_id: e.data.personId, secret: e.data.secret })
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ secret: e.data.secret }))
    .execute()
})
