import type { DateTime } from 'luxon'

/** One VEVENT: a timed event in UTC, or a whole day (the date on the person's calendar). */
export interface CalendarEntry {
  uid: string
  summary: string
  description?: string
  url?: string
  sequence: number
  cancelled: boolean
  when: { start: DateTime; end: DateTime } | { day: string }
}

/** RFC 5545 §3.3.11: backslash, semicolon and comma escaped; newlines as \n. */
export function escapeText(text: string) {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n|\r/g, '\\n')
}

/**
 * RFC 5545 §3.1: lines longer than 75 octets are folded with CRLF and a space, never inside a
 * UTF-8 character.
 */
export function foldLine(line: string) {
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = Buffer.byteLength(char)
    // The first line holds 75 octets; each continuation 74 after its leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current)
      current = ''
      octets = 0
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

const utcStamp = (at: DateTime) => at.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")
const dayStamp = (day: string) => day.replaceAll('-', '')
const nextDay = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** A whole VCALENDAR; times in UTC, so no VTIMEZONE is needed (RFC 5545 §3.3.5 form #2). */
export function renderCalendar(name: string, entries: readonly CalendarEntry[], now: DateTime) {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Trellis//Mentorship calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ]
  for (const entry of entries) {
    lines.push('BEGIN:VEVENT', `UID:${entry.uid}`, `DTSTAMP:${utcStamp(now)}`, `SEQUENCE:${entry.sequence}`)
    if ('day' in entry.when)
      lines.push(
        `DTSTART;VALUE=DATE:${dayStamp(entry.when.day)}`,
        `DTEND;VALUE=DATE:${dayStamp(nextDay(entry.when.day))}`,
      )
    else lines.push(`DTSTART:${utcStamp(entry.when.start)}`, `DTEND:${utcStamp(entry.when.end)}`)
    lines.push(`SUMMARY:${escapeText(entry.summary)}`)
    if (entry.description) lines.push(`DESCRIPTION:${escapeText(entry.description)}`)
    // A URI value has no escapes: anything that could end the line is dropped, whatever was stored.
    if (entry.url) lines.push(`URL:${entry.url.replace(/[\u0000-\u001f\u007f\s]/g, '')}`)
    lines.push(`STATUS:${entry.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'TRANSP:OPAQUE', 'END:VEVENT')
  }
  lines.push('END:VCALENDAR')
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}
