import { DateTime } from 'luxon'

/** Test fixtures for the time rules, shared by their test files. */
export const utc = (at: DateTime) => at.toUTC().toISO()
export const localDate = (at: DateTime, zone: string) => at.setZone(zone).toISODate()

// Zones chosen for their odd offsets and DST rules: 45-minute offsets, 30-minute DST, days that
// start at 01:00, days whose midnight happens twice, the dateline, and a fixed-offset Etc zone.
export const ZONES = [
  'UTC',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'America/Havana',
  'America/Santiago',
  'America/New_York',
  'Europe/Lisbon',
  'Asia/Tehran',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Etc/GMT+12',
]
