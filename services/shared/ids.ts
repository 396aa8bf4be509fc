import { createHash, randomUUID } from 'node:crypto'

const NAMESPACE = Buffer.from('6f1c2a54-3b1d-4c8e-9a7e-2d5f0b8c1e4a'.replaceAll('-', ''), 'hex')

/**
 * A name-based UUID (RFC 9562 v5): the same name always gives the same id. Used where an id must
 * follow from what it names — a person's email, a mentorship's week, a request's idempotency key —
 * so the event store's "no stream" check enforces uniqueness.
 */
export function nameBasedId(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name).digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Ids are UUIDs: anything else names nothing, and must not reach a uuid column. */
export function isUuid(value: string): boolean {
  return UUID.test(value)
}

/** A new stream's id: derived from the idempotency key when there is one, so a repeat finds it. */
export function newId(kind: string, actor: string, idempotencyKey?: string | null): string {
  return idempotencyKey ? nameBasedId(`${kind}:${actor}:${idempotencyKey}`) : randomUUID()
}

export const streams = {
  person: (id: string) => `person-${id}`,
  mentorship: (id: string) => `mentorship-${id}`,
  checkIn: (id: string) => `checkin-${id}`,
  apiKey: (id: string) => `apikey-${id}`,
  setup: () => 'setup',
  audit: (keyId: string) => `audit-${keyId}`,
}

/** The question an item under “Questions I Have” becomes: one per check-in and item. */
export const trackedQuestionId = (checkInId: string, index: number) =>
  nameBasedId(`checkin-question:${checkInId}:${index}`)
