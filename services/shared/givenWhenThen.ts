import type { AnyEvent } from './events.ts'

/** Folds the given events: the "given" of a decider test. */
export function given<S>(
  aggregate: { initialState: S; evolve(state: S, event: AnyEvent): S },
  events: AnyEvent[],
): S {
  return events.reduce(aggregate.evolve, aggregate.initialState)
}
