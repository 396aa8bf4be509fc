import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'

/**
 * API keys look like `trl_<key id>_<secret>`. Only a hash of the secret is stored; the whole key
 * is shown once, when created. The id lets a check find its row without scanning every hash.
 */
export function newApiKey(keyId: string = randomUUID()) {
  const secret = randomBytes(32).toString('base64url')
  return { keyId, apiKey: `trl_${keyId.replaceAll('-', '')}_${secret}`, secretHash: hashSecret(secret) }
}

export function parseApiKey(apiKey: string): { keyId: string; secret: string } | null {
  const match = /^trl_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/.exec(apiKey)
  if (!match) return null
  const hex = match[1]!
  const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  return { keyId, secret: match[2]! }
}

export function hashSecret(secret: string) {
  return createHash('sha256').update(secret).digest('hex')
}

export function secretMatches(secret: string, storedHash: string) {
  const given = Buffer.from(hashSecret(secret), 'hex')
  const stored = Buffer.from(storedHash, 'hex')
  return given.length === stored.length && timingSafeEqual(given, stored)
}
