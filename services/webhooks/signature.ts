import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Signatures in the Standard Webhooks shape (standardwebhooks.com), so a receiver can verify
 * with any of its libraries: `webhook-id`, `webhook-timestamp` (Unix seconds) and
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed by the bytes after
 * the secret's `whsec_` prefix.
 */
export const SECRET_PREFIX = 'whsec_'

export function newWebhookSecret() {
  return SECRET_PREFIX + randomBytes(32).toString('base64')
}

/** Why a client's own secret cannot be used, or null: 24 to 64 random bytes, base64, prefixed. */
export function refusedSecret(secret: string): string | null {
  if (!secret.startsWith(SECRET_PREFIX)) return `must start with ${SECRET_PREFIX}`
  const body = secret.slice(SECRET_PREFIX.length)
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) return 'must be base64 after the prefix'
  const bytes = Buffer.from(body, 'base64').length
  return bytes < 24 || bytes > 64 ? 'must hold 24 to 64 bytes' : null
}

const keyOf = (secret: string) => Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64')

export function signature(secret: string, id: string, timestamp: number, body: string) {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')
  return `v1,${mac}`
}

export function signedHeaders(secret: string, id: string, timestamp: number, body: string) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature(secret, id, timestamp, body),
  }
}

/** A receiver's check, as our docs show it: any listed v1 signature matches, in constant time. */
export function verifySignature(secret: string, headers: Record<string, string | undefined>, body: string) {
  const id = headers['webhook-id']
  const timestamp = Number(headers['webhook-timestamp'])
  if (!id || !Number.isInteger(timestamp)) return false
  const expected = Buffer.from(signature(secret, id, timestamp, body))
  return (headers['webhook-signature'] ?? '').split(' ').some((candidate) => {
    const given = Buffer.from(candidate)
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}
