import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose'

/** An OIDC issuer of our own: discovery document and JWKS over real HTTP on loopback. */
export async function startIssuer() {
  const { publicKey, privateKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }
  let issuer = ''
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json')
    if (request.url === '/.well-known/openid-configuration') {
      response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks.json` }))
    } else if (request.url === '/jwks.json') response.end(JSON.stringify({ keys: [jwk] }))
    else response.writeHead(404).end('{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    issuer,
    privateKey,
    /** A token from this issuer, signed with its key unless another is given (a forgery). */
    sign: (claims: Record<string, unknown>, expiresIn = '5m', key: CryptoKey = privateKey) =>
      signToken(key, issuer, claims, expiresIn),
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

/** A JWT for audience `trellis` naming `issuer`, whoever's key signs it. */
export function signToken(key: CryptoKey, issuer: string, claims: Record<string, unknown>, expiresIn = '5m') {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setIssuer(issuer)
    .setSubject(String(claims.email ?? 'service'))
    .setAudience('trellis')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key)
}
