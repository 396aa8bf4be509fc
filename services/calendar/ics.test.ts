import fc from 'fast-check'
import ICAL from 'ical.js'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { escapeText, foldLine, renderCalendar, type CalendarEntry } from './ics.ts'

const octets = (s: string) => Buffer.byteLength(s, 'utf8')
/** RFC 5545 §3.1: unfolding removes every CRLF immediately followed by one whitespace character. */
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '')
const physicalLines = (s: string) => s.split('\r\n')
/** What a content line is after escaping: never a line break inside. */
const contentLine = fc.string({ unit: 'binary', maxLength: 400 }).map((s) => `X-TEXT:${escapeText(s)}`)

/** The folding rules of RFC 5545 §3.1, checked on one folded line. */
function expectFoldedPerRfc(folded: string, original: string) {
  const lines = physicalLines(folded)
  expect(octets(lines[0]!)).toBeLessThanOrEqual(75)
  for (const line of lines.slice(1)) {
    expect(line.startsWith(' ')).toBe(true)
    expect(octets(line)).toBeLessThanOrEqual(75) // the space and at most 74 octets more
    expect(line.length).toBeGreaterThan(1) // a fold always carries something
  }
  // Never inside a UTF-8 character: every physical line is whole UTF-8 on its own.
  for (const line of lines) {
    expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line)
    expect(/[\uD800-\uDBFF]$|^ ?[\uDC00-\uDFFF]/.test(line)).toBe(false)
  }
  expect(unfold(folded)).toBe(original)
}

describe('escapeText: RFC 5545 §3.3.11 TEXT', () => {
  it('escapes a backslash as \\\\', () => {
    expect(escapeText('C:\\Users\\ines')).toBe('C:\\\\Users\\\\ines')
  })

  it('escapes a semicolon as \\; and a comma as \\,', () => {
    expect(escapeText('a;b,c')).toBe('a\\;b\\,c')
  })

  it('writes every line break (CRLF, LF, CR) as \\n', () => {
    expect(escapeText('one\r\ntwo\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour')
    expect(escapeText('\n\n')).toBe('\\n\\n')
  })

  it('escapes the backslash before the rest, so an escape in the input is not taken for one', () => {
    expect(escapeText('\\;')).toBe('\\\\\\;')
    expect(escapeText('\\n')).toBe('\\\\n')
    expect(escapeText('\\,\n')).toBe('\\\\\\,\\n')
  })

  it('leaves a colon, double quote and other text as it is', () => {
    expect(escapeText('Join: "the call" at 09:00 — café 🎉')).toBe('Join: "the call" at 09:00 — café 🎉')
  })

  it('leaves no line break, and ical.js reads back the original (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const escaped = escapeText(text)
        expect(/[\r\n]/.test(escaped)).toBe(false)
        // Every backslash starts an escape: \\ \; \, or \n.
        expect(/\\(?![\\;,n])/.test(escaped.replace(/\\[\\;,n]/g, ''))).toBe(false)
        const parsed = new ICAL.Component(
          ICAL.parse(
            `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:20260301T000000Z\r\nSUMMARY:${escaped}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`,
          ),
        )
        const summary = parsed.getFirstSubcomponent('vevent')!.getFirstPropertyValue('summary')
        expect(summary).toBe(text.replace(/\r\n|\r/g, '\n'))
      }),
      { numRuns: 300 },
    )
  })
})

