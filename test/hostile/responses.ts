import fc from 'fast-check'
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'
import type { ErrorCode } from '../../services/shared/errors.ts'
import type { GqlResponse } from '../support/server.ts'

/** DESIGN.md's error codes; the record makes the compiler notice a code added to ErrorCode. */
const DOCUMENTED: Record<ErrorCode, true> = {
  BAD_USER_INPUT: true,
  UNAUTHENTICATED: true,
  NOT_FOUND: true,
  CONFLICT: true,
  FORBIDDEN: true,
}

type FormattedError = { message?: unknown; extensions?: { code?: unknown; fields?: unknown } }

/** What is wrong with one error by the contract: an undocumented code, a BAD_USER_INPUT naming nothing. */
export function errorProblems(error: FormattedError): string[] {
  const code = error.extensions?.code
  if (typeof code !== 'string' || !(code in DOCUMENTED)) {
    return [`undocumented code ${JSON.stringify(code)}: ${String(error.message).slice(0, 300)}`]
  }
  const fields = error.extensions?.fields
  if (
    code === 'BAD_USER_INPUT' &&
    !(Array.isArray(fields) && fields.length && fields.every((f) => typeof f?.field === 'string' && f.field))
  ) {
    return [`BAD_USER_INPUT without extensions.fields: ${String(error.message).slice(0, 300)}`]
  }
  return []
}

/** An HTTP answer within the contract: no 5xx, every error with a documented code. */
export function responseProblems(r: GqlResponse<unknown>): string[] {
  const problems: string[] = []
  if (r.status >= 500) problems.push(`HTTP ${r.status}`)
  if (r.status === 401 && r.errors?.[0]?.extensions.code !== 'UNAUTHENTICATED')
    problems.push('401 not UNAUTHENTICATED')
  if (!r.errors?.length && (r.data === undefined || r.data === null)) problems.push('neither data nor errors')
  for (const error of r.errors ?? []) problems.push(...errorProblems(error))
  return problems
}

/** A graphql-ws client over real WebSocket, as an HR system would open one; params as HTTP headers. */
export function wsClient(url: string, connectionParams: Record<string, string> = {}): Client {
  return createClient({
    url: url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams,
  })
}

export interface Subscription {
  /** Payloads received so far. */
  received: unknown[]
  /** What ended it, if anything has: errors, a close event, or 'complete'. */
  ended: unknown
  stop(): void
}

/** Subscribes and keeps what arrives; `settle` waits until it ended or `ms` passed quietly. */
export function subscribe(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  operationName?: string,
): Subscription {
  const sub: Subscription = { received: [], ended: undefined, stop: () => {} }
  sub.stop = client.subscribe(
    { query, variables, ...(operationName && { operationName }) },
    {
      next: (value) => sub.received.push(value),
      error: (error) => (sub.ended = error ?? 'error'),
      complete: () => (sub.ended ??= 'complete'),
    },
  )
  return sub
}

export async function settle(sub: Subscription, ms: number) {
  const until = Date.now() + ms
  while (sub.ended === undefined && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
}

/** What ended a subscription, as error codes: `close:<code>` for a closed socket. */
export function endingCodes(ended: unknown): string[] {
  if (ended === undefined || ended === 'complete') return []
  if (Array.isArray(ended)) return ended.map((e: FormattedError) => String(e.extensions?.code))
  const close = ended as { code?: unknown; reason?: unknown }
  if (typeof close.code === 'number') return [`close:${close.code}:${String(close.reason)}`]
  return [`thrown:${String((ended as Error).message ?? ended)}`]
}

/** Problems with how a subscription ended: an undocumented code, or a socket closed for a server error. */
export function subscriptionProblems(sub: Subscription): string[] {
  const ended = sub.ended
  if (ended === undefined || ended === 'complete') return []
  if (Array.isArray(ended)) return ended.flatMap((e: FormattedError) => errorProblems(e))
  const codes = endingCodes(ended)
  // 4401 is the documented refusal of a connection, 4400 graphql-transport-ws's closing on a message
  // it cannot read (HTTP's invalid_json), 1009 WebSocket's on one over the size limit (HTTP's 413);
  // anything else (4500: the server failed) is not.
  const refusals = ['close:4401:UNAUTHENTICATED', 'close:4400:Invalid message']
  return codes
    .filter((c) => !refusals.includes(c) && !c.startsWith('close:1009:'))
    .map((c) => `ended with ${c}`)
}

/**
 * fast-check's assert, with a counterexample cut short: a generated value can be megabytes long.
 */
export async function assertProperty<T>(property: fc.IAsyncProperty<T>, numRuns: number) {
  const result = await fc.check(property, { numRuns, endOnFailure: true })
  if (!result.failed) return
  const example = JSON.stringify(result.counterexample, (_, v) =>
    typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length} chars)` : v,
  )
  const shown = example && example.length > 3000 ? `${example.slice(0, 3000)}…` : example
  const cause =
    result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)
  throw new Error(
    `${cause}\n  counterexample: ${shown}\n  seed: ${result.seed}, path: ${result.counterexamplePath}`,
  )
}
