import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTrellis, type Trellis } from '../../infra/trellis.ts'
import { sendDueReminders } from '../../services/reminders/sweep.ts'
import { reminderStream } from '../../services/reminders/handlers.ts'
import { manualClock } from '../../services/shared/clock.ts'
import { createPostgresDatabase, dropPostgresDatabase, postgresAvailable } from '../support/databases.ts'
import { buildProgram } from '../support/program.ts'
import { callerWith, serve, testConfig, type TestServer } from '../support/server.ts'
import { startSmtpInbox } from '../support/smtpInbox.ts'

const postgresUp = await postgresAvailable()

/**
 * Two Trellis instances on one PostgreSQL, both sweeping at the same moments: every reminder is
 * claimed on its person's stream by exactly one of them, so each arrives once. The mentor works
 * in Lord Howe (+11:00), the mentee in Kathmandu (+05:45); 04:50 UTC is inside both their days.
 */
describe.skipIf(!postgresUp)('journey: two instances on one PostgreSQL send each reminder once', () => {
  let url: string
  let a: Trellis
  let b: Trellis
  let api: TestServer
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>
  let p: Awaited<ReturnType<typeof buildProgram>>
  const clock = manualClock(DateTime.fromISO('2026-03-17T04:00:00Z'))

  beforeAll(async () => {
    inbox = await startSmtpInbox()
    url = await createPostgresDatabase()
    const config = testConfig({ databaseUrl: url, smtpUrl: inbox.url, publicUrl: 'https://trellis.example' })
    a = await createTrellis(config, { clock, lifecyclePollMs: 0 })
    b = await createTrellis(config, { clock, lifecyclePollMs: 0 })
    api = await serve(a, clock)
    p = await buildProgram(api, {
      mentor: { timeZone: 'Australia/Lord_Howe' },
      mentee: { timeZone: 'Asia/Kathmandu' },
      startedOn: '2026-03-16',
    })
    const as = (key: string) => callerWith(api)(key)
    const ask = (key: string, title: string) =>
      as(key)(`mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`, {
        input: {
          mentorshipId: p.mentorshipId,
          title,
          urgency: 'THIS_WEEK',
          context: { goal: 'Ship it', tried: 'Everything' },
        },
      })
    // Due 24 hours later: three to the mentor, one to the mentee.
    for (const title of ['Cache or not?', 'Which index?', 'Retry how often?']) await ask(p.menteeKey, title)
    await ask(p.mentorKey, 'What did you try first?')
    await as(p.menteeKey)(`mutation($input: ScheduleCallInput!) { scheduleCall(input: $input) { id } }`, {
      input: {
        mentorshipId: p.mentorshipId,
        start: '2026-03-18T05:00:00Z',
        durationMinutes: 30,
        kind: 'BIWEEKLY',
        joinUrl: 'https://meet.example/pair',
      },
    })
  })
  afterAll(async () => {
    await api?.close()
    await b?.close()
    await inbox?.close()
    if (url) await dropPostgresDatabase(url)
  })

  it('sweeping together, round after round, they deliver each of the six nudges exactly once', async () => {
    // 15:50 in Lord Howe, 10:35 in Kathmandu: the questions are overdue, the call 10 minutes away.
    clock.set(DateTime.fromISO('2026-03-18T04:50:00Z'))
    for (const trellis of [a, b]) await trellis.projector.waitFor(await trellis.store.headPosition())
    const rounds = []
    for (let i = 0; i < 4; i++)
      rounds.push(await Promise.all([sendDueReminders(a.deps), sendDueReminders(b.deps)]))
    const kinds = (to: string) =>
      inbox.received
        .filter((m) => m.to[0] === to)
        .map((m) => m.headers.get('x-trellis-reminder'))
        .sort()
    const [mentor, mentee] = await Promise.all(
      [p.mentorId, p.menteeId].map(async (id) => {
        const r = await api.gql(
          `query($id: ID!) { person(id: $id) { email } }`,
          { id },
          { authorization: `Bearer ${p.adminKey}` },
        )
        return r.data.person.email as string
      }),
    )
    expect(kinds(mentor!)).toEqual(['CALL_SOON', 'QUESTION_OVERDUE', 'QUESTION_OVERDUE', 'QUESTION_OVERDUE'])
    expect(kinds(mentee!)).toEqual(['CALL_SOON', 'QUESTION_OVERDUE'])
    expect(inbox.received).toHaveLength(6)
    // Six sent in all, whichever instance sent each; the later rounds found nothing left.
    expect(rounds.map(([x, y]) => x + y)).toEqual([6, 0, 0, 0])
    // The store holds one claim per mail.
    const claims = async (personId: string) =>
      (await a.store.readStream(reminderStream(personId))).filter((e) => e.type === 'ReminderSent').length
    expect((await claims(p.mentorId)) + (await claims(p.menteeId))).toBe(6)
  })
})
