import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgram, CHECK_IN, register } from '../support/program.ts'
import { bearer, startServer, type TestServer } from '../support/server.ts'

/** A pair's text and a person's email reach only those they belong to, whatever a key claims. */
describe('journey: what a key may read follows its scope, not the person it names', () => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>
  let admin: Record<string, string>

  const createKey = (input: Record<string, unknown>) =>
    server.gql(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey } }`,
      { input: { name: 'key', ...input } },
      admin,
    )

  beforeAll(async () => {
    server = await startServer('pglite')
    p = await buildProgram(server)
    admin = bearer(p.adminKey)
    const submitted = await server.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      { input: { mentorshipId: p.mentorshipId, markdown: CHECK_IN, weekOf: '2026-11-16' } },
      bearer(p.menteeKey),
    )
    if (submitted.errors) throw new Error(JSON.stringify(submitted.errors))
  })
  afterAll(() => server?.close())

  it.each(['PROJECTIONS_READ', 'EVENTS_READ', 'ADMIN', 'TOOL'])(
    'only a PERSON key is bound to a person: %s with a personId names input.personId',
    async (scope) => {
      const r = await createKey({ scopes: [scope], personId: p.mentorId })
      expect(r.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT')
      expect(r.errors?.[0]?.extensions.fields?.map((f) => f.field)).toEqual(['input.personId'])
    },
  )

  it('the setup admin key names the admin but never reads the text of a pair the admin is in', async () => {
    const me = await server.gql(`{ me { person { id } } }`, {}, admin)
    const adminId: string = me.data.me.person.id
    const mentee = await register(server, admin, {
      email: `admin-mentee-${Date.now()}@test.trellis`,
      name: 'Mentee of the admin',
      timeZone: 'Europe/Lisbon',
    })
    const started = await server.gql(
      `mutation($input: StartMentorshipInput!) { startMentorship(input: $input) { id } }`,
      { input: { mentorId: adminId, menteeId: mentee, startedOn: '2026-11-02' } },
      admin,
    )
    const mentorshipId: string = started.data.startMentorship.id
    const key = await createKey({ scopes: ['PERSON'], personId: mentee })
    const checkIn = await server.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id markdown } }`,
      { input: { mentorshipId, markdown: 'private to the pair', weekOf: '2026-11-16' } },
      bearer(key.data.createApiKey.apiKey),
    )
    expect(checkIn.data.submitCheckIn.markdown).toBe('private to the pair')

    const read = await server.gql(
      `{ checkIn(id: "${checkIn.data.submitCheckIn.id}") { markdown } }`,
      {},
      admin,
    )
    expect(read.data.checkIn).toEqual({ markdown: null })
    const feed = await server.gql(
      `{ events(types: ["CheckInSubmitted"], mentorshipId: "${mentorshipId}") { edges { node { data redacted } } } }`,
      {},
      admin,
    )
    expect(feed.data.events.edges[0].node).toMatchObject({ data: { markdown: null }, redacted: ['markdown'] })
  })

  it('an email is for admins, the person and their partners: a tool that also reads analytics sees no stranger’s', async () => {
    const stranger = await register(server, admin, {
      email: `stranger-${Date.now()}@test.trellis`,
      name: 'Stranger',
      timeZone: 'UTC',
    })
    const key = await createKey({ scopes: ['PROJECTIONS_READ', 'TOOL'] })
    const asMentee = bearer(key.data.createApiKey.apiKey, p.menteeId)
    const email = async (id: string, headers: Record<string, string>) =>
      (await server.gql(`{ person(id: "${id}") { email } }`, {}, headers)).data.person.email
    expect(await email(p.menteeId, asMentee)).toMatch(/^mentee-/)
    expect(await email(p.mentorId, asMentee)).toMatch(/^mentor-/)
    expect(await email(stranger, asMentee)).toBeNull()

    const analytics = await createKey({ scopes: ['PROJECTIONS_READ'] })
    expect(await email(p.menteeId, bearer(analytics.data.createApiKey.apiKey))).toBeNull()
    expect(await email(stranger, admin)).toMatch(/^stranger-/)
  })

  it('in the feed a person’s email is for them and the admins: HR and analytics get it redacted', async () => {
    const query = `{ events(types: ["PersonRegistered"], first: 100) { edges { node { data redacted } } } }`
    const hrKey = await createKey({ scopes: ['EVENTS_READ'] })
    const hr = await server.gql(query, {}, bearer(hrKey.data.createApiKey.apiKey))
    const nodes: Array<{ data: { email: string | null }; redacted: string[] }> = hr.data.events.edges.map(
      (e: any) => e.node,
    )
    expect(nodes.length).toBeGreaterThan(2)
    expect(nodes.every((n) => n.data.email === null && n.redacted.includes('email'))).toBe(true)
    expect(JSON.stringify(hr.data)).not.toContain('@test.trellis')

    const own = await server.gql(query, {}, bearer(p.menteeKey))
    expect(own.data.events.edges.map((e: any) => e.node.data.email)).toEqual([
      expect.stringMatching(/^mentee-/),
    ])
    const asAdmin = await server.gql(query, {}, admin)
    expect(asAdmin.data.events.edges.every((e: any) => typeof e.node.data.email === 'string')).toBe(true)
  })
})