describe('foldLine: RFC 5545 §3.1 content lines', () => {
  it('leaves a line of 75 octets or fewer unfolded', () => {
    expect(foldLine('')).toBe('')
    expect(foldLine('a'.repeat(75))).toBe('a'.repeat(75))
    expect(foldLine('é'.repeat(37) + 'a')).toBe('é'.repeat(37) + 'a') // 75 octets
  })

  it('the first line holds 75 octets; continuation lines start with one space and hold 74 more', () => {
    const line = 'x'.repeat(75 + 74 + 74 + 10)
    const folded = foldLine(line)
    expect(physicalLines(folded).map(octets)).toEqual([75, 75, 75, 11])
    expect(
      physicalLines(folded)
        .slice(1)
        .every((l) => l[0] === ' ' && l[1] !== ' '),
    ).toBe(true)
    expectFoldedPerRfc(folded, line)
    expect(foldLine('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a`)
  })

  it('never splits a 4-octet emoji (a UTF-16 surrogate pair)', () => {
    for (let pad = 0; pad < 4; pad++) {
      const line = `SUMMARY:${'-'.repeat(pad)}${'🎉'.repeat(40)}`
      const folded = foldLine(line)
      expectFoldedPerRfc(folded, line)
      // A line that cannot take the next 4-octet emoji is cut before it, short of 75.
      expect(octets(physicalLines(folded)[0]!)).toBeGreaterThan(71)
    }
  })

  it('never splits a 3-octet CJK character', () => {
    for (let pad = 0; pad < 3; pad++) {
      const line = `SUMMARY:${'-'.repeat(pad)}${'日本語の説明'.repeat(12)}`
      expectFoldedPerRfc(foldLine(line), line)
    }
  })

  it('never splits a 2-octet combining mark, and unfolding joins it back to its letter', () => {
    for (let pad = 0; pad < 2; pad++) {
      const line = `SUMMARY:${'-'.repeat(pad)}${'e\u0301a\u0308o\u0303'.repeat(30)}`
      const folded = foldLine(line)
      expectFoldedPerRfc(folded, line)
      expect(unfold(folded).normalize('NFC')).toBe(line.normalize('NFC'))
    }
  })

  it('unfolding restores any line (property, full Unicode)', () => {
    fc.assert(
      fc.property(contentLine, (line) => expectFoldedPerRfc(foldLine(line), line)),
      { numRuns: 500 },
    )
  })

  it('unfolding restores any line (property, graphemes and ASCII)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ maxLength: 300 })),
        (text) => {
          const line = `DESCRIPTION:${escapeText(text)}`
          expectFoldedPerRfc(foldLine(line), line)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('folds only where it must: each physical line but the last is full', () => {
    fc.assert(
      fc.property(contentLine, (line) => {
        const lines = physicalLines(foldLine(line))
        lines.slice(0, -1).forEach((l, i) => {
          const next = [...lines[i + 1]!.slice(1)][0]!
          expect(octets(l) + octets(next)).toBeGreaterThan(75)
        })
      }),
      { numRuns: 300 },
    )
  })
})

const NOW = DateTime.fromISO('2026-03-05T09:00:00Z', { zone: 'utc' })
const timed = (over: Partial<CalendarEntry> = {}): CalendarEntry => ({
  uid: 'call-11111111-1111-4111-8111-111111111111@trellis',
  summary: 'Bi-weekly call with Inês Mentee',
  description: 'Join: https://meet.jit.si/trellis-abc',
  url: 'https://meet.jit.si/trellis-abc',
  sequence: 0,
  cancelled: false,
  when: {
    start: DateTime.fromISO('2026-03-09T09:00:00', { zone: 'America/New_York' }),
    end: DateTime.fromISO('2026-03-09T09:30:00', { zone: 'America/New_York' }),
  },
  ...over,
})
const allDay = (day: string, over: Partial<CalendarEntry> = {}): CalendarEntry => ({
  uid: `checkin-due-m-${day}@trellis`,
  summary: `Check-in due (week of ${day})`,
  sequence: 0,
  cancelled: false,
  when: { day },
  ...over,
})
const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics))
const events = (ics: string) => parse(ics).getAllSubcomponents('vevent')
const byUid = (ics: string, uid: string) => events(ics).find((e) => e.getFirstPropertyValue('uid') === uid)!

/** CRLF ends every line, and no other CR or LF occurs anywhere. */
function expectCrlfOnly(ics: string) {
  expect(ics.endsWith('\r\n')).toBe(true)
  expect(ics.replace(/\r\n/g, '').match(/[\r\n]/g) ?? []).toEqual([])
}

describe('renderCalendar: an RFC 5545 VCALENDAR', () => {
  const mixed = [
    timed(),
    timed({
      uid: 'call-22222222-2222-4222-8222-222222222222@trellis',
      summary: 'Pairing call with Zoë; semicolons, commas\\backslashes and a\nnew line 🎉 日本語 '.repeat(3),
      description:
        'Join: https://meet.jit.si/trellis-a-very-long-room-name-that-goes-on-and-on-and-on-and-on',
      url: 'https://meet.jit.si/trellis-a-very-long-room-name-that-goes-on-and-on-and-on-and-on?x=1&y=2',
      sequence: 3,
      cancelled: true,
    }),
    allDay('2026-03-06'),
    allDay('2026-03-30', { uid: 'review-m-2026-03-30@trellis', summary: 'Monthly goal review' }),
  ]
  const ics = renderCalendar('Trellis: Inês, the mentee; of Lisbon', mixed, NOW)

  it('ends every line with CRLF, and only with CRLF (§3.1)', () => {
    expectCrlfOnly(ics)
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
  })

  it('keeps every line within 75 octets (§3.1)', () => {
    expect(physicalLines(ics).every((l) => octets(l) <= 75)).toBe(true)
    expect(physicalLines(ics).some((l) => l.startsWith(' '))).toBe(true) // the long ones were folded
  })

  it('has VERSION:2.0 and a PRODID, and each VEVENT a UID and a DTSTAMP in UTC (§3.6, §3.6.1)', () => {
    const calendar = parse(ics)
    expect(calendar.name).toBe('vcalendar')
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0')
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy()
    // An X- property is TEXT by convention; ical.js leaves unknown values raw, so compare the line.
    expect(physicalLines(unfold(ics))).toContain('X-WR-CALNAME:Trellis: Inês\\, the mentee\\; of Lisbon')
    for (const event of events(ics)) {
      expect(event.getFirstPropertyValue('uid')).toBeTruthy()
      const stamp = event.getFirstProperty('dtstamp')!
      expect(stamp.type).toBe('date-time')
      expect((stamp.getFirstValue() as ICAL.Time).toJSDate().toISOString()).toBe(NOW.toJSDate().toISOString())
    }
    expect(unfold(ics)).toMatch(/\r\nDTSTAMP:20260305T090000Z\r\n/)
  })

  it('parses with ical.js into the same events, text unescaped', () => {
    const parsed = events(ics)
    expect(parsed.map((e) => e.getFirstPropertyValue('uid'))).toEqual(mixed.map((e) => e.uid))
    parsed.forEach((event, i) => {
      expect(event.getFirstPropertyValue('summary')).toBe(mixed[i]!.summary)
      expect(event.getFirstPropertyValue('description') ?? undefined).toBe(mixed[i]!.description)
      expect(event.getFirstPropertyValue('url') ?? undefined).toBe(mixed[i]!.url)
    })
  })

  it('puts a timed entry in UTC (form #2 of §3.3.5), whatever zone it was given in', () => {
    const event = new ICAL.Event(byUid(ics, mixed[0]!.uid))
    expect(event.startDate.isDate).toBe(false)
    expect(event.startDate.zone?.tzid).toBe('UTC')
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-09T13:00:00.000Z')
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-09T13:30:00.000Z')
    expect(unfold(ics)).toContain('\r\nDTSTART:20260309T130000Z\r\nDTEND:20260309T133000Z\r\n')
  })

  it('needs no VTIMEZONE: every DTSTART and DTEND is UTC or a DATE; any TZID would have its VTIMEZONE', () => {
    const lines = physicalLines(unfold(ics))
    const dated = lines.filter((l) => /^(DTSTART|DTEND)[;:]/.test(l))
    expect(dated).toHaveLength(mixed.length * 2)
    for (const line of dated) expect(line).toMatch(/^DT(START|END)(:\d{8}T\d{6}Z|;VALUE=DATE:\d{8})$/)
    const zones = new Set(
      parse(ics)
        .getAllSubcomponents('vtimezone')
        .map((z) => z.getFirstPropertyValue('tzid')),
    )
    for (const line of lines) {
      const tzid = /;TZID=([^;:]+)/.exec(line)?.[1]
      if (tzid) expect(zones.has(tzid)).toBe(true)
    }
  })

  it('gives an all-day entry DTSTART;VALUE=DATE and DTEND the next day (§3.6.1)', () => {
    const event = new ICAL.Event(byUid(ics, mixed[2]!.uid))
    expect(event.startDate.isDate).toBe(true)
    expect(event.startDate.toString()).toBe('2026-03-06')
    expect(event.endDate.isDate).toBe(true)
    expect(event.endDate.toString()).toBe('2026-03-07')
    expect(unfold(ics)).toContain('\r\nDTSTART;VALUE=DATE:20260306\r\nDTEND;VALUE=DATE:20260307\r\n')
  })

  it('the next day of an all-day entry crosses months, years, leap days and DST changes', () => {
    const cases: Array<[string, string]> = [
      ['2026-03-31', '20260401'],
      ['2026-12-31', '20270101'],
      ['2028-02-28', '20280229'],
      ['2028-02-29', '20280301'],
      ['2027-02-28', '20270301'],
      ['2026-03-08', '20260309'], // the US springs forward
      ['2026-03-29', '20260330'], // the EU springs forward
      ['2026-10-25', '20261026'], // the EU falls back
      ['2026-11-01', '20261102'], // the US falls back
    ]
    const days = renderCalendar(
      'days',
      cases.map(([day]) => allDay(day)),
      NOW,
    )
    const parsed = events(days)
    cases.forEach(([day, next], i) => {
      expect(unfold(days)).toContain(
        `DTSTART;VALUE=DATE:${day.replaceAll('-', '')}\r\nDTEND;VALUE=DATE:${next}\r\n`,
      )
      const event = new ICAL.Event(parsed[i]!)
      expect(event.startDate.toString()).toBe(day)
      expect(event.duration.toSeconds()).toBe(86_400)
    })
  })

  it('marks a cancelled entry STATUS:CANCELLED, and any other STATUS:CONFIRMED (§3.8.1.11)', () => {
    expect(byUid(ics, mixed[1]!.uid).getFirstPropertyValue('status')).toBe('CANCELLED')
    expect(byUid(ics, mixed[0]!.uid).getFirstPropertyValue('status')).toBe('CONFIRMED')
    expect(byUid(ics, mixed[2]!.uid).getFirstPropertyValue('status')).toBe('CONFIRMED')
  })

  it('writes SEQUENCE as given (§3.8.7.4)', () => {
    const seqs = [0, 1, 3, 17, 1000]
    const out = renderCalendar(
      's',
      seqs.map((sequence, i) => timed({ uid: `call-${i}@trellis`, sequence })),
      NOW,
    )
    expect(events(out).map((e) => e.getFirstPropertyValue('sequence'))).toEqual(seqs)
  })

  // RFC 5545 §3.6 strictly asks for at least one component; calendar apps take an empty one.
  it('renders an empty calendar that ical.js still parses', () => {
    const empty = renderCalendar('Nobody', [], NOW)
    expectCrlfOnly(empty)
    expect(events(empty)).toEqual([])
  })

  it('keeps CRLF only and 75-octet lines for any text it is given (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 200 })
    const entry = fc.record({
      summary: text,
      description: fc.option(text, { nil: undefined }),
      url: fc.option(fc.webUrl(), { nil: undefined }),
      sequence: fc.nat({ max: 10_000 }),
      cancelled: fc.boolean(),
      day: fc.option(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        { nil: undefined },
      ),
    })
    fc.assert(
      fc.property(text, fc.array(entry, { maxLength: 5 }), (name, generated) => {
        const entries = generated.map((g, i): CalendarEntry => ({
          uid: `e-${i}@trellis`,
          summary: g.summary,
          description: g.description,
          url: g.url,
          sequence: g.sequence,
          cancelled: g.cancelled,
          when: g.day
            ? { day: g.day.toISOString().slice(0, 10) }
            : { start: NOW, end: NOW.plus({ minutes: 30 }) },
        }))
        const out = renderCalendar(name, entries, NOW)
        expectCrlfOnly(out)
        expect(physicalLines(out).every((l) => octets(l) <= 75)).toBe(true)
        const parsed = events(out)
        expect(parsed).toHaveLength(entries.length)
        parsed.forEach((event, i) => {
          expect(event.getFirstPropertyValue('summary')).toBe(entries[i]!.summary.replace(/\r\n|\r/g, '\n'))
          expect(event.getFirstPropertyValue('sequence')).toBe(entries[i]!.sequence)
          expect(event.getFirstPropertyValue('status')).toBe(
            entries[i]!.cancelled ? 'CANCELLED' : 'CONFIRMED',
          )
        })
      }),
      { numRuns: 200 },
    )
  })

  it('a URL with a line break in it cannot start a content line of its own (CRLF only, no injection)', () => {
    // A member's joinUrl: `new URL` (and so zod's url check) drops tabs and line breaks when it
    // parses, so such a string passes as an absolute http(s) URL.
    const out = renderCalendar(
      'Trellis',
      [timed({ url: 'https://meet.example/room\r\nBEGIN:VALARM\r\nX-INJECTED:1\nEND:VALARM' })],
      NOW,
    )
    expect(physicalLines(out).filter((l) => /^(X-INJECTED|BEGIN:VALARM)/.test(l))).toEqual([])
    expectCrlfOnly(out)
    expect(events(out)[0]!.getAllSubcomponents('valarm')).toEqual([])
  })
})
