import { eagerProjection } from '../shared/projection.ts'
import type { AccessEvent } from './events.ts'

export const apiKeysProjection = eagerProjection(
  'api_keys',
  ['api_keys'],
  async (trx, { event, metadata }) => {
    const e = event as AccessEvent
    switch (e.type) {
      case 'ApiKeyCreated': {
        const d = e.data
        await trx
          .insertInto('api_keys')
          .values({
            id: d.keyId,
            name: d.name,
            scopes: JSON.stringify(d.scopes),
            person_id: d.personId,
            secret_hash: d.secretHash,
            created_at: metadata.occurredAt,
          })
          .execute()
        return
      }
      case 'ApiKeyRevoked':
        await trx
          .updateTable('api_keys')
          .set({ revoked_at: metadata.occurredAt })
          .where('id', '=', e.data.keyId)
          .execute()
    }
  },
)
