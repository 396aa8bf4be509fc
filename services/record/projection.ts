import { eagerProjection } from '../shared/projection.ts'
import type { RecordEvent } from './events.ts'

export const recordProjection = eagerProjection(
  'record',
  ['decisions', 'resources'],
  async (trx, { event, metadata }) => {
    const e = event as RecordEvent
    const at = metadata.occurredAt
    switch (e.type) {
      case 'DecisionRecorded': {
        const d = e.data
        await trx
          .insertInto('decisions')
          .values({
            id: d.decisionId,
            mentorship_id: d.mentorshipId,
            title: d.title,
            context: d.context,
            decision: d.decision,
            why: d.why,
            recorded_by: d.by,
            at,
          })
          .execute()
        return
      }
      case 'ResourceAdded': {
        const d = e.data
        await trx
          .insertInto('resources')
          .values({
            id: d.resourceId,
            title: d.title,
            url: d.url,
            body: d.body,
            kind: d.kind,
            tags: d.tags,
            added_by: d.by,
            at,
          })
          .execute()
        return
      }
    }
  },
)
