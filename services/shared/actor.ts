import type { Scope } from './scopes.ts'
import { badField, forbidden, unauthenticated } from './errors.ts'

/** Who is calling: a key or token's scopes, and the person it acts for (if any). */
export interface Actor {
  /** Stable id for metadata and idempotency: `key:<id>` or `jwt:<issuer>#<sub>`. */
  id: string
  keyId: string | null
  scopes: ReadonlySet<Scope>
  /**
   * The person whose text this caller may read: a person key's or token's person, or a tool's
   * acting-as. Never set for any other scope, whoever holds the key.
   */
  personId: string | null
  /** The person a key was issued to (the setup admin key names the admin): identity, never access. */
  ownerId?: string | null
}

export const systemActor: Actor = { id: 'system', keyId: null, scopes: new Set(['admin']), personId: null }

export function hasScope(actor: Actor, scope: Scope) {
  return actor.scopes.has(scope)
}

export function isAdmin(actor: Actor) {
  return actor.scopes.has('admin')
}

/** The metadata actor: the person acted for (or the key's owner) when there is one, else the key. */
export function actorRef(actor: Actor) {
  const person = actor.personId ?? actor.ownerId
  return person ? `person:${person}` : actor.id
}

export function requireAdmin(actor: Actor) {
  requireAnyScope(actor, ['admin'])
  if (!isAdmin(actor)) throw forbidden('admin_only', 'this operation needs the admin scope')
}

export function requireAnyScope(actor: Actor, scopes: readonly Scope[]) {
  if (actor.scopes.size === 0)
    throw unauthenticated('no_credentials', 'send Authorization: Bearer <API key or token>')
  if (!scopes.some((s) => actor.scopes.has(s))) {
    throw forbidden('scope_missing', `this operation needs one of the scopes: ${scopes.join(', ')}`)
  }
}

/** A member's own action (submit, reply): a person key, or a tool acting for a person. */
export function requireMember(actor: Actor): string {
  requireAnyScope(actor, ['person', 'tool'])
  if (!actor.personId) {
    throw badField('Trellis-Acting-As', 'a tool key must name the person it acts for in this header')
  }
  return actor.personId
}

/** Reading people, mentorships and check-ins: everyone but a bare event-feed key. */
export const READERS: readonly Scope[] = ['admin', 'person', 'tool', 'projections:read']
