import { eagerProjection } from '../shared/projection.ts'
import type { HealthEvent } from './events.ts'

export const healthProjection = eagerProjection(
  'health',
  ['health_signals'],
  async (trx, { event, metadata }) => {
    const e = event as HealthEvent
    if (e.type === 'HealthSignalRaised')
      await trx
        .insertInto('health_signals')
        .values({
          mentorship_id: e.data.mentorshipId,
          kind: e.data.kind,
          explanation: e.data.explanation,
          since: metadata.occurredAt,
        })
        .onConflict((oc) =>
          oc.columns(['mentorship_id', 'kind']).doUpdateSet({ explanation: e.data.explanation }),
        )
        .execute()
    if (e.type === 'HealthSignalCleared')
      await trx
        .deleteFrom('health_signals')
        .where('mentorship_id', '=', e.data.mentorshipId)
        .where('kind', '=', e.data.kind)
        .execute()
  },
)
