import fc from 'fast-check'
import type { Client } from 'graphql-ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { operations, variableDocumentFor } from '../support/schemaOperations.ts'
import { bearer, startServer, type TestServer } from '../support/server.ts'
import { variablesFor, type Pools } from './arbitraries.ts'
import {
  assertProperty,
  responseProblems,
  settle,
  subscribe,
  subscriptionProblems,
  wsClient,
} from './responses.ts'

/**
 * Every Query, Mutation and Subscription field of the schema, called over real HTTP (and
 * WebSocket) with variables generated from its argument types, as an admin, a mentor and a
 * mentee. Whatever arrives, the answer is the caller's mistake or a refusal with a documented
 * code — never an internal error, never a 5xx. `HOSTILE_RUNS` raises the runs per operation.
 */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 30)
const SUBSCRIPTION_RUNS = Math.max(5, Math.round(RUNS / 2))

describe('hostile: every operation of the schema, fuzzed over HTTP', () => {
  let server: TestServer
  let pools: Pools
  const callers: Record<string, Record<string, string>> = {}
  const sockets: Client[] = []
  const ws: Record<string, Client> = {}

  beforeAll(async () => {
    server = await startServer('pglite')
    const p = await buildProgram(server)
    const other = await buildProgram(server)
    callers.admin = bearer(p.adminKey)
    callers.mentor = bearer(p.mentorKey)
    callers.mentee = bearer(p.menteeKey)
    for (const [name, key] of [
      ['admin', p.adminKey],
      ['mentor', p.mentorKey],
      ['mentee', p.menteeKey],
    ] as const) {
      sockets.push((ws[name] = wsClient(server.url, { authorization: `Bearer ${key}` })))
    }

    const submitted = await server.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      { input: { mentorshipId: p.mentorshipId, markdown: CHECK_IN, weekOf: '2026-11-09' } },
      callers.mentee,
    )
    const checkInId: string = submitted.data.submitCheckIn.id
    await server.gql(
      `mutation($input: ReplyToCheckInInput!) { replyToCheckIn(input: $input) { id } }`,
      { input: { checkInId, markdown: 'Well done' } },
      callers.mentor,
    )
    // A question (answered), a decision and a resource, so their operations reach past NOT_FOUND.
    const asked = await server.gql(
      `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          title: 'When should a test use the real database?',
          urgency: 'THIS_WEEK',
          context: { goal: 'Fast tests', tried: 'Mocks everywhere' },
        },
      },
      callers.mentee,
    )
    const questionId: string = asked.data.askQuestion.id
    await server.gql(
      `mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id } }`,
      { input: { questionId, body: 'When the query is the point' } },
      callers.mentor,
    )
    const recorded = await server.gql(
      `mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          title: 'Real database in tests',
          context: 'Mocks hid a bug',
          decision: 'Use PGlite',
          why: 'Fast enough',
        },
      },
      callers.mentor,
    )
    const added = await server.gql(
      `mutation($input: AddResourceInput!) { addResource(input: $input) { id } }`,
      {
        input: {
          title: 'Testing guide',
          url: 'https://example.com/testing',
          kind: 'ARTICLE',
          tags: ['testing'],
        },
      },
      callers.admin,
    )
    // Calls: one to come (to move, cancel, add to), one begun (its outcome recordable) with a
    // member's agenda item, so their operations reach past NOT_FOUND and the item's id is named.
    const schedule = async (start: string) => {
      const r = await server.gql(
        `mutation($input: ScheduleCallInput!) { scheduleCall(input: $input) { id } }`,
        { input: { mentorshipId: p.mentorshipId, start, durationMinutes: 30, kind: 'BIWEEKLY' } },
        callers.mentee,
      )
      return r.data.scheduleCall.id as string
    }
    const callId = await schedule('2026-12-01T15:00:00Z')
    const pastCallId = await schedule('2026-11-18T15:00:00Z')
    const item = await server.gql(
      `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { agenda { id source } } }`,
      { input: { callId: pastCallId, text: 'Docker cache again' } },
      callers.mentor,
    )
    const itemId: string = item.data.addAgendaItem.agenda.find(
      (i: { source: string }) => i.source === 'MEMBER',
    ).id
    // One left open, for the mentor's queue and its cursor.
    await server.gql(
      `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          title: 'Design review before coding?',
          urgency: 'CAN_WAIT',
          context: { goal: 'Fewer rewrites', tried: 'Coding first' },
        },
      },
      callers.mentee,
    )
    const queue = await server.gql(
      `{ questionQueue(first: 1) { pageInfo { endCursor } } }`,
      {},
      callers.mentor,
    )
    const spare = await server.gql(
      `mutation { createApiKey(input: {name: "spare", scopes: [EVENTS_READ]}) { keyId } }`,
      {},
      callers.admin,
    )
    const listed = await server.gql(
      `{ mentorships(first: 1) { pageInfo { endCursor } } events(first: 3) { pageInfo { endCursor } }
         mentorship(id: "${p.mentorshipId}") { checkIns(first: 1) { pageInfo { endCursor } } }
         a: person(id: "${p.menteeId}") { email } b: person(id: "${other.mentorId}") { email }
         resources(first: 1) { pageInfo { endCursor } } }`,
      {},
      callers.admin,
    )
    pools = {
      ids: [
        p.mentorshipId,
        p.mentorId,
        p.menteeId,
        checkInId,
        spare.data.createApiKey.keyId,
        other.mentorshipId,
        other.mentorId,
        other.menteeId,
        questionId,
        recorded.data.recordDecision.id,
        added.data.addResource.id,
        callId,
        pastCallId,
        itemId,
      ],
      emails: [listed.data.a.email, listed.data.b.email],
      cursors: [
        listed.data.mentorships.pageInfo.endCursor,
        listed.data.events.pageInfo.endCursor,
        listed.data.mentorship.checkIns.pageInfo.endCursor,
        listed.data.resources.pageInfo.endCursor,
        queue.data.questionQueue.pageInfo.endCursor,
      ],
    }
  })
  // HOSTILE_STATS=1 prints what the generated requests came to, to see they reach past the first check.
  const outcomes = new Map<string, Map<string, number>>()
  const tally = (key: string, outcome: string) => {
    const counts = outcomes.get(key) ?? outcomes.set(key, new Map()).get(key)!
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1)
  }

  afterAll(async () => {
    if (process.env.HOSTILE_STATS)
      for (const [key, counts] of outcomes) console.log(key, JSON.stringify(Object.fromEntries(counts)))
    await Promise.all(sockets.map((s) => s.dispose()))
    await server?.close()
  })

  const asCaller = () => fc.constantFrom('admin', 'mentor', 'mentee')

  for (const op of operations.filter((o) => o.kind !== 'subscription')) {
    it(`${op.key}: never an internal error, only documented codes`, async () => {
      const { query, variables: declared } = variableDocumentFor(op, 3)
      await assertProperty(
        fc.asyncProperty(asCaller(), variablesFor(declared, pools), async (caller, variables) => {
          const r = await server.gql(query, variables, callers[caller])
          tally(
            op.key,
            r.errors?.length ? `${r.errors[0]!.extensions.code}/${r.errors[0]!.extensions.reason}` : 'data',
          )
          const problems = responseProblems(r)
          if (problems.length) throw new Error(`${caller}: ${problems.join('; ')}`)
        }),
        RUNS,
      )
    })
  }

  for (const op of operations.filter((o) => o.kind === 'subscription')) {
    it(`${op.key} over WebSocket: never an internal error, only documented codes`, async () => {
      const { query, variables: declared } = variableDocumentFor(op, 3)
      await assertProperty(
        fc.asyncProperty(asCaller(), variablesFor(declared, pools), async (caller, variables) => {
          const sub = subscribe(ws[caller]!, query, variables)
          await settle(sub, 100)
          sub.stop()
          const problems = subscriptionProblems(sub)
          if (problems.length) throw new Error(`${caller}: ${problems.join('; ')}`)
        }),
        SUBSCRIPTION_RUNS,
      )
    })
  }

  it('walks queries, mutations and subscriptions of the schema', () => {
    expect(new Set(operations.map((o) => o.kind))).toEqual(new Set(['query', 'mutation', 'subscription']))
  })
})
