import type { Deps } from './deps.ts'
import type { Actor } from './shared/actor.ts'

/**
 * The request's batched loaders. Each area declares its own beside its queries (a module
 * augmentation of this interface), so this file knows no area and every area may use it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Loaders {}

/** What every resolver receives: the dependencies, who is calling, and per-request loaders. */
export interface Context extends Loaders {
  deps: Deps
  actor: Actor
  /** The mentorships whose text the caller may read, loaded once per request. */
  memberOf(): Promise<ReadonlySet<string>>
  /** The people paired with the caller's person, loaded once per request. */
  partners(): Promise<ReadonlySet<string>>
}
