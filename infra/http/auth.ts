import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose'
import type { Kysely } from 'kysely'
import { ScopeSchema, type Scope } from '../../services/access/events.ts'
import { parseApiKey, secretMatches } from '../../services/access/keys.ts'
import type { Actor } from '../../services/shared/actor.ts'
import { DomainError, unauthenticated } from '../../services/shared/errors.ts'
import { anonymous } from '../../services/access/handlers.ts'

export interface OidcSettings {
  issuer: string
  audience: string | null
}

export interface Credentials {
  authorization?: string | undefined
  actingAs?: string | undefined
}

/**
 * Bearer API keys (hashed, scoped, revocable) and OIDC JWTs verified against the issuer's JWKS.
 * No credentials gives the anonymous caller (it may only call `setup`); bad ones are refused.
 */
export function createAuthenticator(db: Kysely<any>, oidc: OidcSettings | null) {
  const jwks = oidc ? lazyJwks(oidc.issuer) : null

  return async function authenticate({ authorization, actingAs }: Credentials): Promise<Actor> {
    if (!authorization) return anonymous
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim())
    if (!match)
      throw unauthenticated('malformed_authorization', 'use Authorization: Bearer <API key or token>')
    const token = match[1]!
    const actor = token.startsWith('trl_')
      ? await fromApiKey(db, token)
      : await fromJwt(db, token, oidc, jwks)
    return withActingAs(actor, actingAs)
  }
}

/**
 * A refusal of a key that exists: to the caller the same as an unknown key, but it names the key,
 * so failures against one real key can be counted wherever they come from.
 */
export class RefusedKey extends DomainError {
  constructor(readonly keyId: string) {
    super('UNAUTHENTICATED', 'invalid_api_key', 'the API key is unknown or revoked')
  }
}

async function fromApiKey(db: Kysely<any>, token: string): Promise<Actor> {
  const parsed = parseApiKey(token)
  const row = parsed
    ? await db.selectFrom('api_keys').selectAll().where('id', '=', parsed.keyId).executeTakeFirst()
    : undefined
  if (!parsed || !row) throw unauthenticated('invalid_api_key', 'the API key is unknown or revoked')
  if (row.revoked_at || !secretMatches(parsed.secret, row.secret_hash)) throw new RefusedKey(row.id)
  const scopes = new Set(row.scopes as Scope[])
  return {
    id: `key:${row.id}`,
    keyId: row.id,
    scopes,
    // Only the person scope reads a person's text: an admin or analytics key that names a person
    // (the setup admin key names the admin) keeps the name as identity, not as access.
    personId: scopes.has('person') ? row.person_id : null,
    ownerId: row.person_id,
  }
}

async function fromJwt(
  db: Kysely<any>,
  token: string,
  oidc: OidcSettings | null,
  jwks: ReturnType<typeof lazyJwks> | null,
): Promise<Actor> {
  if (!oidc || !jwks) throw unauthenticated('invalid_api_key', 'the API key is unknown or revoked')
  let claims: JWTPayload
  try {
    ;({ payload: claims } = await jwtVerify(token, await jwks(), {
      issuer: oidc.issuer,
      ...(oidc.audience ? { audience: oidc.audience } : {}),
    }))
  } catch (error) {
    throw unauthenticated('invalid_token', `the token was refused: ${(error as Error).message}`)
  }
  const scopes = new Set(
    String(claims.scope ?? '')
      .split(/\s+/)
      .map((s) => ScopeSchema.safeParse(s))
      .flatMap((r) => (r.success ? [r.data] : [])),
  )
  let personId: string | null = null
  if (typeof claims.email === 'string') {
    const person = await db
      .selectFrom('people')
      .select('id')
      .where('email', '=', claims.email.toLowerCase())
      .executeTakeFirst()
    personId = person?.id ?? null
  }
  // A token for a registered person acts as that person unless it says it is a tool.
  if (personId && !scopes.has('tool')) scopes.add('person')
  else personId = null
  if (scopes.size === 0)
    throw unauthenticated('no_scope', 'the token names no Trellis scope and no registered person')
  return { id: `jwt:${claims.iss}#${claims.sub}`, keyId: null, scopes, personId }
}

/** A tool names the person it acts for; nobody else may. */
function withActingAs(actor: Actor, actingAs: string | undefined): Actor {
  if (!actor.scopes.has('tool')) return actor
  if (!actingAs) return { ...actor, personId: null }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(actingAs)) {
    throw unauthenticated('invalid_acting_as', 'Trellis-Acting-As must be a person id')
  }
  return { ...actor, personId: actingAs.toLowerCase() }
}

/** Discovery happens on first use, so Trellis starts even while the issuer is down. */
function lazyJwks(issuer: string) {
  let keySet: Promise<ReturnType<typeof createRemoteJWKSet>> | null = null
  return () => {
    keySet ??= (async () => {
      const response = await fetch(
        new URL('.well-known/openid-configuration', issuer.endsWith('/') ? issuer : `${issuer}/`),
      )
      if (!response.ok) throw new Error(`OIDC discovery failed: ${response.status}`)
      const { jwks_uri } = (await response.json()) as { jwks_uri: string }
      return createRemoteJWKSet(new URL(jwks_uri))
    })().catch((error) => {
      keySet = null
      throw error
    })
    return keySet
  }
}
