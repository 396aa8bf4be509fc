import type { Clock } from '../../services/shared/clock.ts'

/** Failed authentications allowed per address, and per real key id, in one window. */
export const FAILED_AUTH_LIMIT = 10
export const FAILED_AUTH_WINDOW_MS = 60_000
/** Beyond this many tracked addresses and keys the oldest are forgotten, so a flood cannot grow memory. */
const MAX_TRACKED = 50_000

/**
 * Counts failed authentications per subject (`address:…`, `key:…`) over a sliding window. A
 * subject with `limit` failures inside the window is held back until the oldest of them leaves it
 * (what "held back" means for addresses and keys is the caller's: see app.ts). Successes are not
 * counted and do not reset the count (or a caller could interleave its own key with guesses).
 */
export function failureThrottle(
  clock: Clock,
  { limit = FAILED_AUTH_LIMIT, windowMs = FAILED_AUTH_WINDOW_MS } = {},
) {
  // Each subject's failure instants, oldest first, at most `limit` of them. A Map iterates in
  // insertion order, and a subject is re-inserted on every failure: the first is the stalest.
  const failures = new Map<string, number[]>()
  const recent = (subject: string, now: number) =>
    (failures.get(subject) ?? []).filter((at) => at > now - windowMs)

  return {
    /** Seconds until every one of these subjects may try again; 0 when none is blocked. */
    retryAfter(subjects: string[]): number {
      const now = clock.now().toMillis()
      let wait = 0
      for (const subject of subjects) {
        const times = recent(subject, now)
        if (times.length >= limit) wait = Math.max(wait, Math.ceil((times[0]! + windowMs - now) / 1000))
      }
      return wait
    },
    failed(subjects: string[]) {
      const now = clock.now().toMillis()
      for (const subject of subjects) {
        const times = [...recent(subject, now), now].slice(-limit)
        failures.delete(subject)
        failures.set(subject, times)
      }
      for (const stalest of failures.keys()) {
        if (failures.size <= MAX_TRACKED) break
        failures.delete(stalest)
      }
    },
  }
}

/** A GraphQL-shaped refusal for a subject over its limit. */
export function rateLimited(retryAfterSeconds: number) {
  const message = `too many failed authentications: try again in ${retryAfterSeconds} s`
  return {
    data: null,
    errors: [
      {
        message,
        extensions: {
          code: 'RATE_LIMITED',
          reason: 'too_many_failed_authentications',
          retryAfter: retryAfterSeconds,
        },
      },
    ],
  }
}
