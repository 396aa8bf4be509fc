import type { Kysely } from 'kysely'
import type { EventStore, Position, RecordedEvent } from './shared/eventStore.ts'
import type { Clock } from './shared/clock.ts'
import type { Codec } from './codec.ts'

/**
 * Ports an area declares beside the commands that travel through them (a module augmentation of
 * this interface), so this file knows no area: the lifecycle's is in mentorships/transition.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Ports {}

/** Everything a handler or resolver needs, built once in infra/main.ts and passed down. */
export interface Deps extends Ports {
  store: EventStore
  /** Read models (PGlite or PostgreSQL). */
  db: Kysely<any>
  clock: Clock
  /** Events to and from the store (services/events.ts `codec`). */
  codec: Codec
  /** Resolves once the read models include `position` (read-your-writes, bounded wait). */
  caughtUp(position: Position): Promise<void>
  /** Events as the read models commit them (for live subscriptions); returns an unsubscribe. */
  subscribe(listener: (events: RecordedEvent[]) => void): () => void
  /** Where generated call links live (TRELLIS_MEETING_BASE_URL); Jitsi Meet when absent. */
  meetingBaseUrl?: string
  /** The address clients reach Trellis at (TRELLIS_PUBLIC_URL), for calendar feed URLs. */
  publicUrl?: string
}
