import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signToken, startIssuer } from '../support/oidcIssuer.ts'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { bearer, startServer, type TestServer } from '../support/server.ts'

describe('journey: OIDC tokens verified against the issuer’s JWKS', () => {
  let issuer: Awaited<ReturnType<typeof startIssuer>>
  let stranger: Awaited<ReturnType<typeof startIssuer>>
  let server: TestServer
  let program: Awaited<ReturnType<typeof buildProgram>>
  let menteeEmail: string

  beforeAll(async () => {
    issuer = await startIssuer()
    stranger = await startIssuer()
    server = await startServer('pglite', { config: { oidc: { issuer: issuer.issuer, audience: 'trellis' } } })
    program = await buildProgram(server)
    const me = await server.gql(
      `{ person(id: "${program.menteeId}") { email } }`,
      {},
      bearer(program.adminKey),
    )
    menteeEmail = me.data.person.email
    await server.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      { input: { mentorshipId: program.mentorshipId, markdown: CHECK_IN } },
      bearer(program.menteeKey),
    )
  })
  afterAll(async () => {
    await server?.close()
    await issuer?.close()
    await stranger?.close()
  })

  it('a token for a registered person acts as that person', async () => {
    const jwt = await signToken(issuer.privateKey, issuer.issuer, { email: menteeEmail })
    const r = await server.gql(
      `{ me { scopes person { id } } mentorships { edges { node { checkIns(first: 1) { edges { node { markdown } } } } } } }`,
      {},
      bearer(jwt),
    )
    expect(r.data.me).toEqual({ scopes: ['PERSON'], person: { id: program.menteeId } })
    expect(r.data.mentorships.edges[0].node.checkIns.edges[0].node.markdown).toBe(CHECK_IN)
  })

  it('a service token with the events:read scope reads the redacted feed', async () => {
    const jwt = await signToken(issuer.privateKey, issuer.issuer, { scope: 'events:read' })
    const r = await server.gql(
      `{ events(types: ["CheckInSubmitted"]) { edges { node { data redacted } } } }`,
      {},
      bearer(jwt),
    )
    expect(r.data.events.edges[0].node).toMatchObject({ redacted: ['markdown'], data: { markdown: null } })
  })

  it('an expired token is UNAUTHENTICATED', async () => {
    const jwt = await signToken(issuer.privateKey, issuer.issuer, { email: menteeEmail }, '-1m')
    const r = await server.gql(`{ me { id } }`, {}, bearer(jwt))
    expect(r.status).toBe(401)
    expect(r.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED')
  })

  it('a token signed by another issuer is UNAUTHENTICATED', async () => {
    const forged = await signToken(stranger.privateKey, issuer.issuer, { email: menteeEmail, scope: 'admin' })
    const r = await server.gql(`{ me { id } }`, {}, bearer(forged))
    expect(r.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED')
    const otherIssuer = await signToken(stranger.privateKey, stranger.issuer, { email: menteeEmail })
    expect((await server.gql(`{ me { id } }`, {}, bearer(otherIssuer))).errors?.[0]?.extensions.code).toBe(
      'UNAUTHENTICATED',
    )
  })
})
