import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { bearer, startServer, type GqlResponse, type TestServer } from '../support/server.ts'

/** Malformed ids, cursors, strings and bodies are the caller's mistake: never an internal error. */
describe('journey: malformed input is BAD_USER_INPUT naming what is wrong', () => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>
  let admin: Record<string, string>

  beforeAll(async () => {
    server = await startServer('pglite')
    p = await buildProgram(server)
    admin = bearer(p.adminKey)
  })
  afterAll(() => server?.close())

  const refusal = (r: GqlResponse<unknown>) => ({
    code: r.errors?.[0]?.extensions.code,
    fields: r.errors?.[0]?.extensions.fields?.map((f) => f.field),
  })
  const bad = (...fields: string[]) => ({ code: 'BAD_USER_INPUT', fields })

  describe('ids and cursors', () => {
    it.each([
      ['mentorship', `{ mentorship(id: "x") { id } }`],
      ['person', `{ person(id: "x") { id } }`],
      ['checkIn', `{ checkIn(id: "1; drop table people") { id } }`],
    ])('%s(id:) with an id that is not a UUID is null: nothing has that id', async (field, query) => {
      const r = await server.gql(query, {}, admin)
      expect(r.errors).toBeUndefined()
      expect(r.data[field as never]).toBeNull()
    })

    it('events(mentorshipId:) that is not a UUID names mentorshipId', async () => {
      const r = await server.gql(`{ events(mentorshipId: "not-a-uuid") { edges { cursor } } }`, {}, admin)
      expect(refusal(r)).toEqual(bad('mentorshipId'))
    })

    it('a list item of the wrong type is named like any other field: types.1, not types[1]', async () => {
      const r = await server.gql(
        `query($types: [String!]) { events(types: $types) { edges { cursor } } }`,
        { types: ['CheckInSubmitted', 5] },
        admin,
      )
      expect(refusal(r)).toEqual(bad('types.1'))
    })

    it('an events cursor past the largest position names after; the largest itself is a cursor', async () => {
      const over = await server.gql(
        `{ events(after: "9999999999999999999") { edges { cursor } } }`,
        {},
        admin,
      )
      expect(refusal(over)).toEqual(bad('after'))
      const max = await server.gql(`{ events(after: "9223372036854775807") { edges { cursor } } }`, {}, admin)
      expect(max.data.events.edges).toEqual([])
    })

    it.each([
      ['a year only', '2026|00000000-0000-4000-8000-000000000000'],
      ['a date without time', '2026-11-20|00000000-0000-4000-8000-000000000000'],
      ['an id that is not a UUID', '2026-11-20T12:00:00.000Z|------------------------------------'],
      ['a third part', '2026-11-20T12:00:00.000Z|00000000-0000-4000-8000-000000000000|x'],
    ])('a mentorships cursor with %s names after', async (_, cursor) => {
      const after = Buffer.from(cursor).toString('base64url')
      const r = await server.gql(`{ mentorships(after: "${after}") { totalCount } }`, {}, admin)
      expect(refusal(r)).toEqual(bad('after'))
    })

    it('a mentorships cursor from the list still pages', async () => {
      const first = await server.gql(`{ mentorships(first: 1) { pageInfo { endCursor } } }`, {}, admin)
      const after = first.data.mentorships.pageInfo.endCursor
      const next = await server.gql(`{ mentorships(after: "${after}") { totalCount } }`, {}, admin)
      expect(next.errors).toBeUndefined()
    })
  })

  describe('strings the store cannot hold: NUL and unpaired surrogates', () => {
    const submit = (input: Record<string, unknown>) =>
      server.gql(
        `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
        { input: { mentorshipId: p.mentorshipId, weekOf: '2026-11-02', markdown: CHECK_IN, ...input } },
        bearer(p.menteeKey),
      )

    it('a NUL in markdown names input.markdown', async () => {
      expect(refusal(await submit({ markdown: 'Week\u0000 one' }))).toEqual(bad('input.markdown'))
    })

    it('a lone surrogate in markdown or the idempotency key names the field', async () => {
      expect(refusal(await submit({ markdown: 'half an emoji \ud83d' }))).toEqual(bad('input.markdown'))
      expect(refusal(await submit({ idempotencyKey: 'k\udc00' }))).toEqual(bad('input.idempotencyKey'))
    })

    it('a person’s name, a key’s name and a pause reason are checked too', async () => {
      const person = await server.gql(
        `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
        { input: { email: `nul-${Date.now()}@test.trellis`, name: 'A\u0000B', timeZone: 'UTC' } },
        admin,
      )
      expect(refusal(person)).toEqual(bad('input.name'))
      const key = await server.gql(
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey } }`,
        { input: { name: '\ud800', scopes: ['EVENTS_READ'] } },
        admin,
      )
      expect(refusal(key)).toEqual(bad('input.name'))
      const pause = await server.gql(
        `mutation($input: PauseMentorshipInput!) { pauseMentorship(input: $input) { id } }`,
        { input: { mentorshipId: p.mentorshipId, reason: 'leave\u0000' } },
        admin,
      )
      expect(refusal(pause)).toEqual(bad('input.reason'))
    })

    it('an event type filter with a NUL names types.0', async () => {
      const r = await server.gql(
        `query($t: [String!]) { events(types: $t) { edges { cursor } } }`,
        { t: ['\u0000'] },
        admin,
      )
      expect(refusal(r)).toEqual(bad('types.0'))
    })
  })

  describe('request bodies', () => {
    const post = async (body: string) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...admin },
        body,
      })
      const json = (await response.json()) as GqlResponse<unknown> & { data: unknown }
      return {
        status: response.status,
        data: json.data,
        ...refusal(json),
        reason: json.errors?.[0]?.extensions.reason,
      }
    }

    it.each([
      ['an empty body', '', 400, 'empty_body', 'body'],
      ['a body that is not JSON', '{"query": ', 400, 'invalid_json', 'body'],
      [
        'a body over 1 MiB',
        JSON.stringify({ query: `{ me { id } } #${'x'.repeat(1024 * 1024)}` }),
        413,
        'body_too_large',
        'body',
      ],
      ['a query that is not a string', '{"query": 5}', 400, 'invalid_query', 'query'],
      ['no query', '{}', 400, 'missing_query', 'query'],
    ])(
      '%s is refused with HTTP %i and a GraphQL-shaped BAD_USER_INPUT',
      async (_, body, status, reason, field) => {
        expect(await post(body)).toEqual({
          status,
          data: null,
          code: 'BAD_USER_INPUT',
          fields: [field],
          reason,
        })
      },
    )
  })

  describe('values written in the query text', () => {
    it('a date literal that does not exist names input.weekOf', async () => {
      const r = await server.gql(
        `mutation { submitCheckIn(input: {mentorshipId: "${p.mentorshipId}", markdown: "x", weekOf: "2026-02-30"}) { id } }`,
        {},
        bearer(p.menteeKey),
      )
      expect(refusal(r)).toEqual(bad('input.weekOf'))
    })

    it('an unknown enum value names input.to', async () => {
      const r = await server.gql(
        `mutation { transitionMentorship(input: {mentorshipId: "${p.mentorshipId}", to: BOGUS, reason: "x"}) { id } }`,
        {},
        admin,
      )
      expect(refusal(r)).toEqual(bad('input.to'))
    })

    it('a bad value in a variable names the argument it fills, whatever the variable is called', async () => {
      const r = await server.gql(
        `mutation($i: SubmitCheckInInput!) { submitCheckIn(input: $i) { id } }`,
        { i: { mentorshipId: p.mentorshipId, markdown: 'x', weekOf: '2026-02-30' } },
        bearer(p.menteeKey),
      )
      expect(refusal(r)).toEqual(bad('input.weekOf'))
    })

    it('a syntax error still names something: the query', async () => {
      expect(refusal(await server.gql(`{ mentorships { `, {}, admin))).toEqual(bad('query'))
    })
  })
})
