import { eagerProjection } from '../shared/projection.ts'
import type { WebhookEvent } from './events.ts'

/** The subscriptions as the fan-out and the API read them; their deliveries are kept elsewhere. */
export const webhooksProjection = eagerProjection(
  'webhooks',
  ['webhooks'],
  async (trx, { event, metadata, position }) => {
    const e = event as WebhookEvent
    const id = e.data.webhookId
    switch (e.type) {
      case 'WebhookCreated':
        await trx
          .insertInto('webhooks')
          .values({
            id,
            url: e.data.url,
            types: e.data.types,
            secret: e.data.secret,
            status: 'ACTIVE',
            created_at: metadata.occurredAt,
            created_position: position.toString(),
          })
          .execute()
        return
      case 'WebhookPaused':
        await trx
          .updateTable('webhooks')
          .set({ status: 'PAUSED', paused_reason: e.data.reason })
          .where('id', '=', id)
          .execute()
        return
      case 'WebhookResumed':
        await trx
          .updateTable('webhooks')
          .set({ status: 'ACTIVE', paused_reason: null })
          .where('id', '=', id)
          .execute()
        return
      case 'WebhookDeleted':
        await trx
          .updateTable('webhooks')
          .set({ status: 'DELETED', deleted_position: position.toString() })
          .where('id', '=', id)
          .execute()
        return
    }
  },
)
