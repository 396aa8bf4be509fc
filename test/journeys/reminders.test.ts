import ICAL from 'ical.js'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { callerWith, startServer, type TestServer } from '../support/server.ts'
import { startSmtpInbox, type ReceivedMail, sweepAt as sweepAtFor } from '../support/smtpInbox.ts'
import { describeWithStores } from '../support/stores.ts'

/**
 * Email reminders over a real SMTP server, through three weeks of March 2026 on a hand-moved clock.
 * The mentee works 09:00–17:00 in St John's (−03:30, −02:30 from 8 March), the mentor 09:00–17:00
 * in Lisbon (+00:00): who gets what, when, in their zone, never outside their hours; the weekly
 * cap; a mail server failure and the retry; unsubscribing through the mail's own header.
 */
const PUBLIC_URL = 'https://trellis.example'

describeWithStores('journey: email reminders inside working hours', (kind) => {
  let server: TestServer
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>
  let p: Awaited<ReturnType<typeof buildProgram>>
  let emails: { mentor: string; mentee: string }
  const as = (key: string) => callerWith(server)(key)

  beforeAll(async () => {
    inbox = await startSmtpInbox()
    server = await startServer(kind, {
      now: '2026-03-02T12:00:00Z',
      lifecyclePollMs: 0,
      config: { smtpUrl: inbox.url, mailFrom: 'Trellis <reminders@test.trellis>', publicUrl: PUBLIC_URL },
    })
    await server.trellis.startLifecycle()
    p = await buildProgram(server, {
      mentee: { timeZone: 'America/St_Johns' },
      mentor: { timeZone: 'Europe/Lisbon' },
      startedOn: '2026-03-02',
      checkInWeekday: 5,
    })
    const people = await as(p.adminKey)(
      `query($a: ID!, $b: ID!) { mentor: person(id: $a) { email } mentee: person(id: $b) { email } }`,
      { a: p.mentorId, b: p.menteeId },
    )
    emails = { mentor: people.mentor.email, mentee: people.mentee.email }
  })
  afterAll(async () => {
    await server?.close()
    await inbox?.close()
  })

  const sweepAt = (at: string) => sweepAtFor(server, inbox, at)

  const who = (mail: ReceivedMail) => (mail.to[0] === emails.mentor ? 'mentor' : 'mentee')
  const summary = (mails: ReceivedMail[]) =>
    mails.map((m) => `${who(m)}: ${m.headers.get('x-trellis-reminder')}`).sort()
  const sentTo = (role: 'mentor' | 'mentee') =>
    as(p.adminKey)(
      `query($id: ID) { remindersSent(personId: $id, first: 20) { edges { node { kind subjectId status attempts sentAt dueAt } } } }`,
      { id: role === 'mentor' ? p.mentorId : p.menteeId },
    ).then((r) => r.remindersSent.edges.map((e: { node: unknown }) => e.node))
  let lastToMentee: ReceivedMail

  it('the check-in due today reaches the mentee at 09:00 in St John’s, not at midnight, once', async () => {
    expect(await sweepAt('2026-03-06T04:00:00Z')).toEqual([]) // 00:30 NST: the due day began
    expect(await sweepAt('2026-03-06T12:29:00Z')).toEqual([]) // 08:59
    const [mail, ...more] = await sweepAt('2026-03-06T12:30:00Z') // 09:00 NST
    expect(more).toEqual([])
    expect(mail!.to).toEqual([emails.mentee])
    expect(mail!.headers.get('from')).toBe('Trellis <reminders@test.trellis>')
    expect(mail!.subject).toBe('Your weekly check-in is due today')
    expect(mail!.text).toContain('week of 2026-03-02 is due today, Friday 6 March')
    expect(mail!.text).toContain('Maya Mentor will read it')
    expect(await sweepAt('2026-03-06T20:00:00Z')).toEqual([])
  })

  it('a missed week gets no nudge of its own; next Friday’s comes at 09:00 by the new DST clock (an hour earlier in UTC)', async () => {
    expect(await sweepAt('2026-03-13T11:29:00Z')).toEqual([])
    const mails = await sweepAt('2026-03-13T11:30:00Z') // 09:00 NDT (−02:30)
    expect(summary(mails)).toEqual(['mentee: CHECK_IN_DUE'])
    expect(mails[0]!.text).toContain('week of 2026-03-09')
  })

  it('a check-in 48 hours without a reply: the mentor hears on Monday 09:00 in Lisbon, not on Sunday', async () => {
    server.clock.set(DateTime.fromISO('2026-03-13T12:00:00Z'))
    await as(p.menteeKey)(`mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`, {
      input: { mentorshipId: p.mentorshipId, markdown: CHECK_IN },
    })
    expect(await sweepAt('2026-03-15T12:00:00Z')).toEqual([]) // 48 hours: a Sunday
    expect(await sweepAt('2026-03-16T08:59:00Z')).toEqual([])
    const mails = await sweepAt('2026-03-16T09:00:00Z')
    expect(summary(mails)).toEqual(['mentor: REPLY_WAITING'])
    expect(mails[0]!.subject).toBe('Inês Mentee’s check-in is waiting for your reply')
    expect(mails[0]!.text).toContain('on Friday 13 March, 12:00 (Europe/Lisbon)')
  })

  let callId: string
  it('15 minutes before a call, both members get the link, the agenda and an .ics that parses', async () => {
    const { checkIns } = await as(p.mentorKey)(
      `query($id: ID!) { mentorship(id: $id) { checkIns(first: 1) { edges { node { id } } } } }`,
      { id: p.mentorshipId },
    ).then((r) => ({ checkIns: r.mentorship.checkIns.edges }))
    server.clock.set(DateTime.fromISO('2026-03-16T10:00:00Z'))
    await as(p.mentorKey)(`mutation($input: ReplyToCheckInInput!) { replyToCheckIn(input: $input) { id } }`, {
      input: { checkInId: checkIns[0].node.id, markdown: 'Good week. Try a cache mount.' },
    })
    const schedule = (start: string) =>
      as(p.menteeKey)(`mutation($input: ScheduleCallInput!) { scheduleCall(input: $input) { id } }`, {
        input: {
          mentorshipId: p.mentorshipId,
          start,
          durationMinutes: 30,
          kind: 'BIWEEKLY',
          joinUrl: 'https://meet.example/trellis-pair',
        },
      }).then((r) => r.scheduleCall.id as string)
    callId = await schedule('2026-03-17T14:00:00Z')
    await as(p.menteeKey)(`mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }`, {
      input: { callId, text: 'Walk through the flaky date-picker test' },
    })
    expect(await sweepAt('2026-03-17T13:44:00Z')).toEqual([])
    const mails = await sweepAt('2026-03-17T13:45:00Z')
    expect(summary(mails)).toEqual(['mentee: CALL_SOON', 'mentor: CALL_SOON'])
    for (const mail of mails) {
      expect(mail.subject).toMatch(/^Your call with (Maya Mentor|Inês Mentee) starts in 15 minutes$/)
      expect(mail.text).toContain('Join: https://meet.example/trellis-pair')
      expect(mail.text).toContain('- Walk through the flaky date-picker test')
      expect(mail.text).toContain('- Docker cache: I tried reordering COPY lines, the cache still missed')
      const [ics] = mail.attachments
      expect(ics!.contentType).toMatch(/^text\/calendar/)
      const calendar = new ICAL.Component(ICAL.parse(ics!.content))
      const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!)
      expect(event.uid).toBe(`call-${callId}@trellis`)
      expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-17T14:00:00.000Z')
      expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-17T14:30:00.000Z')
    }
    expect(mails.find((m) => who(m) === 'mentee')!.text).toContain(
      'Tuesday 17 March, 11:30 (America/St_Johns)',
    )
    expect(mails.find((m) => who(m) === 'mentor')!.text).toContain('Tuesday 17 March, 14:00 (Europe/Lisbon)')

    // At 09:00 in St John’s (11:30 UTC) the mentee’s day begins as the call does: only the mentor is told.
    await schedule('2026-03-18T11:30:00Z')
    expect(summary(await sweepAt('2026-03-18T11:15:00Z'))).toEqual(['mentor: CALL_SOON'])
    expect(await sweepAt('2026-03-18T11:30:00Z')).toEqual([])
  })

  it('a question nearing its deadline and then past it: the responder, in their hours', async () => {
    server.clock.set(DateTime.fromISO('2026-03-18T13:00:00Z'))
    await ask(p.menteeKey, 'Why does the migration lock?')
    expect(await sweepAt('2026-03-19T07:00:00Z')).toEqual([]) // a quarter left, 07:00 in Lisbon
    const nearing = await sweepAt('2026-03-19T09:00:00Z')
    expect(summary(nearing)).toEqual(['mentor: QUESTION_NEARING'])
    expect(nearing[0]!.text).toContain('Inês Mentee asked (this week): Why does the migration lock?')
    expect(nearing[0]!.text).toContain('due Thursday 19 March, 13:00 (Europe/Lisbon)')
    expect(summary(await sweepAt('2026-03-19T13:00:00Z'))).toEqual(['mentor: QUESTION_OVERDUE'])
  })

  it('the mentor’s sixth nudge of the week is withheld, for good', async () => {
    server.clock.set(DateTime.fromISO('2026-03-19T14:00:00Z'))
    await ask(p.mentorKey, 'Which test did you pick?') // to the mentee
    await ask(p.menteeKey, 'Can we pair on the export?') // to the mentor
    expect(await sweepAt('2026-03-20T09:00:00Z')).toEqual([])
    const mentor = await sentTo('mentor')
    expect(mentor.filter((r: { status: string }) => r.status === 'SENT')).toHaveLength(5)
    expect(mentor[0]).toMatchObject({ kind: 'QUESTION_NEARING', status: 'WITHHELD', sentAt: null })
  })

  it('a mail server failure is recorded and retried five minutes later; each mail arrives once', async () => {
    inbox.failNext(1)
    // 09:00 in St John's: the check-in due today (the older nudge, first) fails; the question's goes out.
    expect(summary(await sweepAt('2026-03-20T11:30:00Z'))).toEqual(['mentee: QUESTION_NEARING'])
    const failed = (await sentTo('mentee')).find((r: { kind: string }) => r.kind === 'CHECK_IN_DUE')
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, dueAt: '2026-03-20T02:30:00.000Z' })
    expect(await sweepAt('2026-03-20T11:34:00Z')).toEqual([])
    const retried = await sweepAt('2026-03-20T11:35:00Z')
    expect(summary(retried)).toEqual(['mentee: CHECK_IN_DUE'])
    lastToMentee = retried[0]!
    expect((await sentTo('mentee')).find((r: { kind: string }) => r.kind === 'CHECK_IN_DUE')).toMatchObject({
      status: 'SENT',
      attempts: 2,
    })
  })

  it('unsubscribing through the List-Unsubscribe header (GET asks, one-click POST acts) stops further mail', async () => {
    expect(lastToMentee.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    const header = lastToMentee.headers.get('list-unsubscribe')!
    const url = /^<(.+)>$/.exec(header)![1]!
    expect(url.startsWith(`${PUBLIC_URL}/reminders/unsubscribe?token=`)).toBe(true)
    expect(url).not.toContain(p.menteeId)
    expect(lastToMentee.text).toContain(`Stop them: ${url}`)
    const local = url.replace(PUBLIC_URL, server.url)
    const preferences = () =>
      as(p.menteeKey)(`query($id: ID!) { person(id: $id) { reminderPreferences { enabled kinds } } }`, {
        id: p.menteeId,
      }).then((r) => r.person.reminderPreferences)

    const page = await fetch(local)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<form method="post">')
    expect(await preferences()).toMatchObject({ enabled: true })

    const posted = await fetch(local, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(posted.status).toBe(200)
    expect(await posted.json()).toEqual({ unsubscribed: true })
    expect(await preferences()).toMatchObject({ enabled: false })
    expect(
      (await fetch(local.replace(/token=.*/, `token=${'x'.repeat(43)}`), { method: 'POST' })).status,
    ).toBe(404)

    // Both questions fall overdue: the mentee has unsubscribed, the mentor is at the cap.
    expect(await sweepAt('2026-03-20T14:00:00Z')).toEqual([])
    // A new week: the withheld nudges stay withheld, and the mentee stays unsubscribed.
    expect(await sweepAt('2026-03-23T09:00:00Z')).toEqual([])
    expect(inbox.received.filter((m) => who(m) === 'mentee').length).toBe(5)
  })

  async function ask(key: string, title: string) {
    await as(key)(`mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`, {
      input: {
        mentorshipId: p.mentorshipId,
        title,
        urgency: 'THIS_WEEK',
        context: { goal: 'Ship the export', tried: 'Read the docs' },
      },
    })
  }
})
