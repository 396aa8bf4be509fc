import ICAL from 'ical.js'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { bearer, startServer, type TestServer, callerWith } from '../support/server.ts'
import { describeWithStores } from '../support/stores.ts'

/**
 * Both people's calendar feeds, parsed with ical.js, against the read model through the API, while
 * the clock crosses two DST changes: New York springs forward on 8 March 2026, Lisbon on 29 March.
 * The mentorship starts on Monday 2 March, check-ins due on Fridays (the mentee's zone).
 */
const MENTOR_ZONE = 'America/New_York'
const MENTEE_ZONE = 'Europe/Lisbon'

type Program = Awaited<ReturnType<typeof buildProgram>>
interface CallNode {
  id: string
  start: string
  end: string
  status: string
  sequence: number
  joinUrl: string
}
interface CheckInNode {
  id: string
  weekOf: string
  dueAt: string
  status: string
  submittedAt: string | null
  replyDueAt: string | null
  replies: Array<{ id: string }>
}
interface Feed {
  text: string
  unfolded: string
  events: ICAL.Component[]
}

const octets = (s: string) => Buffer.byteLength(s, 'utf8')
const uidOf = (e: ICAL.Component) => e.getFirstPropertyValue('uid') as string
const instant = (t: ICAL.Time) => t.toJSDate().toISOString()
const plusDays = (day: string, days: number) =>
  DateTime.fromISO(day, { zone: 'utc' }).plus({ days }).toISODate()!
const sorted = <T>(xs: T[]) => [...xs].sort()

