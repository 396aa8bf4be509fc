import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { bearer, startServer, type TestServer } from '../support/server.ts'

/** Bad input gets a clear error naming the field, and never an internal error. */
describe('journey: refusals are clear', () => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>
  let hr: Record<string, string>

  beforeAll(async () => {
    server = await startServer('pglite')
    p = await buildProgram(server)
    const key = await server.gql(
      `mutation { createApiKey(input: {name: "HR", scopes: [EVENTS_READ]}) { apiKey } }`,
      {},
      bearer(p.adminKey),
    )
    hr = bearer(key.data.createApiKey.apiKey)
  })
  afterAll(() => server?.close())

  const submit = (input: Record<string, unknown>, key = p.menteeKey) =>
    server.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      { input },
      bearer(key),
    )
  const fields = (r: { errors?: Array<{ extensions: { fields?: Array<{ field: string }> } }> }) =>
    r.errors?.[0]?.extensions.fields?.map((f) => f.field)

  it('a weekOf that is not a Monday names input.weekOf', async () => {
    const r = await submit({ mentorshipId: p.mentorshipId, markdown: CHECK_IN, weekOf: '2026-11-18' })
    expect(r.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT')
    expect(fields(r)).toEqual(['input.weekOf'])
  })

  it('a date that does not exist is refused by the Date scalar', async () => {
    const r = await submit({ mentorshipId: p.mentorshipId, markdown: CHECK_IN, weekOf: '2026-02-30' })
    expect(r.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT')
    expect(fields(r)).toEqual(['input.weekOf'])
  })

  it('an id that is not an id names the field', async () => {
    const r = await submit({ mentorshipId: 'not-a-uuid', markdown: CHECK_IN })
    expect(fields(r)).toEqual(['input.mentorshipId'])
  })

  it('the mentor may not submit the mentee’s check-in', async () => {
    const r = await submit({ mentorshipId: p.mentorshipId, markdown: CHECK_IN }, p.mentorKey)
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'mentee_only' })
  })

  it('working hours that end before they start name the block', async () => {
    const r = await server.gql(
      `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { id } }`,
      { input: { id: p.menteeId, workingHours: [{ day: 1, start: '17:00', end: '09:00' }] } },
      bearer(p.adminKey),
    )
    expect(fields(r)).toEqual(['input.workingHours.0'])
  })

  it('a person updates their own hours and zone', async () => {
    const r = await server.gql(
      `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { timeZone workingHours { day start end } } }`,
      {
        input: {
          id: p.menteeId,
          timeZone: 'Asia/Kathmandu',
          workingHours: [{ day: 2, start: '10:00', end: '18:30' }],
        },
      },
      bearer(p.menteeKey),
    )
    expect(r.data.updatePerson).toEqual({
      timeZone: 'Asia/Kathmandu',
      workingHours: [{ day: 2, start: '10:00', end: '18:30' }],
    })
    const other = await server.gql(
      `mutation { updatePerson(input: {id: "${p.mentorId}", name: "X"}) { id } }`,
      {},
      bearer(p.menteeKey),
    )
    expect(other.errors?.[0]?.extensions.code).toBe('FORBIDDEN')
  })

  it('page sizes and cursors are checked', async () => {
    expect(
      fields(await server.gql(`{ mentorships(first: 1000) { totalCount } }`, {}, bearer(p.adminKey))),
    ).toEqual(['first'])
    expect(fields(await server.gql(`{ events(after: "abc") { edges { cursor } } }`, {}, hr))).toEqual([
      'after',
    ])
    expect(
      fields(await server.gql(`{ mentorships(after: "bm9wZQ") { totalCount } }`, {}, bearer(p.adminKey))),
    ).toEqual(['after'])
  })

  it('an HR key may not register people or read mentorships: FORBIDDEN', async () => {
    const r = await server.gql(
      `mutation { registerPerson(input: {email: "a@example.com", name: "A", timeZone: "UTC"}) { id } }`,
      {},
      hr,
    )
    expect(r.errors?.[0]?.extensions.code).toBe('FORBIDDEN')
  })

  it('a query nested too deep is refused before it runs', async () => {
    const deep = `{ mentorships { edges { node { checkIns { edges { node { mentorship { checkIns { edges { node { mentorship { mentee { name } } } } } } } } } } } } }`
    const r = await server.gql(deep, {}, bearer(p.adminKey))
    expect(r.status).toBe(400)
    expect(r.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT')
  })

  it('a query asking for too much is refused before it runs', async () => {
    const wide = `{ mentorships(first: 100) { edges { node { checkIns(first: 100) { edges { node { id weekOf status replies { id } } } } } } } }`
    const r = await server.gql(wide, {}, bearer(p.adminKey))
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'query_too_costly' })
  })

  it('a syntax error is BAD_USER_INPUT', async () => {
    const r = await server.gql(`{ mentorships { `, {}, bearer(p.adminKey))
    expect(r.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT')
  })

  it('script, handlers and javascript: URLs never survive into html', async () => {
    const markdown = `## Week of 2026-11-02\n\n### What I Accomplished\n- <script>alert(1)</script> done\n- [click](javascript:alert(1))\n- <img src=x onerror=alert(1)>\n`
    const r = await server.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { html markdown } }`,
      { input: { mentorshipId: p.mentorshipId, markdown, weekOf: '2026-11-02' } },
      bearer(p.menteeKey),
    )
    expect(r.data.submitCheckIn.markdown).toBe(markdown)
    const html: string = r.data.submitCheckIn.html
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i)
    expect(html).not.toMatch(/(href|src)\s*=\s*"?\s*javascript:/i)
  })

  it('health reports ok and the tz database version', async () => {
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ok', tz: process.versions.tz })
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
