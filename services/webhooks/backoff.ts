/**
 * When a failed delivery is tried again: 30 s after the first failure, doubling to an hour at
 * most, so a receiver that is down for a day sees about thirty attempts, not thousands.
 */
export const FIRST_RETRY_MS = 30_000
export const LONGEST_RETRY_MS = 3_600_000
/** A webhook failing this long without one success is paused: its owner must look. */
export const PAUSE_AFTER_MS = 24 * 3_600_000

export function retryDelayMs(failedAttempts: number): number {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1)
    throw new RangeError('at least one failed attempt')
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(failedAttempts - 1, 20))
}

/** Whether a webhook whose failures began at `failingSince` has failed long enough to pause. */
export function failedForADay(failingSince: Date, now: Date): boolean {
  return now.getTime() - failingSince.getTime() >= PAUSE_AFTER_MS
}
