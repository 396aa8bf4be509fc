import { afterAll, beforeAll, expect, it } from 'vitest'
import { createClient } from 'graphql-ws'
import WebSocket from 'ws'
import { describeWithStores } from '../support/stores.ts'
import { bearer, startServer, type TestServer } from '../support/server.ts'
import { buildProgram, CHECK_IN, keyFor, register } from '../support/program.ts'

const CHECK_IN_FIELDS = `id weekOf status late submittedAt markdown html warnings
  sections { accomplished struggled questions nextWeekGoals feedbackForMentor }
  replies { id markdown onTime author { name } }`

describeWithStores('journey: the first week of a mentorship', (kind) => {
  let server: TestServer
  let program: Awaited<ReturnType<typeof buildProgram>>
  let hrKey: string
  let strangerKey: string

  beforeAll(async () => {
    server = await startServer(kind, { now: '2026-11-20T12:00:00Z' })
    program = await buildProgram(server)
    const admin = bearer(program.adminKey)
    const hr = await server.gql(
      `mutation { createApiKey(input: {name: "HR", scopes: [EVENTS_READ]}) { apiKey } }`,
      {},
      admin,
    )
    hrKey = hr.data.createApiKey.apiKey
    const other = await buildProgram(server)
    strangerKey = other.menteeKey
  })
  afterAll(() => server?.close())

  it('setup works once: a second call is a CONFLICT', async () => {
    const again = await server.gql(
      `mutation { setup(input: {email: "second@example.com", name: "X", timeZone: "UTC"}) { apiKey } }`,
    )
    expect(again.errors?.[0]?.extensions.code).toBe('CONFLICT')
  })

  it('an unknown time zone is BAD_USER_INPUT naming the field', async () => {
    const r = await server.gql(
      `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
      { input: { email: 'mars@test.trellis', name: 'Mars', timeZone: 'Mars/Olympus_Mons' } },
      bearer(program.adminKey),
    )
    expect(r.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT')
    expect(r.errors?.[0]?.extensions.fields?.map((f) => f.field)).toContain('input.timeZone')
  })

  it('the mentee sees their mentorship; a stranger sees none of it', async () => {
    const query = `{ mentorships { totalCount edges { node { id mentor { name } mentee { name timeZone } phase currentWeekOf } } } }`
    const mine = await server.gql(query, {}, bearer(program.menteeKey))
    expect(mine.data.mentorships.totalCount).toBe(1)
    expect(mine.data.mentorships.edges[0].node).toMatchObject({
      id: program.mentorshipId,
      phase: 'WEEKLY',
      currentWeekOf: '2026-11-16',
    })
    const theirs = await server.gql(
      `{ mentorship(id: "${program.mentorshipId}") { id } }`,
      {},
      bearer(strangerKey),
    )
    expect(theirs.data.mentorship).toBeNull()
  })

  let checkInId: string

  it('the mentee submits this week’s check-in in the article’s template', async () => {
    const r = await server.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { ${CHECK_IN_FIELDS} } }`,
      { input: { mentorshipId: program.mentorshipId, markdown: CHECK_IN, idempotencyKey: 'week-47' } },
      bearer(program.menteeKey),
    )
    expect(r.errors).toBeUndefined()
    const checkIn = r.data.submitCheckIn
    checkInId = checkIn.id
    expect(checkIn).toMatchObject({
      weekOf: '2026-11-16',
      status: 'SUBMITTED',
      late: false,
      warnings: [],
      markdown: CHECK_IN,
    })
    expect(checkIn.sections.questions).toEqual([
      'When should a test use the real database?',
      'Should I ask for design review before coding?',
    ])
    expect(checkIn.sections.nextWeekGoals).toHaveLength(3)
    expect(checkIn.html).toContain('<h3>What I Accomplished</h3>')
  })

  it('a repeat with the same idempotency key returns the first result and appends nothing', async () => {
    const before = await server.trellis.store.headPosition()
    const r = await server.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      {
        input: { mentorshipId: program.mentorshipId, markdown: 'different text', idempotencyKey: 'week-47' },
      },
      bearer(program.menteeKey),
    )
    expect(r.data.submitCheckIn.id).toBe(checkInId)
    expect(await server.trellis.store.headPosition()).toBe(before)
  })

  it('a second check-in for the same week is a CONFLICT', async () => {
    const r = await server.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      { input: { mentorshipId: program.mentorshipId, markdown: CHECK_IN } },
      bearer(program.menteeKey),
    )
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'check_in_exists' })
  })

  it('the HR system receives the reply live over WebSocket without its text', async () => {
    const client = createClient({
      url: server.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${hrKey}` },
    })
    const received: any[] = []
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: `subscription { events(types: ["ReplyWritten"]) { type mentorshipId data redacted } }` },
        { next: (m) => (received.push(m), resolve()), error: reject, complete: () => {} },
      )
    })
    await new Promise((r) => setTimeout(r, 200)) // let the subscription register

    server.clock.set(server.clock.now().plus({ hours: 3 }))
    const reply = await server.gql(
      `mutation($input: ReplyToCheckInInput!) { replyToCheckIn(input: $input) { markdown onTime author { name } } }`,
      {
        input: {
          checkInId,
          markdown: 'Great progress! What would happen if the cache key included the lockfile hash?',
        },
      },
      bearer(program.mentorKey),
    )
    expect(reply.data.replyToCheckIn).toMatchObject({ onTime: true, author: { name: 'Maya Mentor' } })

    await done
    await client.dispose()
    expect(received[0].data.events).toMatchObject({
      type: 'ReplyWritten',
      mentorshipId: program.mentorshipId,
      redacted: ['markdown'],
    })
    expect(received[0].data.events.data.markdown).toBeNull()
    expect(JSON.stringify(received)).not.toContain('lockfile')
  })

  it('after the reply the check-in is REPLIED and the mentee reads it', async () => {
    const r = await server.gql(
      `{ checkIn(id: "${checkInId}") { ${CHECK_IN_FIELDS} } }`,
      {},
      bearer(program.menteeKey),
    )
    expect(r.data.checkIn.status).toBe('REPLIED')
    expect(r.data.checkIn.replies[0].markdown).toContain('lockfile hash')
  })

  it('an admin sees statuses and dates but no text; a stranger sees nothing', async () => {
    const admin = await server.gql(
      `{ checkIn(id: "${checkInId}") { ${CHECK_IN_FIELDS} } }`,
      {},
      bearer(program.adminKey),
    )
    expect(admin.data.checkIn).toMatchObject({
      status: 'REPLIED',
      markdown: null,
      html: null,
      sections: null,
    })
    expect(admin.data.checkIn.replies[0].markdown).toBeNull()
    const stranger = await server.gql(
      `{ checkIn(id: "${checkInId}") { id status } }`,
      {},
      bearer(strangerKey),
    )
    expect(stranger.data.checkIn).toBeNull()
  })

  it('the HR key reads the feed redacted and may not query mentorships', async () => {
    const feed = await server.gql(
      `{ events(types: ["CheckInSubmitted", "ReplyWritten"], mentorshipId: "${program.mentorshipId}") { edges { node { type data redacted } } } }`,
      {},
      bearer(hrKey),
    )
    expect(feed.data.events.edges.map((e: any) => e.node.type)).toEqual(['CheckInSubmitted', 'ReplyWritten'])
    expect(JSON.stringify(feed.data)).not.toContain('Docker cache')
    const forbidden = await server.gql(`{ mentorships { totalCount } }`, {}, bearer(hrKey))
    expect(forbidden.errors?.[0]?.extensions.code).toBe('FORBIDDEN')
  })

  it('the mentee reads the same feed with the text', async () => {
    const feed = await server.gql(
      `{ events(types: ["CheckInSubmitted"]) { edges { node { data redacted } } } }`,
      {},
      bearer(program.menteeKey),
    )
    expect(feed.data.events.edges).toHaveLength(1)
    expect(feed.data.events.edges[0].node.data.markdown).toBe(CHECK_IN)
  })

  it('a tool acting for the mentor reads the text; acting for a stranger it does not', async () => {
    const admin = bearer(program.adminKey)
    const tool = await keyFor(server, admin, program.mentorId, ['TOOL']).catch(async () => {
      const r = await server.gql(
        `mutation { createApiKey(input: {name: "portal", scopes: [TOOL]}) { apiKey } }`,
        {},
        admin,
      )
      return r.data.createApiKey.apiKey as string
    })
    const asMentor = await server.gql(
      `{ checkIn(id: "${checkInId}") { markdown } }`,
      {},
      bearer(tool, program.mentorId),
    )
    expect(asMentor.data.checkIn.markdown).toBe(CHECK_IN)
    const someone = await register(server, admin, {
      email: `someone-${Date.now()}@test.trellis`,
      name: 'S',
      timeZone: 'UTC',
    })
    const asSomeone = await server.gql(
      `{ checkIn(id: "${checkInId}") { markdown } }`,
      {},
      bearer(tool, someone),
    )
    expect(asSomeone.data.checkIn).toBeNull()
  })

  it('no key, a bad key and a revoked key are UNAUTHENTICATED', async () => {
    const none = await server.gql(`{ me { id } }`)
    expect(none.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED')
    const bad = await server.gql(
      `{ me { id } }`,
      {},
      bearer('trl_00000000000000000000000000000000_' + 'x'.repeat(43)),
    )
    expect(bad.status).toBe(401)
    expect(bad.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED')
    const admin = bearer(program.adminKey)
    const created = await server.gql(
      `mutation { createApiKey(input: {name: "temp", scopes: [EVENTS_READ]}) { apiKey keyId } }`,
      {},
      admin,
    )
    const { apiKey, keyId } = created.data.createApiKey
    expect((await server.gql(`{ me { scopes } }`, {}, bearer(apiKey))).data.me.scopes).toEqual([
      'EVENTS_READ',
    ])
    await server.gql(`mutation { revokeApiKey(input: {id: "${keyId}"}) }`, {}, admin)
    const revoked = await server.gql(`{ me { id } }`, {}, bearer(apiKey))
    expect(revoked.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED')
  })

  it('every use of the admin scope is an event only admins see', async () => {
    const admin = await server.gql(
      `query AuditMe { events(types: ["AdminActionPerformed"], first: 100) { edges { node { data } } } }`,
      {},
      bearer(program.adminKey),
    )
    const operations = admin.data.events.edges.map((e: any) => e.node.data.operation)
    expect(operations).toContain('AuditMe')
    const hr = await server.gql(
      `{ events(types: ["AdminActionPerformed"]) { edges { node { type } } } }`,
      {},
      bearer(hrKey),
    )
    expect(hr.data.events.edges).toEqual([])
  })
})
