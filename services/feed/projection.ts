import type { Projection } from '../shared/projection.ts'

/** Every event, in order, with the mentorship it belongs to: the durable, resumable feed. */
export const eventFeedProjection: Projection = {
  name: 'event_feed',
  tables: ['event_feed'],
  async apply(trx, { event, eventId, streamId, position, metadata }) {
    const mentorshipId = typeof event.data.mentorshipId === 'string' ? event.data.mentorshipId : null
    await trx
      .insertInto('event_feed')
      .values({
        position: position.toString(),
        event_id: eventId,
        type: event.type,
        stream_id: streamId,
        mentorship_id: mentorshipId,
        occurred_at: metadata.occurredAt,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(metadata),
      })
      .execute()
  },
}
