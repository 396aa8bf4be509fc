import { insertRows, type Projection } from '../shared/projection.ts'

/** Every event, in order, with the mentorship it belongs to: the durable, resumable feed. */
export const eventFeedProjection: Projection = {
  name: 'event_feed',
  tables: ['event_feed'],
  async open(trx) {
    const rows: Array<Record<string, unknown>> = []
    return {
      apply({ event, eventId, streamId, position, metadata }) {
        const mentorshipId = typeof event.data.mentorshipId === 'string' ? event.data.mentorshipId : null
        rows.push({
          position: position.toString(),
          event_id: eventId,
          type: event.type,
          stream_id: streamId,
          mentorship_id: mentorshipId,
          occurred_at: metadata.occurredAt,
          data: JSON.stringify(event.data),
          metadata: JSON.stringify(metadata),
        })
      },
      close: () => insertRows(trx, 'event_feed', rows),
    }
  },
}
