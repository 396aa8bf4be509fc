import type { AnyEvent } from '../shared/events.ts'
import type { HealthEvent } from './events.ts'
import type { Signal } from '../rules/health.ts'

/** The signals raised and not cleared, by kind. */
export type HealthState = ReadonlyMap<string, string>

export const healthAggregate = {
  initialState: new Map() as HealthState,
  evolve(state: HealthState, event: AnyEvent): HealthState {
    const e = event as HealthEvent
    const next = new Map(state)
    if (e.type === 'HealthSignalRaised') next.set(e.data.kind, e.data.explanation)
    if (e.type === 'HealthSignalCleared') next.delete(e.data.kind)
    return next
  },
}

/**
 * Pure: the events that bring the recorded signals to what holds now. A signal already raised is
 * not raised again while it holds, so evaluating twice, or on two instances, records it once.
 */
export function decideHealth(
  mentorshipId: string,
  now: readonly Signal[],
  state: HealthState,
): HealthEvent[] {
  const holding = new Set(now.map((s) => s.kind))
  return [
    ...now
      .filter((s) => !state.has(s.kind))
      .map((s): HealthEvent => ({
        type: 'HealthSignalRaised',
        data: { mentorshipId, kind: s.kind, explanation: s.explanation },
      })),
    ...[...state.keys()]
      .filter((kind) => !holding.has(kind as Signal['kind']))
      .map((kind): HealthEvent => ({
        type: 'HealthSignalCleared',
        data: { mentorshipId, kind: kind as Signal['kind'] },
      })),
  ]
}
