import { expect, it } from 'vitest'
import { healthSignals, type SignalKind, type WeekFacts } from './health.ts'
import { addDays } from './week.ts'

/** Fixtures of the health rule tests (health.*.test.ts). */
export type Facts = Omit<WeekFacts, 'weekOf'>

/** A healthy week: check-in on time, answered fast and well, a real question, a quiet inbox. */
export const HEALTHY: Facts = {
  checkIn: 'ON_TIME',
  replyHours: [4],
  windowHours: 24,
  repliesWithHints: 0,
  replies: 1,
  questionsWithContext: 1,
  calls: [],
  messagesOutsideHours: 0,
  messages: 2,
}

export const FIRST_WEEK = '2026-11-02'
export const mondays = (n: number, from = FIRST_WEEK) =>
  Array.from({ length: n }, (_, i) => addDays(from, 7 * i))

/** Consecutive weeks from 2026-11-02, each a healthy week with the given changes. */
export function weeks(...changes: Array<Partial<Facts>>): WeekFacts[] {
  const dates = mondays(changes.length)
  return changes.map((change, i) => ({ ...HEALTHY, ...change, weekOf: dates[i]! }))
}

export const W = mondays(6) // W[0] = 2026-11-02, W[1] = 2026-11-09, …

export function explanationOf(kind: SignalKind, facts: readonly WeekFacts[]): string | null {
  return healthSignals(facts).find((s) => s.kind === kind)?.explanation ?? null
}

export interface Row {
  rule: string
  weeks: WeekFacts[]
  /** The explanation when the signal is raised; null when it is not. */
  explanation: string | null
}

export const table = (kind: SignalKind, rows: Row[]) =>
  it.each(rows)('$rule', ({ weeks: facts, explanation }) => {
    expect(explanationOf(kind, facts)).toBe(explanation)
  })
