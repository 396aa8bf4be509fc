import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildProgram, CHECK_IN } from '../../test/support/program.ts'
import { bearer, startServer, type TestServer } from '../../test/support/server.ts'
import { describeWithStores } from '../../test/support/stores.ts'
import { dumpReadModels } from '../../test/support/readModels.ts'
import { rebuildReadModels } from './rebuild.ts'

describeWithStores('projections rebuilt from zero give identical tables', (kind) => {
  let server: TestServer

  beforeAll(async () => {
    server = await startServer(kind)
    const p = await buildProgram(server)
    const submitted = await server.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      { input: { mentorshipId: p.mentorshipId, markdown: CHECK_IN, weekOf: '2026-11-09' } },
      bearer(p.menteeKey),
    )
    const checkInId = submitted.data.submitCheckIn.id
    await server.gql(
      `mutation { editCheckIn(input: {checkInId: "${checkInId}", markdown: "## Week of 2026-11-09\\nedited"}) { id } }`,
      {},
      bearer(p.menteeKey),
    )
    await server.gql(
      `mutation { replyToCheckIn(input: {checkInId: "${checkInId}", markdown: "Well done"}) { id } }`,
      {},
      bearer(p.mentorKey),
    )
    const asked = await server.gql(
      `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          title: 'Why is the build slow?',
          urgency: 'BLOCKING',
          context: { goal: 'Faster builds', tried: 'Caching node_modules' },
        },
      },
      bearer(p.menteeKey),
    )
    const questionId = asked.data.askQuestion.id
    for (const [query, key] of [
      [
        `mutation { reclassifyQuestion(input: {questionId: "${questionId}", urgency: THIS_WEEK}) { id } }`,
        p.mentorKey,
      ],
      [
        `mutation { answerQuestion(input: {questionId: "${questionId}", body: "Profile it first"}) { id } }`,
        p.mentorKey,
      ],
      [
        `mutation { recordDecision(input: {mentorshipId: "${p.mentorshipId}", title: "Use pnpm", context: "c", decision: "d", why: "w"}) { id } }`,
        p.menteeKey,
      ],
      [
        `mutation { addResource(input: {title: "Build caching", body: "Notes", kind: ARTICLE, tags: ["ci"]}) { id } }`,
        p.adminKey,
      ],
      [`mutation { trackCheckInQuestions(input: {checkInId: "${checkInId}"}) { id } }`, p.menteeKey],
    ] as const) {
      const r = await server.gql(query, {}, bearer(key))
      if (r.errors) throw new Error(JSON.stringify(r.errors))
    }
    await server.gql(
      `mutation { pauseMentorship(input: {mentorshipId: "${p.mentorshipId}", reason: "vacation"}) { id } }`,
      {},
      bearer(p.adminKey),
    )
    await server.gql(
      `mutation { updatePerson(input: {id: "${p.menteeId}", timeZone: "Asia/Kathmandu"}) { id } }`,
      {},
      bearer(p.adminKey),
    )
  })
  afterAll(() => server?.close())

  const dump = () => dumpReadModels(server.trellis.database.db)

  it('every table holds the same rows after a rebuild', async () => {
    const before = await dump()
    expect(before.check_in_revisions).toHaveLength(2)
    // check-in, reply, question, answer, decision, resource
    expect(before.search_documents).toHaveLength(6)
    expect(before.question_changes).toHaveLength(1)
    await server.trellis.projector.stop()
    const result = await rebuildReadModels(server.trellis.store, server.trellis.database.db)
    expect(result.events).toBe(before.event_feed!.length)
    expect(await dump()).toEqual(before)
  })
})
