import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Fastify, { type FastifyRequest } from 'fastify'
import { GraphQLError, validate } from './graphql.ts'
import mercurius from 'mercurius'
import { recordAdminUse } from '../../services/access/handlers.ts'
import type { Context } from '../../services/context.ts'
import type { Deps } from '../../services/deps.ts'
import { repliesFor, revisionsFor } from '../../services/checkins/queries.ts'
import { checkInsByIds, checkInTexts, submittedWeeksSince, weekPages } from '../../services/checkins/weeks.ts'
import { calendarEntries, personBySecret } from '../../services/calendar/queries.ts'
import { csvLine, exportPage, isExport } from '../../services/metrics/exports.ts'
import { goalsOfSets, lastReviews } from '../../services/goals/queries.ts'
import { anonymous } from '../../services/access/handlers.ts'
import { requireAnyScope } from '../../services/shared/actor.ts'
import { renderCalendar } from '../../services/calendar/ics.ts'
import { memberships, mentorshipsByIds } from '../../services/mentorships/queries.ts'
import { answersFor, changesFor } from '../../services/questions/queries.ts'
import { partnersOf, peopleByIds } from '../../services/people/queries.ts'
import { resolvers } from '../../services/resolvers.ts'
import type { Actor } from '../../services/shared/actor.ts'
import { batchLoader } from '../../services/shared/batch.ts'
import { DomainError } from '../../services/shared/errors.ts'
import { RefusedKey, type createAuthenticator } from './auth.ts'
import {
  asFormattedGraphQLError,
  badRequest,
  formatError,
  formatExecution,
  transportRefusal,
} from './errors.ts'
import { lingerAfterEarlyAnswer } from './lingeringClose.ts'
import { setSecurityHeaders } from './headers.ts'
import { costLimit, depthLimit, documentRefusal, MAX_DEPTH } from './limits.ts'
import { scalars } from './scalars.ts'
import { guardConnection, refuseConnection, withFormattedErrors } from './subscriptions.ts'
import { failureThrottle, rateLimited } from './throttle.ts'
import { unsubscribeRoutes } from '../mail/unsubscribe.ts'
import { reminderPreferencesOf } from '../../services/reminders/queries.ts'

const schemaDir = new URL('../../schema/', import.meta.url).pathname

export function loadSchema(): string {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => (a === 'common.graphql' ? -1 : b === 'common.graphql' ? 1 : a.localeCompare(b)))
    .map((f) => readFileSync(join(schemaDir, f), 'utf8'))
    .join('\n')
}

export interface AppOptions {
  deps: Deps
  authenticate: ReturnType<typeof createAuthenticator>
  production: boolean
  health(): Record<string, unknown> & { status: string }
  logger?: boolean
}

/** Per-request context: who calls, and loaders so a page of rows costs one query per kind. */
function contextFor(deps: Deps, actor: Actor): Context {
  let memberOf: Promise<Set<string>> | null = null
  let partners: Promise<Set<string>> | null = null
  return {
    deps,
    actor,
    memberOf: () => (memberOf ??= memberships(deps.db, actor.personId)),
    partners: () => (partners ??= partnersOf(deps.db, actor.personId)),
    person: batchLoader((ids) => peopleByIds(deps.db, ids)),
    replies: batchLoader((ids: string[]) => groupedBy(ids, repliesFor(deps.db, ids))),
    revisions: batchLoader((ids: string[]) => groupedBy(ids, revisionsFor(deps.db, ids))),
    weeks: batchLoader((keys: string[]) => weekPages(deps.db, keys)),
    checkIn: batchLoader((ids: string[]) => checkInsByIds(deps.db, ids)),
    checkInText: batchLoader((ids: string[]) => checkInTexts(deps.db, ids)),
    mentorship: batchLoader((ids: string[]) => mentorshipsByIds(deps.db, ids)),
    goals: batchLoader((ids: string[]) => goalsOfSets(deps.db, ids)),
    lastReview: batchLoader((ids: string[]) => lastReviews(deps.db, ids)),
    answers: batchLoader((ids: string[]) => groupedBy(ids, answersFor(deps.db, ids), (a) => a.question_id)),
    questionChanges: batchLoader((ids: string[]) =>
      groupedBy(ids, changesFor(deps.db, ids), (c) => c.question_id),
    ),
    recentWeeks: batchLoader((ids: string[]) =>
      submittedWeeksSince(deps.db, ids, deps.clock.now().minus({ weeks: 6 }).toISODate()!),
    ),
    reminderPreferences: batchLoader((ids: string[]) => reminderPreferencesOf(deps.db, ids)),
  }
}

