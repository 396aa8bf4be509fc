import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { evaluateHealth } from '../../services/health/evaluate.ts'
import type { EmbeddedEngine } from '../../workflows/embedded.ts'
import { untilDispatched } from './lifecycle.ts'
import { buildProgram, CHECK_IN } from './program.ts'
import { bearer, callerWith, type TestServer } from './server.ts'

/**
 * On a server started with `lifecyclePollMs: 0` and its lifecycle started: a program with a row
 * in every exported table. Every text anyone typed (check-ins, replies, questions, answers, call links, notes and agendas, goal
 * categories, texts and evidence, review summaries, pause reasons, names and emails) holds
 * `marker`, so a test can look for it in what analytics receives.
 */
export async function buildAnalyticsProgram(server: TestServer) {
  const marker = `mrk${randomUUID().replaceAll('-', '').slice(0, 16)}`
  const person = (role: string) => ({
    email: `${marker}-${role}-${randomUUID().slice(0, 8)}@test.trellis`,
    name: `${role} ${marker}`,
  })
  // Two pairs started the same day: their weeks, signals and reviews tie on the first key column.
  const pairs = [
    await buildProgram(server, { mentee: person('mentee'), mentor: person('mentor') }),
    await buildProgram(server, { mentee: person('mentee'), mentor: person('mentor') }),
  ]
  const as = callerWith(server)
  const { createApiKey } = await as(pairs[0]!.adminKey)(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey } }`,
    { input: { name: `analytics ${marker}`, scopes: ['PROJECTIONS_READ'] } },
  )

  // Started 2 November, check-ins due Fridays: the lifecycle misses 6, 13 and 20 November. The
  // server ticks it by hand (no polling), so nothing changes the tables while a test pages them.
  for (let round = 0; round < 10; round++) {
    await untilDispatched(server.trellis)
    if ((await (server.trellis.engine as EmbeddedEngine).tick()) === 0) break
  }
  await waitFor(async () => {
    const rows = await server.trellis.deps.db
      .selectFrom('check_in_dues')
      .select('week_of')
      .where('missed', '=', true)
      .execute()
    return rows.length >= 6
  })
  for (const p of pairs) await evaluateHealth(server.trellis.deps, p.mentorshipId)
  // Health records without waiting for the read models; the tests read them.
  await caughtUp(server)

  // A call's outcome is recorded once it has started: after the clock has passed both calls.
  const outcomes: Array<{ key: string; input: Record<string, unknown> }> = []
  for (const [i, p] of pairs.entries()) {
    const mentee = as(p.menteeKey)
    const mentor = as(p.mentorKey)
    const m = p.mentorshipId
    const { submitCheckIn } = await mentee(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      { input: { mentorshipId: m, markdown: CHECK_IN.replace('the flaky', `the ${marker} flaky`) } },
    )
    await mentor(`mutation($input: ReplyToCheckInInput!) { replyToCheckIn(input: $input) { id } }`, {
      input: { checkInId: submitCheckIn.id, markdown: `Good work, "${marker}", on the export.` },
    })
    const questions = []
    for (const urgency of ['BLOCKING', 'THIS_WEEK', 'CAN_WAIT']) {
      const { askQuestion } = await mentee(
        `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`,
        {
          input: {
            mentorshipId: m,
            title: `title, ${marker}`,
            body: `body ${marker}`,
            urgency,
            context: {
              goal: `goal ${marker}`,
              tried: `tried ${marker}`,
              errors: `errors ${marker}`,
              hypothesis: `hypothesis ${marker}`,
            },
          },
        },
      )
      questions.push(askQuestion.id as string)
    }
    await mentor(`mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id } }`, {
      input: { questionId: questions[0], body: `answer ${marker}` },
    })

    for (const [start, outcome] of [
      ['2026-11-25T14:00:00Z', { status: 'HELD' }],
      ['2026-11-26T14:00:00Z', { status: 'SKIPPED', skippedBy: 'MENTEE' }],
    ] as const) {
      const { scheduleCall } = await mentee(
        `mutation($input: ScheduleCallInput!) { scheduleCall(input: $input) { id } }`,
        {
          input: {
            mentorshipId: m,
            start,
            durationMinutes: 30,
            kind: 'BIWEEKLY',
            joinUrl: `https://meet.example/${marker}`,
          },
        },
      )
      await mentee(`mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }`, {
        input: { callId: scheduleCall.id, text: `agenda ${marker}` },
      })
      outcomes.push({
        key: p.mentorKey,
        input: { callId: scheduleCall.id, notes: `notes ${marker}`, ...outcome },
      })
    }

    const goal = { category: `category ${marker}`, text: `goal ${marker}`, readyWhen: `ready ${marker}` }
    const { createGoalSet } = await mentee(
      `mutation($input: CreateGoalSetInput!) { createGoalSet(input: $input) { goals { id } } }`,
      { input: { mentorshipId: m, period: '2026-Q4', goals: [goal, goal, goal] } },
    )
    const [done, reworded] = createGoalSet.goals.map((g: { id: string }) => g.id)
    await mentee(`mutation($input: UpdateGoalInput!) { updateGoal(input: $input) { id } }`, {
      input: { id: done, done: true, evidenceUrl: `https://example.com/${marker}` },
    })
    await mentor(`mutation($input: RecordReviewInput!) { recordReview(input: $input) { id } }`, {
      input: {
        mentorshipId: m,
        summary: `summary ${marker}`,
        goalChanges: [{ goalId: reworded, change: 'TOO_EASY', newText: `harder ${marker}` }],
        newGoals: [goal],
      },
    })
    if (i === 1)
      await as(p.adminKey)(
        `mutation($input: PauseMentorshipInput!) { pauseMentorship(input: $input) { id } }`,
        {
          input: { mentorshipId: m, until: '2026-12-31', reason: `leave ${marker}` },
        },
      )
  }
  server.clock.set(DateTime.fromISO('2026-11-26T15:00:00Z', { zone: 'utc' }))
  for (const { key, input } of outcomes)
    await as(key)(`mutation($input: RecordCallOutcomeInput!) { recordCallOutcome(input: $input) { id } }`, {
      input,
    })
  await caughtUp(server)
  return { marker, pairs, analytics: bearer(createApiKey.apiKey) }
}

async function caughtUp(server: TestServer) {
  await server.trellis.projector.waitFor(await server.trellis.store.headPosition())
}

async function waitFor(ready: () => Promise<boolean>) {
  for (let i = 0; i < 400; i++) {
    if (await ready()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('the lifecycle did not record the missed weeks in time')
}
