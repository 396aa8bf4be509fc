import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgram } from '../support/program.ts'
import { bearer, startServer, type TestServer, callerWith } from '../support/server.ts'
import { describeWithStores } from '../support/stores.ts'

const CALL = `id kind start end durationMinutes status joinUrl notes sequence inconvenientFor
  startLocal { mentor mentee } agenda { id text source done }`

/**
 * A New York mentor and a Lisbon mentee in March 2026, when only the US has moved to summer time
 * (8 March; Lisbon follows on 29 March): their shared hours are 13:00–17:00 UTC those three weeks.
 */
describeWithStores('journey: a call across time zones, from slot to notes, in both calendars', (kind) => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>
  const as = (key: string) => callerWith(server)(key)
  const feedOf = async (key: string) => (await as(key)(`{ calendarFeed }`)).calendarFeed as string
  const vevents = async (url: string) => {
    const response = await fetch(url.replace(/^http:\/\/[^/]+/, server.url))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/)
    const text = await response.text()
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true)
    const calendar = new ICAL.Component(ICAL.parse(text))
    return calendar.getAllSubcomponents('vevent')
  }

  beforeAll(async () => {
    server = await startServer(kind, { now: '2026-03-09T09:00:00Z' })
    p = await buildProgram(server, { startedOn: '2026-03-02' })
  })
  afterAll(() => server?.close())

  it('the slots that suit both start at 09:00 New York, 13:00 Lisbon: one hour more than in winter', async () => {
    const { callSlots } = await as(p.mentorKey)(
      `query($m: ID!) { callSlots(mentorshipId: $m, from: "2026-03-09", weeks: 1, duration: 30) { start end inconvenientFor } }`,
      { m: p.mentorshipId },
    )
    expect(callSlots[0]).toEqual({
      start: '2026-03-09T13:00:00.000Z',
      end: '2026-03-09T13:30:00.000Z',
      inconvenientFor: [],
    })
    const monday = callSlots.filter((s: { start: string }) => s.start.startsWith('2026-03-09'))
    expect(monday.at(-1).end).toBe('2026-03-09T17:00:00.000Z')
    expect(monday).toHaveLength(15) // 13:00 to 16:30, every quarter hour
  })

  let callId: string
  it('a flagged question lands on the agenda of the call they take; a 45-minute bi-weekly call is refused', async () => {
    const { askQuestion } = await as(p.menteeKey)(
      `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          title: 'How do I split a large pull request?',
          urgency: 'CAN_WAIT',
          context: { goal: 'Get the export reviewed', tried: 'One 2,000-line PR' },
        },
      },
    )
    await as(p.menteeKey)(`mutation($input: FlagForCallInput!) { flagForCall(input: $input) { id } }`, {
      input: { questionId: askQuestion.id },
    })
    const tooLong = await server.gql(
      `mutation($input: ScheduleCallInput!) { scheduleCall(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          start: '2026-03-09T13:00:00Z',
          durationMinutes: 45,
          kind: 'BIWEEKLY',
        },
      },
      bearer(p.mentorKey),
    )
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.durationMinutes' }],
    })
    expect(tooLong.errors?.[0]?.message).toMatch(/30 minutes at most/)

    const { scheduleCall } = await as(p.mentorKey)(
      `mutation($input: ScheduleCallInput!) { scheduleCall(input: $input) { ${CALL} } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          start: '2026-03-09T13:00:00Z',
          durationMinutes: 30,
          kind: 'BIWEEKLY',
        },
      },
    )
    callId = scheduleCall.id
    expect(scheduleCall).toMatchObject({
      status: 'SCHEDULED',
      durationMinutes: 30,
      inconvenientFor: [],
      startLocal: { mentor: '2026-03-09T09:00:00.000-04:00', mentee: '2026-03-09T13:00:00.000+00:00' },
    })
    expect(scheduleCall.joinUrl).toMatch(/^https:\/\/meet\.jit\.si\/trellis-[A-Za-z0-9_-]{22}$/)
    expect(scheduleCall.agenda).toContainEqual(
      expect.objectContaining({ id: `question:${askQuestion.id}`, source: 'FLAGGED_QUESTION', done: false }),
    )
  })

  it('the call is in both people’s feeds at the same instant', async () => {
    for (const key of [p.mentorKey, p.menteeKey]) {
      const events = await vevents(await feedOf(key))
      const call = events.find((e) => e.getFirstPropertyValue('uid') === `call-${callId}@trellis`)!
      expect(call).toBeDefined()
      const event = new ICAL.Event(call)
      expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-09T13:00:00.000Z')
      expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-09T13:30:00.000Z')
      expect(call.getFirstPropertyValue('sequence')).toBe(0)
    }
  })

  it('a reschedule bumps SEQUENCE; the agenda keeps its ticks; notes are found by search', async () => {
    const { rescheduleCall } = await as(p.menteeKey)(
      `mutation($input: RescheduleCallInput!) { rescheduleCall(input: $input) { ${CALL} } }`,
      { input: { callId, start: '2026-03-10T14:00:00Z' } },
    )
    expect(rescheduleCall).toMatchObject({
      sequence: 1,
      start: '2026-03-10T14:00:00.000Z',
      durationMinutes: 30,
    })
    const item = rescheduleCall.agenda[0].id
    const { tickAgendaItem } = await as(p.mentorKey)(
      `mutation($input: TickAgendaItemInput!) { tickAgendaItem(input: $input) { agenda { id done } } }`,
      { input: { callId, itemId: item } },
    )
    expect(tickAgendaItem.agenda.find((i: { id: string }) => i.id === item).done).toBe(true)
    const mentorFeed = await vevents(await feedOf(p.mentorKey))
    expect(
      mentorFeed
        .find((e) => e.getFirstPropertyValue('uid') === `call-${callId}@trellis`)!
        .getFirstPropertyValue('sequence'),
    ).toBe(1)

    const early = await server.gql(
      `mutation($input: RecordCallOutcomeInput!) { recordCallOutcome(input: $input) { id } }`,
      { input: { callId, status: 'HELD' } },
      bearer(p.mentorKey),
    )
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'call_not_started' })
    server.clock.set(server.clock.now().set({ day: 10, hour: 15 }))
    await as(p.mentorKey)(
      `mutation($input: RecordCallOutcomeInput!) { recordCallOutcome(input: $input) { id } }`,
      {
        input: {
          callId,
          status: 'HELD',
          notes: 'Split the export PR by layer; the zebrafish fixture goes first.',
        },
      },
    )
    const { search } = await as(p.menteeKey)(`{ search(query: "zebrafish") { type id } }`)
    expect(search).toEqual([{ type: 'CALL_NOTE', id: callId }])
  })

  it('a cancelled call stays in the feed as CANCELLED; a rotated feed URL answers 404', async () => {
    const { scheduleCall } = await as(p.menteeKey)(
      `mutation($input: ScheduleCallInput!) { scheduleCall(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          start: '2026-03-23T13:00:00Z',
          durationMinutes: 30,
          kind: 'BIWEEKLY',
        },
      },
    )
    await as(p.menteeKey)(`mutation($input: CancelCallInput!) { cancelCall(input: $input) { id } }`, {
      input: { callId: scheduleCall.id, reason: 'Conference week' },
    })
    const before = await feedOf(p.menteeKey)
    const cancelled = (await vevents(before)).find(
      (e) => e.getFirstPropertyValue('uid') === `call-${scheduleCall.id}@trellis`,
    )!
    expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED')
    const { rotateCalendarFeed } = await as(p.menteeKey)(`mutation { rotateCalendarFeed }`)
    expect(rotateCalendarFeed).not.toBe(before)
    expect((await fetch(before.replace(/^http:\/\/[^/]+/, server.url))).status).toBe(404)
    expect(await feedOf(p.menteeKey)).toBe(rotateCalendarFeed)
    await vevents(rotateCalendarFeed)
  })
})

