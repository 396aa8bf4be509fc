import Fastify from 'fastify'
import type { GraphQLResolveInfo } from 'graphql'
import mercurius from 'mercurius'
import { loadSchema } from '../infra/http/app.ts'

/**
 * The bare baseline: fastify and mercurius on Trellis's own SDL, answering each operation with the
 * data Trellis gave for it, from memory. No authentication, no database, no hooks — what is left
 * is what any GraphQL server on this stack pays, so `rps / baselineRps` is Trellis's own cost and
 * holds on a machine whose speed changes from run to run.
 */
export async function startBaseline(answers: ReadonlyMap<string, Record<string, unknown>>) {
  const fromMemory = (_root: unknown, _args: unknown, _context: unknown, info: GraphQLResolveInfo) =>
    answers.get(info.operation.name?.value ?? '')?.[String(info.path.key)] ?? null
  const fields = (operation: 'query' | 'mutation') =>
    Object.fromEntries(
      [...answers.entries()]
        .filter(([name]) => operationOf(name) === operation)
        .flatMap(([, data]) => Object.keys(data))
        .map((field) => [field, fromMemory]),
    )
  const app = Fastify({ logger: false })
  await app.register(mercurius, {
    schema: loadSchema(),
    resolvers: { Query: fields('query'), Mutation: fields('mutation') } as never,
  })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  return { url: `${address}/graphql`, close: () => app.close() }
}

/** Route operations are named `Query…` or `Mutation…` (see routes.ts), so the kind is in the name. */
function operationOf(name: string) {
  return name.startsWith('Mutation') ? 'mutation' : 'query'
}