describeWithStores('journey: calendar feeds match the read model across DST changes', (kind) => {
  let server: TestServer
  let p: Program
  let other: Program
  const calls: Record<string, string> = {}
  let otherCallId: string
  /** Per person: what each entry's UID was when first seen, by what the entry is. */
  const firstUid = new Map<string, string>()

  const as = (key: string) => callerWith(server)(key)
  const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url)
  const feedUrl = async (key: string) => (await as(key)(`{ calendarFeed }`)).calendarFeed as string

  async function fetchFeed(key: string): Promise<Feed> {
    const response = await fetch(local(await feedUrl(key)))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/)
    const text = await response.text()
    // RFC 5545 §3.1: CRLF ends every line and no bare CR or LF occurs; lines are at most 75 octets.
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.replace(/\r\n/g, '').match(/[\r\n]/g) ?? []).toEqual([])
    const tooLong = text.split('\r\n').filter((line) => octets(line) > 75)
    expect(tooLong).toEqual([])
    const calendar = new ICAL.Component(ICAL.parse(text))
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0')
    const events = calendar.getAllSubcomponents('vevent')
    // DTSTART/DTEND: a DATE, a UTC time, or a TZID with its VTIMEZONE (§3.3.5).
    const zones = new Set(
      calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
    )
    for (const event of events)
      for (const name of ['dtstart', 'dtend']) {
        const prop = event.getFirstProperty(name)!
        expect(prop).toBeTruthy()
        const tzid = prop.getParameter('tzid') as string | undefined
        const value = prop.getFirstValue() as ICAL.Time
        if (tzid) expect(zones.has(tzid)).toBe(true)
        else if (!value.isDate) expect(value.zone?.tzid).toBe('UTC')
      }
    // Each UID once.
    const uids = events.map(uidOf)
    expect(new Set(uids).size).toBe(uids.length)
    return { text, unfolded: text.replace(/\r\n[ \t]/g, ''), events }
  }

  async function readModel(key: string) {
    const { mentorship } = await as(key)(
      `query($id: ID!) { mentorship(id: $id) {
        nextReviewOn
        calls(first: 100) { edges { node { id start end status sequence joinUrl } } }
        checkIns(first: 100) { edges { node { id weekOf dueAt status submittedAt replyDueAt replies { id } } } }
      } }`,
      { id: p.mentorshipId },
    )
    return {
      nextReviewOn: mentorship.nextReviewOn as string,
      calls: mentorship.calls.edges.map((e: { node: CallNode }) => e.node) as CallNode[],
      checkIns: mentorship.checkIns.edges.map((e: { node: CheckInNode }) => e.node) as CheckInNode[],
    }
  }

  /** Until the lifecycle has put `weeks` weeks due (the runner ticks every 20 ms on the hand-moved clock). */
  async function untilWeeksDue(weeks: string[]) {
    for (let i = 0; i < 500; i++) {
      const { checkIns } = await readModel(p.menteeKey)
      const due = checkIns.map((c) => c.weekOf)
      if (weeks.every((w) => due.includes(w))) return
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error(`the lifecycle did not put ${weeks.join(', ')} due`)
  }

  async function moveTo(at: string, weeksDue: string[] = []) {
    server.clock.set(DateTime.fromISO(at, { zone: 'utc' }))
    await untilWeeksDue(weeksDue)
  }

  /** Remembers an entry's UID the first time, and insists on it afterwards. */
  function expectStableUid(person: string, what: string, uid: string) {
    const key = `${person}/${what}`
    const seen = firstUid.get(key)
    if (seen) expect(uid, `UID of ${key}`).toBe(seen)
    else firstUid.set(key, uid)
  }

  /** Both feeds against the read model as each person sees it. */
  async function expectFeedsMatchReadModel() {
    for (const role of ['MENTOR', 'MENTEE'] as const) {
      const key = role === 'MENTOR' ? p.mentorKey : p.menteeKey
      const model = await readModel(key)
      const feed = await fetchFeed(key)
      const again = await fetchFeed(key)
      expect(again.events.map(uidOf)).toEqual(feed.events.map(uidOf))
      const byUid = new Map(feed.events.map((e) => [uidOf(e), e]))
      const timed = feed.events.filter((e) => !(e.getFirstPropertyValue('dtstart') as ICAL.Time).isDate)
      const allDay = feed.events.filter((e) => (e.getFirstPropertyValue('dtstart') as ICAL.Time).isDate)

      // Every call the person can see, once, at its instants, with its SEQUENCE and status.
      expect(model.calls.length).toBeGreaterThan(0)
      for (const call of model.calls) {
        const uid = `call-${call.id}@trellis`
        const matching = feed.events.filter((e) => uidOf(e) === uid)
        expect(matching, `${role} feed: ${uid}`).toHaveLength(1)
        const event = new ICAL.Event(matching[0]!)
        expect(instant(event.startDate)).toBe(call.start)
        expect(instant(event.endDate)).toBe(call.end)
        expect(matching[0]!.getFirstPropertyValue('sequence')).toBe(call.sequence)
        expect(matching[0]!.getFirstPropertyValue('status') === 'CANCELLED').toBe(call.status === 'CANCELLED')
        expect(feed.unfolded).toContain(call.joinUrl)
      }
      const callUids = new Set(model.calls.map((c) => `call-${c.id}@trellis`))
      const otherTimed = timed.filter((e) => !callUids.has(uidOf(e)))
      // Nothing timed but the calls and (the mentor's) reply deadlines.
      expect(timed.filter((e) => uidOf(e).startsWith('call-') && !callUids.has(uidOf(e)))).toEqual([])

      // Reply deadlines: the mentor's, for each submitted check-in without a reply; none for the mentee.
      const waiting = model.checkIns.filter((c) => c.submittedAt && c.replies.length === 0)
      if (role === 'MENTOR') {
        expect(sorted(otherTimed.map((e) => instant(new ICAL.Event(e).endDate)))).toEqual(
          sorted(waiting.map((c) => c.replyDueAt!)),
        )
        for (const checkIn of waiting) {
          const event = otherTimed.find((e) => instant(new ICAL.Event(e).endDate) === checkIn.replyDueAt)!
          expect(uidOf(event)).toContain(checkIn.id)
          expectStableUid(role, `reply ${checkIn.id}`, uidOf(event))
        }
      } else {
        expect(otherTimed.map(uidOf)).toEqual([])
      }

      // All-day entries: the next three reviews for both; the check-in due days for the mentee only.
      const reviews = [0, 28, 56].map((days) => plusDays(model.nextReviewOn, days))
      const dueDays = model.checkIns.map((c) =>
        DateTime.fromISO(c.dueAt).minus({ milliseconds: 1 }).setZone(MENTEE_ZONE).toISODate()!,
      )
      const expectedDays = role === 'MENTEE' ? [...reviews, ...dueDays] : reviews
      for (const e of allDay) {
        const event = new ICAL.Event(e)
        expect(event.endDate.isDate).toBe(true)
        expect(event.endDate.toString()).toBe(plusDays(event.startDate.toString(), 1))
        expect(e.getFirstPropertyValue('status')).toBe('CONFIRMED')
      }
      expect(allDay).toHaveLength(expectedDays.length)
      if (role === 'MENTOR')
        expect(sorted(allDay.map((e) => new ICAL.Event(e).startDate.toString()))).toEqual(sorted(reviews))
      for (const day of reviews) {
        const review = allDay.find(
          (e) => uidOf(e).startsWith('review-') && new ICAL.Event(e).startDate.toString() === day,
        )
        expect(review, `${role} feed: review on ${day}`).toBeDefined()
        expectStableUid(role, `review ${day}`, uidOf(review!))
      }
      if (role === 'MENTEE')
        model.checkIns.forEach((c, i) => {
          const due = allDay.filter((e) => uidOf(e).includes(c.weekOf))
          expect(due, `mentee feed: check-in due for ${c.weekOf}`).toHaveLength(1)
          expectStableUid(role, `due ${c.weekOf}`, uidOf(due[0]!))
          // The due day on the mentee's calendar: the day whose end `dueAt` is. Soft: a wrong day
          // is reported, and the rest of the comparison still runs.
          expect
            .soft(
              new ICAL.Event(due[0]!).startDate.toString(),
              `mentee feed: due day of ${c.weekOf} (dueAt ${c.dueAt})`,
            )
            .toBe(dueDays[i])
        })
      for (const call of model.calls) expect(byUid.has(`call-${call.id}@trellis`)).toBe(true)
    }
  }

  const schedule = async (key: string, mentorshipId: string, input: Record<string, unknown>) =>
    (
      await as(key)(`mutation($input: ScheduleCallInput!) { scheduleCall(input: $input) { id sequence } }`, {
        input: { mentorshipId, ...input },
      })
    ).scheduleCall.id as string
  const submit = async (weekOf?: string) =>
    (
      await as(p.menteeKey)(
        `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id weekOf status } }`,
        { input: { mentorshipId: p.mentorshipId, markdown: CHECK_IN, ...(weekOf && { weekOf }) } },
      )
    ).submitCheckIn

  beforeAll(async () => {
    server = await startServer(kind, { now: '2026-03-05T09:00:00Z', lifecyclePollMs: 20 })
    await server.trellis.startLifecycle()
    p = await buildProgram(server, {
      startedOn: '2026-03-02',
      mentor: { timeZone: MENTOR_ZONE },
      mentee: { timeZone: MENTEE_ZONE },
    })
    other = await buildProgram(server, {
      startedOn: '2026-03-02',
      mentor: { timeZone: 'Asia/Tokyo', name: 'Other Mentor' },
      mentee: { timeZone: 'Australia/Sydney', name: 'Other Mentee' },
    })
  })
  afterAll(() => server?.close())

  it('calls before the US change, between the changes and after the EU change are in both feeds', async () => {
    calls.before = await schedule(p.mentorKey, p.mentorshipId, {
      start: '2026-03-06T14:00:00Z',
      durationMinutes: 30,
      kind: 'BIWEEKLY',
    })
    calls.moved = await schedule(p.menteeKey, p.mentorshipId, {
      start: '2026-03-10T13:00:00Z',
      durationMinutes: 30,
      kind: 'BIWEEKLY',
    })
    // 09:00 in New York (EDT), 13:00 in Lisbon (still WET).
    calls.between = await schedule(p.mentorKey, p.mentorshipId, {
      start: '2026-03-17T09:00:00-04:00',
      durationMinutes: 60,
      kind: 'REVIEW',
      joinUrl: 'https://meet.example/trellis-pair-review?room=a;b,c',
    })
    calls.cancelled = await schedule(p.menteeKey, p.mentorshipId, {
      start: '2026-03-24T13:00:00Z',
      durationMinutes: 15,
      kind: 'PAIRING',
    })
    // 13:00 in Lisbon (WEST), 08:00 in New York.
    calls.after = await schedule(p.mentorKey, p.mentorshipId, {
      start: '2026-03-31T13:00:00+01:00',
      durationMinutes: 90,
      kind: 'OFFICE_HOURS',
    })
    otherCallId = await schedule(other.mentorKey, other.mentorshipId, {
      start: '2026-03-12T01:00:00Z',
      durationMinutes: 30,
      kind: 'BIWEEKLY',
      joinUrl: 'https://meet.example/other-pair-private-room',
    })
    const { calls: listed, nextReviewOn } = await readModel(p.mentorKey)
    expect(listed.map((c) => c.id)).toEqual([
      calls.before,
      calls.moved,
      calls.between,
      calls.cancelled,
      calls.after,
    ])
    expect(listed.find((c) => c.id === calls.between)!.start).toBe('2026-03-17T13:00:00.000Z')
    expect(listed.find((c) => c.id === calls.after)!.start).toBe('2026-03-31T12:00:00.000Z')
    expect(nextReviewOn).toBe('2026-03-30')
    await expectFeedsMatchReadModel()
  })

  it('the first Friday: the check-in falls due, is submitted, and the held call keeps its place', async () => {
    await moveTo('2026-03-06T15:00:00Z', ['2026-03-02'])
    expect((await submit()).status).toBe('SUBMITTED')
    await as(p.mentorKey)(
      `mutation($input: RecordCallOutcomeInput!) { recordCallOutcome(input: $input) { id } }`,
      { input: { callId: calls.before, status: 'HELD', notes: 'Talked about the export.' } },
    )
    await expectFeedsMatchReadModel()
    const { checkIns } = await readModel(p.menteeKey)
    // The end of Friday 6 March in Lisbon (WET, UTC+0).
    expect(checkIns[0]).toMatchObject({ weekOf: '2026-03-02', dueAt: '2026-03-07T00:00:00.000Z' })
  })

  it('after the US change: a reschedule bumps SEQUENCE under the same UID; a cancel marks it CANCELLED', async () => {
    await moveTo('2026-03-09T12:00:00Z')
    const before = await fetchFeed(p.mentorKey)
    const uid = `call-${calls.moved}@trellis`
    expect(before.events.filter((e) => uidOf(e) === uid)).toHaveLength(1)
    const { rescheduleCall } = await as(p.menteeKey)(
      `mutation($input: RescheduleCallInput!) { rescheduleCall(input: $input) { start end sequence } }`,
      // Across the EU change: 13:00 in Lisbon (WEST), 08:00 in New York (EDT).
      { input: { callId: calls.moved, start: '2026-03-30T13:00:00+01:00' } },
    )
    expect(rescheduleCall).toEqual({
      start: '2026-03-30T12:00:00.000Z',
      end: '2026-03-30T12:30:00.000Z',
      sequence: 1,
    })
    const { cancelCall } = await as(p.mentorKey)(
      `mutation($input: CancelCallInput!) { cancelCall(input: $input) { status sequence } }`,
      { input: { callId: calls.cancelled, reason: 'Conference week' } },
    )
    expect(cancelCall).toEqual({ status: 'CANCELLED', sequence: 1 })
    // The mentor answers the first check-in: its reply deadline leaves the mentor's feed.
    const { checkIns } = await readModel(p.mentorKey)
    await as(p.mentorKey)(`mutation($input: ReplyToCheckInInput!) { replyToCheckIn(input: $input) { id } }`, {
      input: { checkInId: checkIns[0]!.id, markdown: 'Good week. Split the PR by layer.' },
    })
    for (const key of [p.mentorKey, p.menteeKey]) {
      const after = await fetchFeed(key)
      const moved = after.events.filter((e) => uidOf(e) === uid)
      expect(moved).toHaveLength(1)
      expect(moved[0]!.getFirstPropertyValue('sequence')).toBe(1)
      expect(instant(new ICAL.Event(moved[0]!).startDate)).toBe('2026-03-30T12:00:00.000Z')
      const cancelled = after.events.find((e) => uidOf(e) === `call-${calls.cancelled}@trellis`)!
      expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED')
      expect(cancelled.getFirstPropertyValue('sequence')).toBe(1)
      const held = after.events.find((e) => uidOf(e) === `call-${calls.before}@trellis`)!
      expect(held.getFirstPropertyValue('status')).toBe('CONFIRMED')
    }
    expect((await fetchFeed(p.mentorKey)).events.some((e) => uidOf(e).includes(checkIns[0]!.id))).toBe(false)
    await expectFeedsMatchReadModel()
  })

  it('a missed week submitted late, and the next on time, between the two changes', async () => {
    await moveTo('2026-03-16T12:00:00Z', ['2026-03-09'])
    expect((await submit('2026-03-09')).status).toBe('LATE')
    await expectFeedsMatchReadModel()
    await moveTo('2026-03-20T12:00:00Z', ['2026-03-16'])
    expect((await submit()).status).toBe('SUBMITTED')
    await expectFeedsMatchReadModel()
  })

  it('after the EU change: a week left missed, the due day of a week in summer time, the next reviews', async () => {
    await moveTo('2026-03-30T12:00:00Z', ['2026-03-23'])
    expect((await readModel(p.mentorKey)).nextReviewOn).toBe('2026-03-30')
    await expectFeedsMatchReadModel()
    await moveTo('2026-04-03T12:00:00Z', ['2026-03-30'])
    expect((await submit()).status).toBe('SUBMITTED')
    await moveTo('2026-04-05T12:00:00Z')
    const { checkIns, nextReviewOn } = await readModel(p.menteeKey)
    // Friday 3 April ends at 23:00 UTC in Lisbon (WEST): the due day is still the 3rd.
    expect(checkIns[0]).toMatchObject({ weekOf: '2026-03-30', dueAt: '2026-04-03T23:00:00.000Z' })
    expect(checkIns.map((c) => [c.weekOf, c.status])).toEqual([
      ['2026-03-30', 'SUBMITTED'],
      ['2026-03-23', 'MISSED'],
      ['2026-03-16', 'SUBMITTED'],
      ['2026-03-09', 'LATE'],
      ['2026-03-02', 'REPLIED'],
    ])
    expect(nextReviewOn).toBe('2026-04-27')
    await expectFeedsMatchReadModel()
    const mentee = await fetchFeed(p.menteeKey)
    const due = mentee.events.find((e) => uidOf(e).includes('2026-03-30') && uidOf(e).startsWith('checkin-'))!
    expect(due.getFirstPropertyValue('dtstart')!.toString()).toBe('2026-04-03')
    expect(mentee.unfolded).toContain('\r\nDTSTART;VALUE=DATE:20260403\r\nDTEND;VALUE=DATE:20260404\r\n')
  })

  it('privacy: another pair’s feeds hold none of this pair’s calls or links, and this pair’s none of theirs', async () => {
    const mine = (await readModel(p.mentorKey)).calls
    for (const key of [other.mentorKey, other.menteeKey]) {
      const feed = await fetchFeed(key)
      expect(feed.events.some((e) => uidOf(e) === `call-${otherCallId}@trellis`)).toBe(true)
      for (const call of mine) {
        expect(feed.unfolded).not.toContain(call.id)
        expect(feed.unfolded).not.toContain(call.joinUrl)
      }
      expect(feed.unfolded).not.toContain(p.mentorshipId)
      expect(feed.unfolded).not.toContain('Inês Mentee')
    }
    for (const key of [p.mentorKey, p.menteeKey]) {
      const feed = await fetchFeed(key)
      expect(feed.unfolded).not.toContain(otherCallId)
      expect(feed.unfolded).not.toContain('other-pair-private-room')
      expect(feed.unfolded).not.toContain(other.mentorshipId)
    }
  })

  it('an unknown secret or a malformed path is 404, telling nothing', async () => {
    const url = new URL(local(await feedUrl(p.menteeKey)))
    const secret = /\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(url.pathname)![1]!
    expect((await fetch(url)).status).toBe(200)
    const unknown = secret.startsWith('A') ? `B${secret.slice(1)}` : `A${secret.slice(1)}`
    for (const path of [
      `/calendar/${unknown}.ics`,
      `/calendar/${'A'.repeat(43)}.ics`,
      `/calendar/${secret}`,
      `/calendar/${secret}.ics.txt`,
      `/calendar/${secret}.icsx`,
      `/calendar/${secret}x.ics`,
      `/calendar/${secret.slice(1)}.ics`,
      `/calendar/${secret}.ics/extra`,
      `/calendar/x${secret}.ics`,
      `/calendar/${p.menteeId}.ics`,
      `/calendar/${p.mentorshipId}.ics`,
      `/calendar/.ics`,
      `/calendar/`,
      `/calendar/%2e%2e%2fgraphql`,
      `/calendar/${secret.slice(0, 42)}%00.ics`,
      `/calendar/${secret.slice(0, 42)}%2F.ics`,
    ]) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status, path).toBe(404)
      const body = await response.text()
      expect(body).not.toContain('BEGIN:VCALENDAR')
    }
  })

  it('a recorded review moves the feed’s review dates as it moves nextReviewOn', async () => {
    // The other pair holds its second review early, on Friday 24 April (due Monday 27 April).
    await moveTo('2026-04-24T10:00:00Z')
    await as(other.mentorKey)(`mutation($input: RecordReviewInput!) { recordReview(input: $input) { id } }`, {
      input: { mentorshipId: other.mentorshipId, summary: 'Goals on track; the export ships next.' },
    })
    const { mentorship } = await as(other.menteeKey)(
      `query($id: ID!) { mentorship(id: $id) { nextReviewOn } }`,
      {
        id: other.mentorshipId,
      },
    )
    expect(mentorship.nextReviewOn).toBe('2026-05-25')
    const expected = [0, 28, 56].map((days) => plusDays(mentorship.nextReviewOn, days))
    for (const key of [other.mentorKey, other.menteeKey]) {
      const feed = await fetchFeed(key)
      const reviews = feed.events
        .filter((e) => uidOf(e).startsWith('review-'))
        .map((e) => new ICAL.Event(e).startDate.toString())
      expect(sorted(reviews)).toEqual(expected)
    }
  })

  it('a join URL with a line break in it cannot add lines to the feed', async () => {
    const scheduled = await server.gql(
      `mutation($input: ScheduleCallInput!) { scheduleCall(input: $input) { id } }`,
      {
        input: {
          mentorshipId: other.mentorshipId,
          start: '2026-04-08T01:00:00Z',
          durationMinutes: 30,
          kind: 'BIWEEKLY',
          joinUrl:
            'https://meet.example/room\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:x\r\nTRIGGER:-PT5M\r\nEND:VALARM',
        },
      },
      bearer(other.mentorKey),
    )
    // Refusing the link is one right answer; rendering it without a line break is the other.
    if (scheduled.errors) {
      expect(scheduled.errors[0]!.extensions.code).toBe('BAD_USER_INPUT')
      return
    }
    const response = await fetch(local(await feedUrl(other.menteeKey)))
    const text = await response.text()
    expect(text.split('\r\n').filter((line) => /^(BEGIN|END):VALARM|^(ACTION|TRIGGER):/.test(line))).toEqual(
      [],
    )
    expect(text.replace(/\r\n/g, '').match(/[\r\n]/g) ?? []).toEqual([])
  })
})
