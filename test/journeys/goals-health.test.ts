import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluateHealth } from '../../services/health/evaluate.ts'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { bearer, startServer, type TestServer, callerWith } from '../support/server.ts'
import { describeWithStores } from '../support/stores.ts'
import { ARTICLE_GOALS } from '../../services/rules/articleGoals.ts'

const SET = `id period markdown progress { done total } goals { id category text done evidenceUrl readyWhen }`

describeWithStores('journey: goals in the article’s shape, and a monthly review', (kind) => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>
  const as = (key: string) => callerWith(server)(key)

  beforeAll(async () => {
    server = await startServer(kind, { now: '2026-01-28T12:00:00Z' })
    p = await buildProgram(server, { startedOn: '2026-01-05' })
  })
  afterAll(() => server?.close())

  let set: any
  it('the article’s Markdown imports exactly and exports back the same', async () => {
    ;({ createGoalSet: set } = await as(p.menteeKey)(
      `mutation($input: CreateGoalSetInput!) { createGoalSet(input: $input) { ${SET} } }`,
      { input: { mentorshipId: p.mentorshipId, period: '2026-Q1', markdown: ARTICLE_GOALS } },
    ))
    expect(set.progress).toEqual({ done: 0, total: 9 })
    expect(set.goals.map((g: { category: string }) => g.category)).toEqual([
      ...Array(3).fill('Technical Skills'),
      ...Array(3).fill('Process Understanding'),
      ...Array(3).fill('Communication'),
    ])
    expect(set.markdown).toBe(ARTICLE_GOALS)
  })

  it('a list with no goals is BAD_USER_INPUT with a reason', async () => {
    const r = await server.gql(
      `mutation($input: CreateGoalSetInput!) { createGoalSet(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          period: '2026-Q2',
          markdown: '## Q2 2026 Goals\n\n### Technical Skills\n',
        },
      },
      bearer(p.menteeKey),
    )
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'no_goals' })
  })

  it('a goal reached, with evidence; the review rewrites one too easy and adds one; the next review moves on', async () => {
    const [first, second] = set.goals
    await as(p.menteeKey)(`mutation($input: UpdateGoalInput!) { updateGoal(input: $input) { id done } }`, {
      input: { id: first.id, done: true, evidenceUrl: 'https://github.com/example/pull/42' },
    })
    const before = await as(p.menteeKey)(`query($id: ID!) { mentorship(id: $id) { nextReviewOn } }`, {
      id: p.mentorshipId,
    })
    expect(before.mentorship.nextReviewOn).toBe('2026-02-02')
    server.clock.set(server.clock.now().plus({ days: 5 }))
    const { recordReview } = await as(p.mentorKey)(
      `mutation($input: RecordReviewInput!) { recordReview(input: $input) { id summary changes { goalId change newText } } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          summary: 'Good month: the review habit is forming.',
          goalChanges: [
            { goalId: second.id, change: 'TOO_EASY', newText: 'Lead code review for a cross-team PR' },
          ],
          newGoals: [{ category: 'Communication', text: 'Write the on-call runbook' }],
        },
      },
    )
    expect(recordReview.changes).toEqual([
      { goalId: second.id, change: 'TOO_EASY', newText: 'Lead code review for a cross-team PR' },
    ])
    const { goalSet } = await as(p.menteeKey)(`query($id: ID!) { goalSet(id: $id) { ${SET} } }`, {
      id: set.id,
    })
    expect(goalSet.progress).toEqual({ done: 1, total: 10 })
    expect(goalSet.markdown).toContain('- [x] Complete TypeScript migration on feature module')
    expect(goalSet.markdown).toContain('- [ ] Lead code review for a cross-team PR')
    expect(goalSet.markdown).toContain('- [ ] Write the on-call runbook')
    const after = await as(p.menteeKey)(
      `query($id: ID!) { mentorship(id: $id) { nextReviewOn reviews { summary } } }`,
      { id: p.mentorshipId },
    )
    expect(after.mentorship.nextReviewOn).toBe('2026-03-02')
    expect(after.mentorship.reviews).toEqual([{ summary: 'Good month: the review habit is forming.' }])
    const { search } = await as(p.mentorKey)(`{ search(query: "habit", types: [REVIEW]) { type id } }`)
    expect(search).toEqual([{ type: 'REVIEW', id: recordReview.id }])
    // Outside the pair: no goals at all.
    const admin = await as(p.adminKey)(`query($id: ID!) { goalSet(id: $id) { id } }`, { id: set.id })
    expect(admin.goalSet).toBeNull()
  })

  it('a reply gets feedback hints, for the pair only', async () => {
    const { submitCheckIn } = await as(p.menteeKey)(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      { input: { mentorshipId: p.mentorshipId, markdown: CHECK_IN } },
    )
    const read = (key: string) =>
      as(key)(
        `query($id: ID!) { checkIn(id: $id) { replies { feedbackHints { principle reason rewriteHint } } } }`,
        {
          id: submitCheckIn.id,
        },
      )
    await as(p.mentorKey)(`mutation($input: ReplyToCheckInInput!) { replyToCheckIn(input: $input) { id } }`, {
      input: {
        checkInId: submitCheckIn.id,
        markdown: 'You are careless. This is wrong. Fix this. Rewrite the test.',
      },
    })
    const hints = (await read(p.menteeKey)).checkIn.replies[0].feedbackHints
    expect(hints.map((h: { principle: string }) => h.principle)).toEqual(
      expect.arrayContaining(['PERSON_FOCUSED', 'CORRECTION_WITHOUT_EXAMPLE', 'COMMANDS_WITHOUT_QUESTIONS']),
    )
    expect((await read(p.adminKey)).checkIn.replies[0].feedbackHints).toEqual([])
  })
})

