import { eagerProjection } from '../shared/projection.ts'
import type { PersonEvent } from './events.ts'

export const peopleProjection = eagerProjection('people', ['people'], async (trx, { event, metadata }) => {
  const e = event as PersonEvent
  const at = metadata.occurredAt
  switch (e.type) {
    case 'PersonRegistered': {
      const { personId, email, name, timeZone, workingHours, role } = e.data
      await trx
        .insertInto('people')
        .values({
          id: personId,
          email,
          name,
          time_zone: timeZone,
          working_hours: JSON.stringify(workingHours),
          role,
          registered_at: at,
          updated_at: at,
        })
        .execute()
      return
    }
    case 'PersonUpdated': {
      const { personId, name, timeZone, workingHours } = e.data
      await trx
        .updateTable('people')
        .set({
          ...(name !== undefined && { name }),
          ...(timeZone !== undefined && { time_zone: timeZone }),
          ...(workingHours !== undefined && { working_hours: JSON.stringify(workingHours) }),
          updated_at: at,
        })
        .where('id', '=', personId)
        .execute()
    }
  }
})