/** Rows of several check-ins, by check-in: each asked-for id gets a list, maybe empty. */
async function groupedBy<R>(
  ids: string[],
  rows: Promise<R[]>,
  keyOf: (row: R) => string = (r: any) => r.check_in_id,
) {
  const grouped = new Map<string, R[]>(ids.map((id) => [id, []]))
  for (const row of await rows) grouped.get(keyOf(row))?.push(row)
  return grouped
}

export async function buildApp({ deps, authenticate, production, health, logger = false }: AppOptions) {
  const app = Fastify({ logger, bodyLimit: 1024 * 1024 })

  // Outside GraphQL's routes (health, not found); mercurius answers errors on its own routes.
  app.setErrorHandler(async function sendInternalError(error, request, reply) {
    const status = (error as { statusCode?: number }).statusCode ?? 500
    if (status < 500) return reply.send(error)
    request.log.error({ err: error }, 'internal error')
    const message = production ? 'internal error' : (error as Error).message
    return reply
      .code(500)
      .send({ data: null, errors: [{ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] })
  })

  app.addHook('onSend', async (request, reply) => lingerAfterEarlyAnswer(request, reply))

  const actors = new WeakMap<FastifyRequest, Actor>()
  const throttle = failureThrottle(deps.clock)
  app.addHook('onRequest', async (request, reply) => {
    setSecurityHeaders(request.url, reply)
    if (!request.url.startsWith('/graphql') && !request.url.startsWith('/exports/')) return
    const credentials = credentialsOf(request.headers)
    // Failed authentications are counted per address and per real key. An address over its limit
    // is refused whatever it presents. A key over its limit refuses wrong secrets only: anyone may
    // know a key's id, and must not be able to lock its holder out by failing with it (a right
    // guess of a 256-bit secret is not a risk worth that).
    const address = `address:${request.ip}`
    const wait = credentials.authorization ? throttle.retryAfter([address]) : 0
    if (wait > 0) return reply.code(429).header('retry-after', String(wait)).send(rateLimited(wait))
    try {
      actors.set(request, await authenticate(credentials))
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      const subjects = error instanceof RefusedKey ? [address, `key:${error.keyId}`] : [address]
      const keyWait = throttle.retryAfter(subjects)
      throttle.failed(subjects)
      if (keyWait > 0)
        return reply.code(429).header('retry-after', String(keyWait)).send(rateLimited(keyWait))
      return reply.code(401).send({ data: null, errors: [formatError(asGraphQLError(error), production)] })
    }
  })

  // mercurius would hand a non-string `query` to GraphQL as if it were a parsed document.
  app.addHook('preValidation', async (request, reply) => {
    const body = request.body as { query?: unknown } | null | undefined
    if (request.method !== 'POST' || !request.url.startsWith('/graphql') || typeof body !== 'object') return
    const refuse = (message: string, reason: string, field: string) => {
      const refusal = badRequest(400, message, reason, field)
      return reply.code(refusal.statusCode).send(refusal.body)
    }
    if (Array.isArray(body))
      return refuse(
        'send one operation per request: batched operations are not accepted',
        'batched_operations',
        'body',
      )
    if (body && 'query' in body && typeof body.query !== 'string')
      return refuse('`query` must be a string holding a GraphQL document', 'invalid_query', 'query')
  })

  // A person's private calendar: the secret in the path is the only credential a calendar app sends.
  app.get<{ Params: { file: string } }>('/calendar/:file', async (request, reply) => {
    const secret = /^([A-Za-z0-9_-]{43})\.ics$/.exec(request.params.file)?.[1]
    const person = secret ? await personBySecret(deps.db, secret) : undefined
    if (!person) return reply.code(404).type('text/plain; charset=utf-8').send('no such calendar\n')
    const now = deps.clock.now()
    const entries = await calendarEntries(deps.db, person.id, now)
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300')
      .send(renderCalendar(`Trellis: ${person.name}`, entries, now))
  })

  // Read models for analytics pipelines, whole and in key order (docs/analytics.md).
  app.get<{ Params: { file: string }; Querystring: { after?: string; limit?: string } }>(
    '/exports/:file',
    async (request, reply) => {
      const [, name, format] = /^([a-z_]+)\.(ndjson|csv)$/.exec(request.params.file) ?? []
      if (!name || !format || !isExport(name))
        return reply
          .code(404)
          .send({ errors: [{ message: 'no such export', extensions: { code: 'NOT_FOUND' } }] })
      try {
        requireAnyScope(actors.get(request) ?? anonymous, ['admin', 'projections:read'])
        const limit = request.query.limit === undefined ? 10_000 : Number(request.query.limit)
        const page = await exportPage(deps.db, name, request.query.after ?? null, limit)
        if (page.next) reply.header('trellis-next-after', page.next)
        if (format === 'csv')
          return reply
            .type('text/csv; charset=utf-8')
            .send(
              [page.columns, ...page.rows.map((r) => page.columns.map((c) => r[c]))]
                .map(csvLine)
                .join('\r\n') + '\r\n',
            )
        return reply
          .type('application/x-ndjson')
          .send(page.rows.map((r) => `${JSON.stringify(r)}\n`).join(''))
      } catch (error) {
        if (!(error instanceof DomainError)) throw error
        const status =
          { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400 }[error.code as string] ?? 400
        return reply.code(status).send({ errors: [formatError(asGraphQLError(error), production)] })
      }
    },
  )

  // Reminder mails' unsubscribe link: the secret in the URL is the credential (infra/mail/unsubscribe.ts).
  await app.register(unsubscribeRoutes(deps))

  app.get('/healthz', async (_, reply) => {
    const report = health()
    return reply.code(report.status === 'ok' ? 200 : 503).send(report)
  })

  await app.register(mercurius, {
    schema: loadSchema(),
    resolvers: { ...withFormattedErrors(resolvers, production), ...scalars } as never,
    graphiql: !production,
    queryDepth: MAX_DEPTH,
    context: (request) => contextFor(deps, actors.get(request)!),
    subscription: {
      // A method, not an arrow: mercurius calls it on the connection, whose socket a refusal closes.
      onConnect: async function onConnect(this: unknown, { payload }) {
        const headers = (payload ?? {}) as Record<string, string | undefined>
        const actor = await authenticate(credentialsOf(lowercaseKeys(headers))).catch(() => null)
        // What onConnect returns becomes the connection's context.
        if (actor && actor.scopes.size > 0) {
          // Each subscribe message is checked as an HTTP request is, its refusals formatted alike.
          guardConnection(this, { schema: app.graphql.schema, production })
          return contextFor(deps, actor)
        }
        refuseConnection(this)
        return false
      },
    },
    errorFormatter: (execution) => formatExecution(execution, production),
    // mercurius's own handler for errors outside GraphQL (body parsing, no query); it shadows any
    // handler set on the app, so transport refusals are answered here.
    errorHandler: async function sendError(error, _request, reply) {
      const refusal = transportRefusal(error)
      const { statusCode, body } = refusal ?? graphQLRefusal(error, production)
      await reply.code(statusCode).send(body)
    },
  })

  // Before GraphQL's parser, which recurses once per level of nesting.
  app.graphql.addHook('preParsing', async function refuseOversizedDocument(_schema, source) {
    const refusal = documentRefusal(source)
    if (refusal) throw refusal
  })

  // Depth and cost on their own first: an operation over either is refused after one walk,
  // before GraphQL's thirty validation rules walk it.
  app.graphql.addHook('preValidation', async function refuseCostlyOperations(schema, document) {
    const [refusal] = validate(schema, document, [depthLimit(), costLimit()])
    if (refusal) throw refusal
  })

  app.graphql.addHook('preExecution', async (_schema, document, context) => {
    const actor = (context as unknown as Context).actor
    if (actor?.scopes.has('admin')) {
      for (const definition of document.definitions) {
        if (definition.kind !== 'OperationDefinition') continue
        await recordAdminUse(deps, actor, definition.name?.value ?? '(anonymous)', definition.operation)
      }
    }
  })

  return app
}

/** What mercurius's default handler did: the error through the formatter, like any other. */
function graphQLRefusal(error: unknown, production: boolean) {
  // mercurius's validation errors wrap GraphQL's in `errors`; formatExecution unwraps them.
  const wrapped = Array.isArray((error as { errors?: unknown }).errors)
  const graphQLError = wrapped
    ? new GraphQLError((error as Error).message, { originalError: error as Error })
    : asFormattedGraphQLError(error, production)
  const { statusCode, response } = formatExecution({ errors: [graphQLError] }, production)
  // Nothing the caller did: a failure of ours before GraphQL ran (the database, say) is a 500.
  const internal = response.errors.every((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')
  return { statusCode: internal ? 500 : statusCode, body: response }
}

function credentialsOf(headers: Record<string, string | string[] | undefined>) {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)
  return { authorization: first(headers.authorization), actingAs: first(headers['trellis-acting-as']) }
}

function lowercaseKeys(record: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]))
}

function asGraphQLError(error: DomainError) {
  return new GraphQLError(error.message, { originalError: error })
}