describe('journey: two missed weeks raise a health signal in the HR feed; a submission clears it', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer('pglite', { now: '2026-11-25T12:00:00Z', lifecyclePollMs: 50 })
    await server.trellis.startLifecycle()
  })
  afterAll(() => server?.close())

  it('STOPPED_SUBMITTING is raised, then cleared', async () => {
    // Started three weeks ago; check-ins due Fridays, none written: 6, 13 and 20 November missed.
    const p = await buildProgram(server, { startedOn: '2026-11-02' })
    const { createApiKey } = (
      await server.gql(
        `mutation { createApiKey(input: {name: "HR", scopes: [EVENTS_READ]}) { apiKey } }`,
        {},
        bearer(p.adminKey),
      )
    ).data
    const hr = bearer(createApiKey.apiKey)
    const missed = async () =>
      (
        await server.gql(
          `query($m: ID) { events(first: 100, mentorshipId: $m, types: ["CheckInMissed"]) { edges { cursor } } }`,
          { m: p.mentorshipId },
          hr,
        )
      ).data.events.edges.length
    for (let i = 0; i < 200 && (await missed()) < 3; i++) await new Promise((r) => setTimeout(r, 50))
    expect(await missed()).toBe(3)
    // The read models catch up on the lifecycle's records before health reads them.
    await new Promise((r) => setTimeout(r, 200))
    await evaluateHealth(server.trellis.deps, p.mentorshipId)
    const signals = async (types: string[]) =>
      (
        await server.gql(
          `query($m: ID, $t: [String!]) { events(first: 100, mentorshipId: $m, types: $t) { edges { node { type data } } } }`,
          { m: p.mentorshipId, t: types },
          hr,
        )
      ).data.events.edges.map(
        (e: { node: { type: string; data: { kind: string; explanation?: string } } }) => e.node,
      )
    const raised = await signals(['HealthSignalRaised'])
    expect(raised.map((e: { data: { kind: string } }) => e.data.kind)).toContain('STOPPED_SUBMITTING')
    expect(raised[0].data.explanation).toMatch(/2026-11/)
    const onMentorship = await server.gql(
      `query($id: ID!) { mentorship(id: $id) { healthSignals { kind explanation since } } }`,
      { id: p.mentorshipId },
      bearer(p.adminKey),
    )
    expect(onMentorship.data.mentorship.healthSignals.map((s: { kind: string }) => s.kind)).toContain(
      'STOPPED_SUBMITTING',
    )

    await server.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      { input: { mentorshipId: p.mentorshipId, markdown: CHECK_IN } },
      bearer(p.menteeKey),
    )
    await evaluateHealth(server.trellis.deps, p.mentorshipId)
    await new Promise((r) => setTimeout(r, 200))
    const cleared = await signals(['HealthSignalCleared'])
    expect(cleared.map((e: { data: { kind: string } }) => e.data.kind)).toContain('STOPPED_SUBMITTING')
  })
})
