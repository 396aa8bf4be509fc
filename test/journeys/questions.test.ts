import { afterAll, beforeAll, expect, it } from 'vitest'
import { recordOverdueQuestions } from '../../services/questions/overdue.ts'
import { buildProgram } from '../support/program.ts'
import { bearer, startServer, type TestServer } from '../support/server.ts'
import { describeWithStores } from '../support/stores.ts'

const QUESTION = `id title urgency status askedAt dueAt dueAtLocal { mentor mentee } answeredAt withinWindow overdue
  flaggedForCall context { goal tried errors hypothesis } answers { body author { name } }
  changes { kind from to dueAt } askedBy { name } responder { name }`

describeWithStores('journey: a question asked, answered on time, and one that runs late', (kind) => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>
  const as =
    (key: string) =>
    (query: string, variables: Record<string, unknown> = {}) =>
      server.gql(query, variables, bearer(key))

  beforeAll(async () => {
    // Friday 2026-11-20 12:00 UTC: 07:00 for the New York mentor, 12:00 in Lisbon.
    server = await startServer(kind, { now: '2026-11-20T12:00:00Z' })
    p = await buildProgram(server)
  })
  afterAll(() => server?.close())

  const ask = (input: Record<string, unknown>) =>
    as(p.menteeKey)(`mutation($input: AskQuestionInput!) { askQuestion(input: $input) { ${QUESTION} } }`, {
      input: { mentorshipId: p.mentorshipId, ...input },
    })

  it('a blocking question is due after 4 of the mentor’s working hours: Friday 13:00 in New York', async () => {
    const r = await ask({
      title: 'Tests fail on CI only',
      urgency: 'BLOCKING',
      context: { goal: 'Get the PR green', tried: 'Re-ran the job twice', errors: 'ECONNREFUSED 5432' },
    })
    expect(r.errors).toBeUndefined()
    const q = r.data.askQuestion
    expect(q).toMatchObject({
      urgency: 'BLOCKING',
      status: 'OPEN',
      dueAt: '2026-11-20T18:00:00.000Z',
      dueAtLocal: { mentor: '2026-11-20T13:00:00.000-05:00', mentee: '2026-11-20T18:00:00.000+00:00' },
      withinWindow: null,
      responder: { name: 'Maya Mentor' },
    })
    const queue = await as(p.mentorKey)(`{ questionQueue { edges { node { id dueAt } } } }`)
    expect(queue.data.questionQueue.edges.map((e: any) => e.node.id)).toContain(q.id)

    const answered = await as(p.mentorKey)(
      `mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) { ${QUESTION} } }`,
      { input: { questionId: q.id, body: 'The CI database starts after the tests: wait for it.' } },
    )
    expect(answered.data.answerQuestion).toMatchObject({ status: 'ANSWERED', withinWindow: true })
  })

  it('missing context is BAD_USER_INPUT naming goal and tried', async () => {
    const r = await as(p.menteeKey)(
      `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          title: 'x',
          urgency: 'CAN_WAIT',
          context: { goal: ' ', tried: '' },
        },
      },
    )
    expect(r.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT')
    expect(r.errors?.[0]?.extensions.fields?.map((f) => f.field).sort()).toEqual([
      'input.context.goal',
      'input.context.tried',
    ])
  })

  it('an answer nested deeper than rendering can follow is refused, naming the field', async () => {
    const r = await ask({ title: 'Deep?', urgency: 'CAN_WAIT', context: { goal: 'g', tried: 't' } })
    const deep = await as(p.mentorKey)(
      `mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id } }`,
      { input: { questionId: r.data.askQuestion.id, body: `${'> '.repeat(5000)}deep` } },
    )
    expect(deep.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.body' }],
    })
  })

  it('a deadline that passes unanswered is recorded once as QuestionOverdue', async () => {
    const r = await ask({
      title: 'Which queue library?',
      urgency: 'THIS_WEEK',
      context: { goal: 'Pick one', tried: 'Read docs' },
    })
    const id = r.data.askQuestion.id
    server.clock.set(server.clock.now().plus({ hours: 25 }))
    expect(await recordOverdueQuestions(server.trellis.deps)).toBeGreaterThanOrEqual(1)
    await recordOverdueQuestions(server.trellis.deps)
    const events = await server.gql(
      `{ events(first: 100, types: ["QuestionOverdue"]) { edges { node { data } } } }`,
      {},
      bearer(p.adminKey),
    )
    expect(events.data.events.edges.filter((e: any) => e.node.data.questionId === id)).toHaveLength(1)
    const q = await as(p.menteeKey)(`query($id: ID!) { question(id: $id) { ${QUESTION} } }`, { id })
    expect(q.data.question).toMatchObject({ overdue: true, withinWindow: false, status: 'OPEN' })
  })

  it('search finds the pair’s question and answer; another pair finds nothing', async () => {
    const r = await as(p.menteeKey)(`{ search(query: "CI") { type title snippet mentorshipId } }`)
    expect(r.errors).toBeUndefined()
    expect(r.data.search.map((h: any) => h.type).sort()).toEqual(['ANSWER', 'QUESTION'].sort())
    const other = await buildProgram(server)
    const s = await as(other.menteeKey)(`{ search(query: "CI") { type title snippet } }`)
    expect(s.data.search).toEqual([])
  })
})

describeWithStores(
  'journey: the questions’ own timer records a passed deadline with nobody asking',
  (kind) => {
    let server: TestServer
    beforeAll(async () => {
      server = await startServer(kind, { now: '2026-11-20T12:00:00Z', lifecyclePollMs: 50 })
      await server.trellis.startLifecycle()
    })
    afterAll(() => server?.close())

    it('QuestionOverdue appears in the feed once the clock passes the deadline', async () => {
      const p = await buildProgram(server)
      const asked = await server.gql(
        `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id dueAt } }`,
        {
          input: {
            mentorshipId: p.mentorshipId,
            title: 'Is the job queue idempotent?',
            urgency: 'BLOCKING',
            context: { goal: 'Retry safely', tried: 'Read the worker code' },
          },
        },
        bearer(p.menteeKey),
      )
      const id = asked.data.askQuestion.id
      server.clock.set(server.clock.now().plus({ days: 1 }))
      const overdue = async () =>
        (
          await server.gql(
            `{ events(first: 100, types: ["QuestionOverdue"]) { edges { node { data } } } }`,
            {},
            bearer(p.adminKey),
          )
        ).data.events.edges.filter(
          (e: { node: { data: { questionId: string } } }) => e.node.data.questionId === id,
        )
      const until = Date.now() + 10_000
      while ((await overdue()).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
      expect(await overdue()).toHaveLength(1)
    })
  },
)
