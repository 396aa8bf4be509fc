import { CloudEvent, HTTP } from 'cloudevents'
import type { EventView } from '../shared/redaction.ts'

/** Event types carry this prefix on the wire: `trellis.CheckInSubmitted`. */
export const TYPE_PREFIX = 'trellis.'

/**
 * One event as a CloudEvents 1.0 message in structured JSON mode: `id` is the event's own id
 * (stable across retries, for de-duplication), `subject` the mentorship (or stream) it orders
 * under, `sequence` its global position, and `redacted` the fields nulled for the receiver.
 */
export function cloudEventOf(view: EventView, source: string) {
  const event = new CloudEvent({
    specversion: '1.0',
    id: view.eventId,
    source,
    type: TYPE_PREFIX + view.type,
    subject: view.mentorshipId ?? view.streamId,
    time: view.occurredAt,
    datacontenttype: 'application/json',
    sequence: view.position.toString(),
    redacted: view.redacted.join(','),
    data: view.data,
  })
  const { headers, body } = HTTP.structured(event)
  return { headers: headers as Record<string, string>, body: String(body) }
}
