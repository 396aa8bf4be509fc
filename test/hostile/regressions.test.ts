import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { bearer, startServer, type TestServer } from '../support/server.ts'
import { endingCodes, settle, subscribe, wsClient } from './responses.ts'

/** What the fuzzer found, kept as plain cases. */
describe('hostile: regressions found by fuzzing the schema', () => {
  let server: TestServer
  let adminKey: string
  let program: Awaited<ReturnType<typeof buildProgram>>
  let checkInId: string

  beforeAll(async () => {
    server = await startServer('pglite')
    program = await buildProgram(server)
    adminKey = program.adminKey
    const submitted = await server.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      { input: { mentorshipId: program.mentorshipId, markdown: CHECK_IN, weekOf: '2026-11-09' } },
      bearer(program.menteeKey),
    )
    checkInId = submitted.data.submitCheckIn.id
  })
  afterAll(() => server?.close())

  const manyTypes = Array.from({ length: 70_000 }, (_, i) => `Type${i}`)

  it('events(types:) with tens of thousands of types is BAD_USER_INPUT naming types, not an internal error', async () => {
    const r = await server.gql(
      `query($types: [String!]) { events(types: $types) { edges { cursor } } }`,
      { types: manyTypes },
      bearer(adminKey),
    )
    expect(r.errors?.map((e) => [e.extensions.code, e.extensions.fields?.map((f) => f.field)])).toEqual([
      ['BAD_USER_INPUT', ['types']],
    ])
    const hundred = await server.gql(
      `query($types: [String!]) { events(types: $types) { edges { cursor } } }`,
      { types: manyTypes.slice(0, 100) },
      bearer(adminKey),
    )
    expect(hundred.errors).toBeUndefined()
  })

  it('resources(tag:) with a NUL character is BAD_USER_INPUT naming tag, not an internal error', async () => {
    const r = await server.gql(
      `query($tag: String) { resources(tag: $tag) { edges { cursor } } }`,
      { tag: 'a\u0000b' },
      bearer(program.menteeKey),
    )
    expect(r.errors?.map((e) => [e.extensions.code, e.extensions.fields?.map((f) => f.field)])).toEqual([
      ['BAD_USER_INPUT', ['tag']],
    ])
  })

  it('search(types:) repeated 100,000 times answers as with each type once, not an internal error', async () => {
    const r = await server.gql(
      `query($types: [SearchHitType!]) { search(query: "docker", types: $types) { id } }`,
      { types: Array.from({ length: 100_000 }, (_, i) => (i % 2 ? 'REPLY' : 'CHECK_IN')) },
      bearer(program.menteeKey),
    )
    expect(r.errors).toBeUndefined()
    expect(r.data.search.length).toBeGreaterThan(0)
  })

  it.each([
    ['10,000 nested block quotes', '>'.repeat(10_000) + ' deep'],
    ['5,000 nested list items', '- '.repeat(5_000) + 'deep'],
    [
      'list items indented 101 levels deep',
      Array.from({ length: 102 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'),
    ],
  ])(
    'Markdown with %s is refused as BAD_USER_INPUT input.markdown: every read of it overflowed the stack',
    async (_, markdown) => {
      for (const [mutation, input] of [
        [
          'submitCheckIn(input: {mentorshipId: $id, markdown: $md, weekOf: "2026-11-16"})',
          { id: program.mentorshipId },
        ],
        ['replyToCheckIn(input: {checkInId: $id, markdown: $md})', { id: checkInId }],
      ] as const) {
        const key = mutation.startsWith('reply') ? program.mentorKey : program.menteeKey
        const r = await server.gql(
          `mutation($id: ID!, $md: String!) { ${mutation} { id } }`,
          { ...input, md: markdown },
          bearer(key),
        )
        expect(r.errors?.map((e) => [e.extensions.code, e.extensions.fields?.map((f) => f.field)])).toEqual([
          ['BAD_USER_INPUT', ['input.markdown']],
        ])
      }
    },
  )

  it('Markdown nested 100 deep is stored and read back', async () => {
    const markdown = `${'> '.repeat(50)}${'- '.repeat(50)}deep`
    const r = await server.gql(
      `mutation($input: EditCheckInInput!) { editCheckIn(input: $input) { markdown html sections { accomplished } } }`,
      { input: { checkInId, markdown } },
      bearer(program.menteeKey),
    )
    expect(r.errors).toBeUndefined()
    expect(r.data.editCheckIn.html).toContain('deep')
  })

  describe('over WebSocket, a subscription is checked like an HTTP request and its refusals carry codes', () => {
    /** The codes and fields a subscription ended with. */
    async function refusal(query: unknown, variables: Record<string, unknown> = {}, operationName?: string) {
      const client = wsClient(server.url, { authorization: `Bearer ${adminKey}` })
      const sub = subscribe(client, query as string, variables, operationName)
      await settle(sub, 2000)
      sub.stop()
      await client.dispose()
      const errors = Array.isArray(sub.ended) ? sub.ended : []
      return {
        codes: endingCodes(sub.ended),
        fields: errors.flatMap((e: { extensions?: { fields?: Array<{ field: string }> } }) =>
          (e.extensions?.fields ?? []).map((f) => f.field),
        ),
      }
    }

    it.each([
      ['a field the type lacks', `subscription { events { nope } }`, 'query'],
      ['two root fields', `subscription { events { id } again: events { id } }`, 'query'],
      ['a syntax error', `subscription { events { id `, 'query'],
      [
        'fragments that spread each other',
        `subscription { events { ...A } } fragment A on Event { ...B } fragment B on Event { ...A }`,
        'query',
      ],
      ['a query, which is not served over WebSocket', `{ me { id } }`, 'query'],
      [
        'two operations and no operationName',
        `subscription A { events { id } } subscription B { events { id } }`,
        'operationName',
      ],
    ])('%s is BAD_USER_INPUT', async (_, query, field) => {
      expect(await refusal(query)).toEqual({ codes: ['BAD_USER_INPUT'], fields: [field] })
    })

    it('a document 30,000 levels deep is BAD_USER_INPUT, and the next subscription is served', async () => {
      const deep = `subscription { events ${'{ a '.repeat(30_000)}${'}'.repeat(30_000)} }`
      expect(await refusal(deep)).toEqual({ codes: ['BAD_USER_INPUT'], fields: ['query'] })
      expect(await refusal(`subscription { events { nope } }`)).toMatchObject({ codes: ['BAD_USER_INPUT'] })
    })

    it('a message it cannot read (a __proto__ key) closes the socket with 4400, as graphql-transport-ws says', async () => {
      const variables = JSON.parse('{"types": null, "__proto__": {}}')
      const r = await refusal(`subscription($types: [String!]) { events(types: $types) { id } }`, variables)
      expect(r.codes).toEqual(['close:4400:Invalid message'])
    })

    it('a variable of the wrong shape is BAD_USER_INPUT naming the argument', async () => {
      const r = await refusal(`subscription($types: [String!]) { events(types: $types) { id } }`, {
        types: [null],
      })
      expect(r).toEqual({ codes: ['BAD_USER_INPUT'], fields: ['types.0'] }) // as over HTTP
    })

    it('tens of thousands of types are BAD_USER_INPUT naming types', async () => {
      const r = await refusal(`subscription($types: [String!]) { events(types: $types) { id } }`, {
        types: manyTypes.slice(0, 20_000),
      })
      expect(r).toEqual({ codes: ['BAD_USER_INPUT'], fields: ['types'] })
    })

    it('an operationName naming no operation is BAD_USER_INPUT naming operationName', async () => {
      expect(await refusal(`subscription A { events { id } }`, {}, 'B')).toEqual({
        codes: ['BAD_USER_INPUT'],
        fields: ['operationName'],
      })
    })

    it('a document sent as an object rather than a string is BAD_USER_INPUT naming query', async () => {
      // graphql-ws clients refuse to send one; a hostile client speaks the protocol itself.
      const socket = new WebSocket(server.url.replace('http', 'ws') + '/graphql', 'graphql-transport-ws')
      const messages: Array<{ type: string; payload?: any }> = []
      socket.on('message', (data) => messages.push(JSON.parse(String(data))))
      await new Promise((resolve) => socket.once('open', resolve))
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${adminKey}` } }),
      )
      await until(() => messages.some((m) => m.type === 'connection_ack'))
      const ast = { kind: 'Document', definitions: [] }
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: ast } }))
      await until(() => messages.some((m) => m.type === 'error'))
      socket.close()
      const error = messages.find((m) => m.type === 'error')!.payload[0]
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'query' }] })
    })
  })
})

async function until(done: () => boolean, ms = 2000) {
  const deadline = Date.now() + ms
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}
