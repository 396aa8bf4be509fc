import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { bearer, startServer, type TestServer, callerWith } from '../support/server.ts'

/** What analytics reads: a pair's weeks as counts and times, and never its text. */
describe('journey: the weekly metrics reflect the pair’s record', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer('pglite', { now: '2026-11-25T12:00:00Z', lifecyclePollMs: 50 })
    await server.trellis.startLifecycle()
  })
  afterAll(() => server?.close())

  it('missed and written check-ins, reply time, questions by urgency and window, goals reached, calls held', async () => {
    const p = await buildProgram(server, { startedOn: '2026-11-02' })
    const as = (key: string) => callerWith(server)(key)
    const { createApiKey } = await as(p.adminKey)(
      `mutation { createApiKey(input: {name: "analytics", scopes: [PROJECTIONS_READ]}) { apiKey } }`,
    )
    const analytics = as(createApiKey.apiKey)
    const metrics = async () =>
      (
        await analytics(
          `query($m: ID) { programMetrics(from: "2026-11-02", to: "2026-11-29", mentorshipId: $m) {
            weekOf checkIn firstReplyHours goalsDone callsHeld callsSkipped
            questions { blocking thisWeek canWait answeredWithinWindow answeredLate } } }`,
          { m: p.mentorshipId },
        )
      ).programMetrics
    for (
      let i = 0;
      i < 200 && (await metrics()).filter((w: { checkIn: string }) => w.checkIn === 'MISSED').length < 3;
      i++
    )
      await new Promise((r) => setTimeout(r, 50))

    const { submitCheckIn } = await as(p.menteeKey)(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      { input: { mentorshipId: p.mentorshipId, markdown: CHECK_IN } },
    )
    server.clock.set(server.clock.now().plus({ hours: 3 }))
    await as(p.mentorKey)(`mutation($input: ReplyToCheckInInput!) { replyToCheckIn(input: $input) { id } }`, {
      input: {
        checkInId: submitCheckIn.id,
        markdown: 'Nice progress on the export. What would you test first?',
      },
    })
    const ask = (urgency: string) =>
      as(p.menteeKey)(`mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`, {
        input: { mentorshipId: p.mentorshipId, title: 'Q', urgency, context: { goal: 'g', tried: 't' } },
      })
    const blocking = (await ask('BLOCKING')).askQuestion.id
    await ask('CAN_WAIT')
    await as(p.mentorKey)(`mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id } }`, {
      input: { questionId: blocking, body: 'Restart the worker.' },
    })
    const { createGoalSet } = await as(p.menteeKey)(
      `mutation($input: CreateGoalSetInput!) { createGoalSet(input: $input) { goals { id } } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          period: '2026-Q4',
          goals: [
            { category: 'Technical Skills', text: 'Ship the export' },
            { category: 'Communication', text: 'Demo it' },
          ],
        },
      },
    )
    await as(p.menteeKey)(`mutation($input: UpdateGoalInput!) { updateGoal(input: $input) { id } }`, {
      input: { id: createGoalSet.goals[0].id, done: true },
    })
    await as(p.mentorKey)(`mutation($input: RecordReviewInput!) { recordReview(input: $input) { id } }`, {
      input: {
        mentorshipId: p.mentorshipId,
        summary: 's',
        goalChanges: [{ goalId: createGoalSet.goals[1].id, change: 'DONE' }],
      },
    })
    const { scheduleCall } = await as(p.menteeKey)(
      `mutation($input: ScheduleCallInput!) { scheduleCall(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          start: '2026-11-25T14:00:00Z',
          durationMinutes: 30,
          kind: 'BIWEEKLY',
        },
      },
    )
    await as(p.mentorKey)(
      `mutation($input: RecordCallOutcomeInput!) { recordCallOutcome(input: $input) { id } }`,
      {
        input: { callId: scheduleCall.id, status: 'HELD', notes: 'private notes' },
      },
    )

    const weeks = await metrics()
    expect(weeks.map((w: { weekOf: string; checkIn: string }) => [w.weekOf, w.checkIn])).toEqual([
      ['2026-11-02', 'MISSED'],
      ['2026-11-09', 'MISSED'],
      ['2026-11-16', 'MISSED'],
      ['2026-11-23', 'ON_TIME'],
    ])
    expect(weeks[3]).toMatchObject({
      firstReplyHours: 3,
      goalsDone: 2,
      callsHeld: 1,
      callsSkipped: 0,
      questions: { blocking: 1, thisWeek: 0, canWait: 1, answeredWithinWindow: 1, answeredLate: 0 },
    })
    expect(JSON.stringify(weeks)).not.toMatch(/private notes|Restart the worker|Ship the export/)

    const refused = await server.gql(
      `{ programMetrics(from: "2026-11-02", to: "2026-11-29") { weekOf } }`,
      {},
      bearer(p.menteeKey),
    )
    expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN')
  })
})
