import { DateTime } from 'luxon'
import type { Attendee, CallSlot } from './callSlots.ts'
import type { WorkingWeek } from './workingHours.ts'

/** Zones and helpers of the call-slot rule tests (callSlots*.test.ts). */

export const NY = 'America/New_York'
export const LISBON = 'Europe/Lisbon'
export const KATHMANDU = 'Asia/Kathmandu'
export const ST_JOHNS = 'America/St_Johns'
export const LORD_HOWE = 'Australia/Lord_Howe'
export const TOKYO = 'Asia/Tokyo'
export const SAN_FRANCISCO = 'America/Los_Angeles'
export const SINGAPORE = 'Asia/Singapore'

export const person = (zone: string, workingHours: WorkingWeek = []): Attendee => ({ zone, workingHours })
export const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' })
/** The local calendar day `date` in `zone`, as a from/to pair. */
export const dayIn = (date: string, zone: string) => {
  const from = DateTime.fromISO(date, { zone })
  return { from, to: from.plus({ days: 1 }) }
}
export const clock = (at: DateTime, zone: string) => at.setZone(zone).toFormat('HH:mm')
export const starts = (slots: readonly CallSlot[], zone: string) =>
  slots.map((slot) => clock(slot.start, zone))
/** Every quarter hour from `first` to `last`, inclusive, as HH:mm. */
export const quarters = (first: string, last: string) => {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3))
  const all: string[] = []
  for (let m = minutes(first); m <= minutes(last); m += 15) {
    all.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`)
  }
  return all
}
