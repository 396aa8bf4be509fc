import type { Actor } from './actor.ts'
import type { RecordedEvent } from './eventStore.ts'
import type { AnyEvent, EventDefinition } from './events.ts'

export interface FeedEvent {
  position: bigint
  eventId: string
  type: string
  streamId: string
  mentorshipId: string | null
  occurredAt: string
  data: Record<string, unknown>
}

/** A stored event as the feed shows it, from its record and its decoded (current-version) data. */
export function feedEventOf(recorded: RecordedEvent, { data }: AnyEvent): FeedEvent {
  return {
    position: recorded.position,
    eventId: recorded.id,
    type: recorded.type,
    streamId: recorded.streamId,
    mentorshipId: typeof data.mentorshipId === 'string' ? data.mentorshipId : null,
    occurredAt: recorded.metadata.occurredAt,
    data,
  }
}

export interface FeedAudience {
  /** The mentorships whose text this caller may read. */
  memberOf: ReadonlySet<string>
}

/** Event types only an admin sees: keys, feed and webhook secrets, reminders, and the admin audit trail. */
export const ADMIN_ONLY = new Set([
  'CalendarFeedIssued',
  'WebhookCreated',
  'WebhookPaused',
  'WebhookResumed',
  'WebhookDeleted',
  // Whom Trellis nudged and when is the person's and the program lead's business, not HR's.
  'ReminderSent',
  'ReminderFailed',
  'ReminderWithheld',
  'ReminderPreferencesSet',
  'ReminderUnsubscribeIssued',
  'ApiKeyCreated',
  'ApiKeyRevoked',
  'AdminActionPerformed',
  'SetupCompleted',
])

/**
 * What one caller may see of an event (PRODUCT §8): nothing, a redacted copy (private text
 * nulled and named in `redacted`), or the whole of it. Secret fields never leave.
 */
export type EventView = FeedEvent & { redacted: string[] }

export function viewFor(
  event: FeedEvent,
  actor: Actor,
  audience: FeedAudience,
  definitions: ReadonlyMap<string, EventDefinition>,
): EventView | null {
  const definition = definitions.get(event.type)
  if (!definition) return null
  const admin = actor.scopes.has('admin')
  if (ADMIN_ONLY.has(event.type) && !admin) return null
  const wide = admin || actor.scopes.has('events:read') || actor.scopes.has('projections:read')
  const own = actor.personId !== null && event.streamId === `person-${actor.personId}`
  // A person's own events (their contact data) are theirs and the admins' who run the program;
  // a mentorship's are its pair's alone.
  const member = event.streamId.startsWith('person-')
    ? own || admin
    : event.mentorshipId !== null && audience.memberOf.has(event.mentorshipId)
  if (!wide && !member && !own) return null
  const data = { ...event.data }
  for (const field of definition.secretFields) delete data[field]
  const redacted: string[] = []
  if (!member) {
    for (const field of definition.privateFields) {
      if (field in data) {
        data[field] = null
        redacted.push(field)
      }
    }
  }
  return { ...event, data, redacted }
}
