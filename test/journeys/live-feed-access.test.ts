import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from 'graphql-ws'
import WebSocket from 'ws'
import { buildProgram } from '../support/program.ts'
import { bearer, startServer, type TestServer } from '../support/server.ts'

/** The live feed over WebSocket answers with what graphql-ws clients understand, and stops with the key. */
describe('journey: who may keep listening to the live feed', () => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>

  beforeAll(async () => {
    server = await startServer('pglite')
    p = await buildProgram(server)
  })
  afterAll(() => server?.close())

  const clientWith = (authorization?: string) =>
    createClient({
      url: server.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: authorization ? { authorization } : {},
    })

  /** Subscribes and resolves with whatever ends the subscription: an error or completion. */
  const ending = (client: ReturnType<typeof clientWith>) =>
    new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `subscription { events { type } }` },
        { next: () => {}, error: resolve, complete: () => resolve('complete') },
      )
    })

  it.each([
    ['no key', undefined],
    ['an unknown key', `Bearer trl_${'0'.repeat(32)}_${'x'.repeat(43)}`],
  ])('a connection with %s is closed with 4401 UNAUTHENTICATED', async (_, authorization) => {
    const client = clientWith(authorization)
    const ended = (await ending(client)) as { code?: number; reason?: string }
    await client.dispose()
    expect({ code: ended.code, reason: ended.reason }).toEqual({ code: 4401, reason: 'UNAUTHENTICATED' })
  })

  it('revoking a key ends its open subscription with UNAUTHENTICATED', async () => {
    const created = await server.gql(
      `mutation { createApiKey(input: {name: "HR live", scopes: [EVENTS_READ]}) { apiKey keyId } }`,
      {},
      bearer(p.adminKey),
    )
    const { apiKey, keyId } = created.data.createApiKey
    const client = clientWith(`Bearer ${apiKey}`)
    const ended = ending(client)
    await new Promise((r) => setTimeout(r, 200)) // let the subscription register

    const revoked = await server.gql(
      `mutation { revokeApiKey(input: {id: "${keyId}"}) }`,
      {},
      bearer(p.adminKey),
    )
    expect(revoked.errors).toBeUndefined()

    const stillOpen = new Promise((r) => setTimeout(() => r('still open after 5 s'), 5000))
    const errors = (await Promise.race([ended, stillOpen])) as Array<{
      extensions?: { code?: string; reason?: string }
    }>
    await client.dispose()
    expect(errors[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'api_key_revoked' })
  })
})