describe('journey: the lifecycle’s CallDue proposes the next slot from the plan', () => {
  let server: TestServer
  beforeAll(async () => {
    // San Francisco and Singapore share no working hour: the proposal takes turns with the inconvenience.
    server = await startServer('pglite', { now: '2026-11-20T12:00:00Z', lifecyclePollMs: 50 })
    await server.trellis.startLifecycle()
  })
  afterAll(() => server?.close())

  it('a proposal appears once CallDue is recorded, inside 06:00–22:00 for both, and goes once a call is scheduled', async () => {
    // The first CallDue falls 14 days after the start: 19 November.
    const p = await buildProgram(server, {
      startedOn: '2026-11-05',
      mentor: { timeZone: 'America/Los_Angeles' },
      mentee: { timeZone: 'Asia/Singapore' },
    })
    const read = async () =>
      (
        await server.gql(
          `query($id: ID!) { mentorship(id: $id) { proposedCall { start end inconvenientFor } } }`,
          { id: p.mentorshipId },
          bearer(p.menteeKey),
        )
      ).data.mentorship.proposedCall
    let proposal = await read()
    for (let i = 0; i < 200 && !proposal; i++) {
      await new Promise((r) => setTimeout(r, 50))
      proposal = await read()
    }
    expect(proposal).not.toBeNull()
    expect(proposal.inconvenientFor.length).toBeGreaterThan(0)
    expect(Date.parse(proposal.start)).toBeGreaterThanOrEqual(Date.parse('2026-11-20T12:00:00Z'))
    const hourIn = (zone: string) =>
      Number(
        new Date(proposal.start).toLocaleString('en-GB', {
          timeZone: zone,
          hour: '2-digit',
          hourCycle: 'h23',
        }),
      )
    for (const zone of ['America/Los_Angeles', 'Asia/Singapore']) {
      expect(hourIn(zone)).toBeGreaterThanOrEqual(6)
      expect(hourIn(zone)).toBeLessThan(22)
    }
    await server.gql(
      `mutation($input: ScheduleCallInput!) { scheduleCall(input: $input) { id } }`,
      {
        input: { mentorshipId: p.mentorshipId, start: proposal.start, durationMinutes: 30, kind: 'BIWEEKLY' },
      },
      bearer(p.menteeKey),
    )
    expect(await read()).toBeNull()
    // Outside the pair there is nothing to propose.
    const admin = await server.gql(
      `query($id: ID!) { mentorship(id: $id) { proposedCall { start } } }`,
      { id: p.mentorshipId },
      bearer(p.adminKey),
    )
    expect(admin.data.mentorship.proposedCall).toBeNull()
  })
})
