import { DateTime } from 'luxon'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { callerWith, startServer, type TestServer } from '../support/server.ts'
import { startSmtpInbox, sweepAt as sweepAtFor } from '../support/smtpInbox.ts'
import { describeWithStores } from '../support/stores.ts'

/**
 * A nudge whose reason has gone is not sent: a check-in handed in early, a question answered, a
 * call cancelled or moved (the moved one is nudged at its new time), a pair on leave. The mentor
 * works in New York, the mentee in Lisbon, both 09:00–17:00, in the week of 16 November 2026.
 */
describeWithStores('journey: reminders whose reason has gone are not sent', (kind) => {
  let server: TestServer
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>
  let p: Awaited<ReturnType<typeof buildProgram>>
  const as = (key: string) => callerWith(server)(key)

  beforeAll(async () => {
    inbox = await startSmtpInbox()
    server = await startServer(kind, {
      now: '2026-11-16T10:00:00Z',
      lifecyclePollMs: 0,
      config: { smtpUrl: inbox.url, publicUrl: 'https://trellis.example' },
    })
    await server.trellis.startLifecycle()
    p = await buildProgram(server, { startedOn: '2026-11-16', checkInWeekday: 5 })
  })
  afterAll(async () => {
    await server?.close()
    await inbox?.close()
  })

  const sweepAt = (at: string) => sweepAtFor(server, inbox, at)
  const kinds = async (at: string) =>
    (await sweepAt(at)).map((m) => `${m.headers.get('x-trellis-reminder')}: ${m.subject}`).sort()
  const mutate = (key: string, name: string, type: string, input: Record<string, unknown>) =>
    as(key)(`mutation($input: ${type}!) { ${name}(input: $input) { id } }`, { input }).then((r) => r[name].id)

  it('a question answered before its deadline: neither nudge; its unanswered twin gets both', async () => {
    server.clock.set(DateTime.fromISO('2026-11-16T15:00:00Z'))
    const ask = (title: string) =>
      mutate(p.menteeKey, 'askQuestion', 'AskQuestionInput', {
        mentorshipId: p.mentorshipId,
        title,
        urgency: 'THIS_WEEK',
        context: { goal: 'Quieter logs', tried: 'WARN everywhere' },
      })
    const answered = await ask('Which log level?')
    await ask('Which log format?')
    server.clock.set(DateTime.fromISO('2026-11-16T16:00:00Z'))
    await mutate(p.mentorKey, 'answerQuestion', 'AnswerQuestionInput', {
      questionId: answered,
      body: 'INFO.',
    })
    // Due 15:00 UTC on Tuesday: a quarter left at 04:00 in New York, so at 09:00 there; then 10:00.
    const nearing = await sweepAt('2026-11-17T14:00:00Z')
    expect(nearing.map((m) => m.headers.get('x-trellis-reminder'))).toEqual(['QUESTION_NEARING'])
    expect(nearing[0]!.text).toContain('Which log format?')
    const overdue = await sweepAt('2026-11-17T15:00:00Z')
    expect(overdue.map((m) => m.headers.get('x-trellis-reminder'))).toEqual(['QUESTION_OVERDUE'])
    expect(overdue[0]!.text).toContain('Which log format?')
  })

  it('a cancelled call: nothing; a moved call: nudged 15 minutes before its new time, not the old', async () => {
    server.clock.set(DateTime.fromISO('2026-11-17T15:00:00Z'))
    const schedule = (start: string) =>
      mutate(p.menteeKey, 'scheduleCall', 'ScheduleCallInput', {
        mentorshipId: p.mentorshipId,
        start,
        durationMinutes: 30,
        kind: 'BIWEEKLY',
        joinUrl: 'https://meet.example/pair',
      })
    const cancelled = await schedule('2026-11-18T15:00:00Z')
    await mutate(p.mentorKey, 'cancelCall', 'CancelCallInput', { callId: cancelled, reason: 'Conference' })
    const moved = await schedule('2026-11-18T16:00:00Z')
    await mutate(p.mentorKey, 'rescheduleCall', 'RescheduleCallInput', {
      callId: moved,
      start: '2026-11-18T16:30:00Z',
    })
    expect(await kinds('2026-11-18T14:45:00Z')).toEqual([])
    expect(await kinds('2026-11-18T15:45:00Z')).toEqual([])
    expect(await kinds('2026-11-18T16:15:00Z')).toEqual([
      'CALL_SOON: Your call with Inês Mentee starts in 15 minutes',
      'CALL_SOON: Your call with Maya Mentor starts in 15 minutes',
    ])
  })

  it('a check-in handed in early and answered: no nudge on its due day, none for a reply', async () => {
    server.clock.set(DateTime.fromISO('2026-11-18T17:00:00Z'))
    const checkInId = await mutate(p.menteeKey, 'submitCheckIn', 'SubmitCheckInInput', {
      mentorshipId: p.mentorshipId,
      markdown: CHECK_IN,
    })
    await mutate(p.mentorKey, 'replyToCheckIn', 'ReplyToCheckInInput', { checkInId, markdown: 'Thanks!' })
    expect(await kinds('2026-11-20T09:00:00Z')).toEqual([]) // Friday 09:00 in Lisbon
    expect(await kinds('2026-11-20T15:00:00Z')).toEqual([])
  })

  it('a pair on leave gets no nudges', async () => {
    server.clock.set(DateTime.fromISO('2026-11-23T10:00:00Z'))
    await mutate(p.menteeKey, 'askQuestion', 'AskQuestionInput', {
      mentorshipId: p.mentorshipId,
      title: 'Should I split the PR?',
      urgency: 'THIS_WEEK',
      context: { goal: 'Smaller reviews', tried: 'One big PR' },
    })
    await as(p.adminKey)(
      `mutation($input: PauseMentorshipInput!) { pauseMentorship(input: $input) { paused } }`,
      { input: { mentorshipId: p.mentorshipId, reason: 'vacation' } },
    )
    expect(await kinds('2026-11-24T14:00:00Z')).toEqual([]) // overdue, 09:00 in New York
  })
})
