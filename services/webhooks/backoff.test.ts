import { describe, expect, it } from 'vitest'
import { failedForADay, retryDelayMs } from './backoff.ts'

describe('failed deliveries back off, and a day of failures pauses the webhook', () => {
  it('waits 30 s, then doubles, never more than an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => retryDelayMs(n) / 1000)).toEqual([
      30, 60, 120, 240, 480, 960, 1920, 3600, 3600,
    ])
  })

  it('a receiver down for a day sees about thirty attempts', () => {
    let elapsed = 0
    let attempts = 0
    while (elapsed < 24 * 3_600_000) elapsed += retryDelayMs(++attempts)
    expect(attempts).toBeGreaterThan(25)
    expect(attempts).toBeLessThan(35)
  })

  it('pauses at 24 hours of failing, not before', () => {
    const since = new Date('2026-11-20T12:00:00Z')
    expect(failedForADay(since, new Date('2026-11-21T11:59:59Z'))).toBe(false)
    expect(failedForADay(since, new Date('2026-11-21T12:00:00Z'))).toBe(true)
  })

  it('refuses a count that is not a failure', () => {
    expect(() => retryDelayMs(0)).toThrow(RangeError)
  })
})
