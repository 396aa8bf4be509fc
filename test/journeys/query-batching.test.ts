import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as queries from '../../services/checkins/queries.ts'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { bearer, startServer, type TestServer } from '../support/server.ts'

// Counts the read-model queries the whole server makes (the mock applies to every importer).
vi.mock('../../services/checkins/queries.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../services/checkins/queries.ts')>()
  return { ...original, findCheckIn: vi.fn(original.findCheckIn), revisionsFor: vi.fn(original.revisionsFor) }
})

/** A page of check-ins with their revisions costs a fixed number of queries, not one per row. */
describe('journey: a page of check-ins and their revisions is read in batches', () => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>

  beforeAll(async () => {
    server = await startServer('pglite')
    p = await buildProgram(server)
    const mentee = bearer(p.menteeKey)
    for (const weekOf of ['2026-11-02', '2026-11-09', '2026-11-16']) {
      const r = await server.gql(
        `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
        { input: { mentorshipId: p.mentorshipId, markdown: CHECK_IN, weekOf } },
        mentee,
      )
      for (const markdown of ['second', 'third']) {
        await server.gql(
          `mutation($input: EditCheckInInput!) { editCheckIn(input: $input) { id } }`,
          { input: { checkInId: r.data.submitCheckIn.id, markdown } },
          mentee,
        )
      }
    }
  })
  afterAll(() => server?.close())

  it('three check-ins with three revisions each: one revisions query and no check-in lookups', async () => {
    vi.mocked(queries.findCheckIn).mockClear()
    vi.mocked(queries.revisionsFor).mockClear()
    const r = await server.gql(
      `{ mentorship(id: "${p.mentorshipId}") { checkIns(first: 3) { edges { node { revisions { revision markdown } } } } } }`,
      {},
      bearer(p.menteeKey),
    )
    const revisions = r.data.mentorship.checkIns.edges.map((e: any) => e.node.revisions)
    expect(revisions).toHaveLength(3)
    for (const list of revisions) {
      expect(list.map((v: any) => v.revision)).toEqual([0, 1, 2])
      expect(list.map((v: any) => v.markdown)).toEqual([CHECK_IN, 'second', 'third'])
    }
    expect(queries.revisionsFor).toHaveBeenCalledTimes(1)
    expect(queries.findCheckIn).not.toHaveBeenCalled()
  })

  it('outside the pair the revisions are there without their text', async () => {
    const r = await server.gql(
      `{ mentorship(id: "${p.mentorshipId}") { checkIns(first: 1) { edges { node { revisions { markdown } } } } } }`,
      {},
      bearer(p.adminKey),
    )
    expect(r.data.mentorship.checkIns.edges[0].node.revisions).toEqual([
      { markdown: null },
      { markdown: null },
      { markdown: null },
    ])
  })
})
