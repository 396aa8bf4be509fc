import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgram } from '../support/program.ts'
import { bearer, startServer, type TestServer } from '../support/server.ts'

/**
 * A mentorship started seven months ago, on the embedded default: the lifecycle catches up on its
 * missed weeks and proposes the step down; the mentee confirms it over the API.
 */
describe('journey: a mentorship seven months in', () => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>
  let hr: Record<string, string>

  beforeAll(async () => {
    server = await startServer('pglite', { now: '2026-11-18T12:00:00Z', lifecyclePollMs: 50 })
    await server.trellis.startLifecycle()
    p = await buildProgram(server, { startedOn: '2026-04-20', checkInWeekday: 5 })
    const key = await server.gql(
      `mutation { createApiKey(input: {name: "HR", scopes: [EVENTS_READ]}) { apiKey } }`,
      {},
      bearer(p.adminKey),
    )
    hr = bearer(key.data.createApiKey.apiKey)
  })
  afterAll(() => server?.close())

  async function feed(types: string[]) {
    const r = await server.gql(
      `query($types: [String!], $m: ID) { events(first: 100, types: $types, mentorshipId: $m) { edges { node { type occurredAt data } } } }`,
      { types, m: p.mentorshipId },
      hr,
    )
    return r.data.events.edges.map((e: any) => e.node)
  }

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean) {
    for (let i = 0; i < 200; i++) {
      const value = await read()
      if (done(value)) return value
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('the lifecycle did not get there')
  }

  it('the HR feed shows every missed week and the proposal to step down', async () => {
    const proposed = await eventually(
      () => feed(['PhaseChangeProposed']),
      (events) => events.length > 0,
    )
    expect(proposed).toEqual([
      expect.objectContaining({
        occurredAt: '2026-10-19T23:00:00.000Z',
        data: expect.objectContaining({ from: 'WEEKLY', to: 'MONTHLY' }),
      }),
    ])
    const missed = await feed(['CheckInMissed'])
    // Fridays from 24 April to 13 November; this week's is still open.
    expect(missed).toHaveLength(30)
    expect(missed.at(-1).data.weekOf).toBe('2026-11-09')
  })

  it('the read model shows the proposal, the missed weeks and what is due next', async () => {
    const r = await server.gql(
      `{ mentorship(id: "${p.mentorshipId}") { phase phaseProposal { to since } nextCheckInDue paused
          checkIns(first: 3) { edges { node { id weekOf status dueAt } } } } }`,
      {},
      bearer(p.menteeKey),
    )
    const m = r.data.mentorship
    expect(m).toMatchObject({
      phase: 'WEEKLY',
      paused: false,
      phaseProposal: { to: 'MONTHLY', since: '2026-10-19T23:00:00.000Z' },
    })
    expect(m.nextCheckInDue).toBe('2026-11-21T00:00:00.000Z')
    // This week's check-in falls due on Friday; until then it is `nextCheckInDue`, not a listed week.
    expect(m.checkIns.edges.map((e: any) => [e.node.weekOf, e.node.status])).toEqual([
      ['2026-11-09', 'MISSED'],
      ['2026-11-02', 'MISSED'],
      ['2026-10-26', 'MISSED'],
    ])
    // A missed week is a check-in the API can be asked for by its id, like a submitted one.
    const missed = m.checkIns.edges[0].node
    const byId = await server.gql(
      `{ checkIn(id: "${missed.id}") { weekOf status dueAt markdown } }`,
      {},
      bearer(p.menteeKey),
    )
    expect(byId.data.checkIn).toEqual({
      weekOf: '2026-11-09',
      status: 'MISSED',
      dueAt: missed.dueAt,
      markdown: null,
    })
  })

  it('the mentee confirms: the mentorship moves to monthly check-ins', async () => {
    const r = await server.gql(
      `mutation { respondToPhaseProposal(input: {mentorshipId: "${p.mentorshipId}", accept: true}) { phase phaseProposal { to } nextCheckInDue } }`,
      {},
      bearer(p.menteeKey),
    )
    expect(r.data.respondToPhaseProposal).toMatchObject({ phase: 'MONTHLY', phaseProposal: null })
    // The first Friday of December, at the end of the day in Lisbon.
    expect(r.data.respondToPhaseProposal.nextCheckInDue).toBe('2026-12-05T00:00:00.000Z')
    const changed = await feed(['MentorshipPhaseChanged'])
    expect(changed).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ from: 'WEEKLY', to: 'MONTHLY', reason: null }),
      }),
    ])
  })

  it('leave pauses the cadence: nothing falls due until it resumes', async () => {
    const paused = await server.gql(
      `mutation { pauseMentorship(input: {mentorshipId: "${p.mentorshipId}", until: "2026-12-31", reason: "parental leave"}) { paused nextCheckInDue } }`,
      {},
      bearer(p.adminKey),
    )
    expect(paused.data.pauseMentorship).toEqual({ paused: true, nextCheckInDue: null })
    const resumed = await server.gql(
      `mutation { resumeMentorship(input: {mentorshipId: "${p.mentorshipId}"}) { paused nextCheckInDue } }`,
      {},
      bearer(p.adminKey),
    )
    expect(resumed.data.resumeMentorship).toEqual({
      paused: false,
      nextCheckInDue: '2026-12-05T00:00:00.000Z',
    })
  })
})
