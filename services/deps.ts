import type { Kysely } from 'kysely'
import type { EventStore, Position, RecordedEvent } from './shared/eventStore.ts'
import type { LifecycleCommand } from './lifecycle/transition.ts'
import type { Clock } from './shared/clock.ts'

/** Everything a handler or resolver needs, built once in infra/main.ts and passed down. */
export interface Deps {
  store: EventStore
  /** Read models (PGlite or PostgreSQL). */
  db: Kysely<any>
  clock: Clock
  /** Resolves once the read models include `position` (read-your-writes, bounded wait). */
  caughtUp(position: Position): Promise<void>
  /** Hands a lifecycle transition to the mentorship's workflow; resolves once it is recorded. */
  lifecycle(command: LifecycleCommand): Promise<void>
  /** Events as the read models commit them (for live subscriptions); returns an unsubscribe. */
  subscribe(listener: (events: RecordedEvent[]) => void): () => void
  /** Where generated call links live (TRELLIS_MEETING_BASE_URL); Jitsi Meet when absent. */
  meetingBaseUrl?: string
  /** The address clients reach Trellis at (TRELLIS_PUBLIC_URL), for calendar feed URLs. */
  publicUrl?: string
}
