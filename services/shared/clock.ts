import { DateTime } from 'luxon'

/** Time is passed in (DESIGN "Time"): rules take `now`, handlers take a Clock. */
export interface Clock {
  now(): DateTime
}

export const systemClock: Clock = { now: () => DateTime.utc() }

/** Starts at `start` and moves with real time: TRELLIS_NOW for demos and journeys. */
export function clockStartingAt(start: DateTime, realNow: () => number = Date.now): Clock {
  const offset = start.toMillis() - realNow()
  return { now: () => DateTime.fromMillis(realNow() + offset, { zone: 'utc' }) }
}

/** A clock a script moves by hand (the demo seeder, tests). */
export function manualClock(start: DateTime) {
  let current = start.toUTC()
  return {
    now: () => current,
    set(at: DateTime) {
      current = at.toUTC()
    },
  }
}
