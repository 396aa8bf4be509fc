import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { bearer, startServer, type TestServer, callerWith } from '../support/server.ts'
import { describeWithStores } from '../support/stores.ts'

const QUESTION = `id title urgency status dueAt flaggedForCall checkIn { id weekOf }
  context { goal tried } changes { kind from to dueAt }`

describeWithStores(
  'journey: tracked questions, urgency changes, the decision log and the library',
  (kind) => {
    let server: TestServer
    let p: Awaited<ReturnType<typeof buildProgram>>
    const as = (key: string) => callerWith(server)(key)
    const ask = (urgency: string, title = 'How do I seed the dev database?') =>
      as(p.menteeKey)(`mutation($input: AskQuestionInput!) { askQuestion(input: $input) { ${QUESTION} } }`, {
        input: {
          mentorshipId: p.mentorshipId,
          title,
          urgency,
          context: { goal: 'Run the app locally', tried: 'The README steps' },
        },
      })

    beforeAll(async () => {
      // Friday 2026-11-20 12:00 UTC; check-ins are due Fridays (Lisbon), so the next is today's.
      server = await startServer(kind, { now: '2026-11-20T12:00:00Z' })
      p = await buildProgram(server)
    })
    afterAll(() => server?.close())

    it('a question that can wait is due at the pair’s next check-in: the end of Friday in Lisbon', async () => {
      const { askQuestion } = await ask('CAN_WAIT')
      expect(askQuestion.dueAt).toBe('2026-11-21T00:00:00.000Z')
    })

    it('the mentor reclassifies: the deadline is counted again from the asking, and the change is recorded', async () => {
      const { askQuestion: q } = await ask('CAN_WAIT', 'Tabs or spaces?')
      const { reclassifyQuestion } = await as(p.mentorKey)(
        `mutation($input: ReclassifyQuestionInput!) { reclassifyQuestion(input: $input) { ${QUESTION} } }`,
        { input: { questionId: q.id, urgency: 'THIS_WEEK' } },
      )
      expect(reclassifyQuestion).toMatchObject({
        urgency: 'THIS_WEEK',
        dueAt: '2026-11-21T12:00:00.000Z',
        changes: [
          { kind: 'RECLASSIFIED', from: 'CAN_WAIT', to: 'THIS_WEEK', dueAt: '2026-11-21T12:00:00.000Z' },
        ],
      })
    })

    it('the mentee escalates to blocking: 4 working hours of the mentor from now, 07:00 → 13:00 New York', async () => {
      const { askQuestion: q } = await ask('THIS_WEEK', 'Prod deploy fails')
      const { escalateQuestion } = await as(p.menteeKey)(
        `mutation($input: EscalateQuestionInput!) { escalateQuestion(input: $input) { ${QUESTION} } }`,
        { input: { questionId: q.id } },
      )
      expect(escalateQuestion).toMatchObject({ urgency: 'BLOCKING', dueAt: '2026-11-20T18:00:00.000Z' })
      expect(escalateQuestion.changes.map((c: { kind: string }) => c.kind)).toEqual(['ESCALATED'])
      const { flagForCall } = await as(p.mentorKey)(
        `mutation($input: FlagForCallInput!) { flagForCall(input: $input) { flaggedForCall } }`,
        { input: { questionId: q.id } },
      )
      expect(flagForCall.flaggedForCall).toBe(true)
    })

    it('the queue lists the mentor’s open questions soonest first, deadline-less last', async () => {
      const { questionQueue } = await as(p.mentorKey)(
        `{ questionQueue(first: 50) { edges { node { title dueAt } } } }`,
      )
      const dues = questionQueue.edges.map((e: { node: { dueAt: string | null } }) => e.node.dueAt)
      const known = dues.filter(Boolean)
      expect(known).toEqual([...known].sort())
      expect(
        dues.indexOf(null) === -1 || dues.slice(dues.indexOf(null)).every((d: unknown) => d === null),
      ).toBe(true)
      const mentees = await as(p.menteeKey)(`{ questionQueue { edges { node { id } } } }`)
      expect(mentees.questionQueue.edges).toEqual([])
    })

    it('the items under “Questions I Have” become tracked questions once, with the check-in as context', async () => {
      const submitted = await as(p.menteeKey)(
        `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
        { input: { mentorshipId: p.mentorshipId, markdown: CHECK_IN } },
      )
      const checkInId = submitted.submitCheckIn.id
      const track = () =>
        as(p.mentorKey)(
          `mutation($input: TrackCheckInQuestionsInput!) { trackCheckInQuestions(input: $input) { ${QUESTION} } }`,
          { input: { checkInId } },
        )
      const first = (await track()).trackCheckInQuestions
      expect(first.map((q: { title: string }) => q.title)).toEqual([
        'When should a test use the real database?',
        'Should I ask for design review before coding?',
      ])
      expect(first[0]).toMatchObject({
        urgency: 'THIS_WEEK',
        checkIn: { id: checkInId },
        context: { goal: null, tried: null },
      })
      const again = (await track()).trackCheckInQuestions
      expect(again.map((q: { id: string }) => q.id)).toEqual(first.map((q: { id: string }) => q.id))
    })

    it('decisions: the pair’s log, newest first, searchable, and hidden from the admin', async () => {
      const record = (title: string) =>
        as(p.mentorKey)(
          `mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id title recordedBy { name } } }`,
          {
            input: {
              mentorshipId: p.mentorshipId,
              title,
              context: 'The dashboard query takes 4 s',
              decision: 'Add a covering index',
              why: 'It is read far more than written',
            },
          },
        )
      await record('Index the dashboard query')
      server.clock.set(server.clock.now().plus({ minutes: 1 }))
      await record('Keep PostgreSQL for tests')
      const read = `query($id: ID!) { mentorship(id: $id) { decisions { title } } }`
      const mine = await as(p.menteeKey)(read, { id: p.mentorshipId })
      expect(mine.mentorship.decisions.map((d: { title: string }) => d.title)).toEqual([
        'Keep PostgreSQL for tests',
        'Index the dashboard query',
      ])
      const admins = await as(p.adminKey)(read, { id: p.mentorshipId })
      expect(admins.mentorship.decisions).toEqual([])
      const { search } = await as(p.menteeKey)(
        `{ search(query: "covering index", types: [DECISION]) { title snippet } }`,
      )
      expect(search).toHaveLength(2)
      expect(search[0].snippet).toContain('«covering» «index»')
    })

    it('resources: anyone adds, everyone reads, by tag; suggestions draw on answers, decisions and the library', async () => {
      const { addResource } = await as(p.adminKey)(
        `mutation($input: AddResourceInput!) { addResource(input: $input) { id tags kind url } }`,
        {
          input: {
            title: 'Seeding a dev database',
            url: 'https://example.com/seeding',
            kind: 'ARTICLE',
            tags: ['Databases', 'onboarding', 'databases'],
          },
        },
      )
      expect(addResource).toMatchObject({ tags: ['databases', 'onboarding'], kind: 'ARTICLE' })
      const byTag = await as(p.menteeKey)(`{ resources(tag: "DATABASES") { edges { node { id title } } } }`)
      expect(byTag.resources.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([addResource.id])
      const refused = await server.gql(
        `mutation($input: AddResourceInput!) { addResource(input: $input) { id } }`,
        { input: { title: 'x', url: 'javascript:alert(1)', kind: 'ARTICLE' } },
        bearer(p.adminKey),
      )
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.url' }],
      })

      const { suggestAnswers } = await as(p.menteeKey)(
        `query($m: ID!) { suggestAnswers(mentorshipId: $m, text: "how do I seed my local database with test data") { type title } }`,
        { m: p.mentorshipId },
      )
      expect(suggestAnswers.map((h: { type: string }) => h.type)).toContain('RESOURCE')
      expect(
        suggestAnswers.every((h: { type: string }) => ['ANSWER', 'DECISION', 'RESOURCE'].includes(h.type)),
      ).toBe(true)
    })

    it('the blocking window is the pair’s setting: 2 working hours after an update', async () => {
      await as(p.adminKey)(
        `mutation($input: UpdateMentorshipInput!) { updateMentorship(input: $input) { blockingWindowHours } }`,
        { input: { id: p.mentorshipId, blockingWindowHours: 2 } },
      )
      server.clock.set(server.clock.now().set({ hour: 12, minute: 0 }))
      const { askQuestion } = await ask('BLOCKING', 'Cannot log in to staging')
      expect(askQuestion.dueAt).toBe('2026-11-20T16:00:00.000Z')
    })
  },
)
