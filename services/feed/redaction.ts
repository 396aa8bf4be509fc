import { eventDefinitions } from '../events.ts'
import type { Actor } from '../shared/actor.ts'

export interface FeedEvent {
  position: bigint
  eventId: string
  type: string
  streamId: string
  mentorshipId: string | null
  occurredAt: string
  data: Record<string, unknown>
}

export interface FeedAudience {
  /** The mentorships whose text this caller may read. */
  memberOf: ReadonlySet<string>
}

/** Event types only an admin sees: keys, calendar feed secrets and the admin audit trail. */
export const ADMIN_ONLY = new Set([
  'CalendarFeedIssued',
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

export function viewFor(event: FeedEvent, actor: Actor, audience: FeedAudience): EventView | null {
  const definition = eventDefinitions.get(event.type)
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
