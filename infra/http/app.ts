import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Fastify, { type FastifyRequest } from 'fastify'
import { GraphQLError } from './graphql.ts'
import mercurius from 'mercurius'
import { recordAdminUse } from '../../services/access/handlers.ts'
import type { Context } from '../../services/context.ts'
import type { Deps } from '../../services/deps.ts'
import { repliesFor } from '../../services/checkins/queries.ts'
import { memberships } from '../../services/mentorships/queries.ts'
import { peopleByIds } from '../../services/people/queries.ts'
import { resolvers } from '../../services/resolvers.ts'
import type { Actor } from '../../services/shared/actor.ts'
import { batchLoader } from '../../services/shared/batch.ts'
import { DomainError } from '../../services/shared/errors.ts'
import type { createAuthenticator } from './auth.ts'
import { flattenErrors, formatError } from './errors.ts'
import { costLimit, MAX_DEPTH } from './limits.ts'
import { scalars } from './scalars.ts'

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
  return {
    deps,
    actor,
    memberOf: () => (memberOf ??= memberships(deps.db, actor.personId)),
    person: batchLoader((ids) => peopleByIds(deps.db, ids)),
    replies: batchLoader(async (ids: string[]) => {
      const grouped = new Map<string, Awaited<ReturnType<typeof repliesFor>>>(ids.map((id) => [id, []]))
      for (const reply of await repliesFor(deps.db, ids)) grouped.get(reply.check_in_id)!.push(reply)
      return grouped
    }),
  }
}

export async function buildApp({ deps, authenticate, production, health, logger = false }: AppOptions) {
  const app = Fastify({ logger, bodyLimit: 1024 * 1024 })

  const actors = new WeakMap<FastifyRequest, Actor>()
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff')
    if (!request.url.startsWith('/graphql')) return
    try {
      actors.set(request, await authenticate(credentialsOf(request.headers)))
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      return reply.code(401).send({ data: null, errors: [formatError(asGraphQLError(error), production)] })
    }
  })

  app.get('/healthz', async (_, reply) => {
    const report = health()
    return reply.code(report.status === 'ok' ? 200 : 503).send(report)
  })

  await app.register(mercurius, {
    schema: loadSchema(),
    resolvers: { ...resolvers, ...scalars } as never,
    graphiql: !production,
    queryDepth: MAX_DEPTH,
    validationRules: [costLimit()],
    context: (request) => contextFor(deps, actors.get(request)!),
    subscription: {
      onConnect: async ({ payload }) => {
        const headers = (payload ?? {}) as Record<string, string | undefined>
        const actor = await authenticate(credentialsOf(lowercaseKeys(headers))).catch(() => null)
        // What onConnect returns becomes the connection's context.
        return actor && actor.scopes.size > 0 ? contextFor(deps, actor) : false
      },
    },
    errorFormatter: (execution) => {
      const errors = flattenErrors(execution).map((e) => formatError(e, production))
      const invalid = !execution.data && errors.every((e) => e.extensions?.code === 'BAD_USER_INPUT')
      return {
        statusCode: invalid && errors.length ? 400 : 200,
        response: { data: execution.data ?? null, errors },
      }
    },
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
