import { createRequire } from 'node:module'
import type { GraphQLError as GraphQLErrorType, GraphQLSchema } from 'graphql'
import type { WebSocket } from 'ws'
import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { asFormattedGraphQLError, formatError } from './errors.ts'
import { GraphQLError } from './graphql.ts'
import { costLimit, depthLimit, documentRefusal } from './limits.ts'

// The CommonJS graphql that mercurius runs (see graphql.ts), for its parser and validation.
const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql')

/**
 * graphql-transport-ws has no `connection_error` message: its clients read one as a broken
 * server. A refused connection is closed with 4401 instead, which graphql-ws clients treat as
 * final (no reconnecting with the same bad key). mercurius calls `onConnect` as a method of the
 * connection and sends `connection_error` itself when it returns false; closing the socket first
 * makes that send fail quietly. The legacy `graphql-ws` protocol keeps its `connection_error`.
 */
export function refuseConnection(connection: unknown) {
  const socket = (connection as { socket?: WebSocket } | undefined)?.socket
  if (socket?.protocol === 'graphql-transport-ws') socket.close(4401, 'UNAUTHENTICATED')
}

/**
 * mercurius sends an error a subscription throws (from `subscribe`, or while it runs — a revoked
 * key) as it is, past the error formatter: format it here, so it carries its code too.
 */
export function withFormattedErrors(resolvers: Resolvers, production: boolean): Resolvers {
  const fields = resolvers.Subscription as Record<string, { subscribe: (...args: any[]) => unknown }>
  const wrapped = Object.fromEntries(
    Object.entries(fields ?? {}).map(([name, field]) => [
      name,
      {
        ...field,
        async subscribe(...args: unknown[]) {
          try {
            return formatted((await field.subscribe(...args)) as AsyncIterableIterator<unknown>, production)
          } catch (error) {
            throw asFormattedGraphQLError(error, production)
          }
        },
      },
    ]),
  )
  return { ...resolvers, Subscription: wrapped as Resolvers['Subscription'] }
}

function formatted<T>(source: AsyncIterableIterator<T>, production: boolean): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      try {
        return await source.next()
      } catch (error) {
        throw asFormattedGraphQLError(error, production)
      }
    },
    async return() {
      return (await source.return?.()) ?? { done: true, value: undefined }
    },
    [Symbol.asyncIterator]() {
      return iterator
    },
  }
  return iterator
}

/** mercurius's connection, as far as the guard below uses it (mercurius 16). */
interface Connection {
  socket?: WebSocket
  protocolMessageTypes: { GQL_ERROR: string }
  handleGQLStart(data: { payload?: { query?: unknown; operationName?: unknown } }): Promise<void>
  sendError(error: unknown, id: unknown): void
  sendMessage(type: string, id: unknown, payload: unknown): Promise<void>
}

/**
 * Over WebSocket mercurius runs a subscription's document without GraphQL's validation, takes a
 * non-string `query` for a parsed document, and sends its refusals (a syntax error, variables,
 * no operation to pick) bare, without a code. Each connection is guarded when it opens: a
 * subscribe message is parsed and validated as an HTTP request is, and every error the
 * connection sends is formatted like an HTTP answer's.
 */
export function guardConnection(
  connection: unknown,
  { schema, production }: { schema: GraphQLSchema; production: boolean },
) {
  const c = connection as Connection
  const { handleGQLStart, sendMessage } = c
  if (typeof handleGQLStart !== 'function' || typeof sendMessage !== 'function' || !c.protocolMessageTypes) {
    throw new Error('mercurius connection without handleGQLStart/sendMessage: update guardConnection')
  }
  c.handleGQLStart = async function checkedStart(this: Connection, data) {
    refuseInvalidSubscription(schema, data?.payload)
    return handleGQLStart.call(this, data)
  }
  c.sendError = function sendFormattedError(this: Connection, error, id) {
    // A message that could not be read has no id to answer: graphql-transport-ws closes with 4400.
    if ((id === null || id === undefined) && this.socket?.protocol === 'graphql-transport-ws') {
      return this.socket.close(4400, 'Invalid message')
    }
    const errors = refusalsOf(error).map((e) => formatError(e, production))
    void sendMessage.call(this, this.protocolMessageTypes.GQL_ERROR, id, errors)
  }
}

/** The checks of an HTTP request (app.ts), in the same order, then what only WebSocket needs. */
function refuseInvalidSubscription(schema: GraphQLSchema, payload: unknown) {
  const { query, operationName } = (payload ?? {}) as { query?: unknown; operationName?: unknown }
  if (typeof query !== 'string') throw refusal('query', '`query` must be a string holding a GraphQL document')
  const tooLarge = documentRefusal(query)
  if (tooLarge) throw tooLarge
  const document = graphql.parse(query)
  const name = typeof operationName === 'string' ? operationName : undefined
  const operation = graphql.getOperationAST(document, name)
  if (!operation) throw refusal('operationName', 'name one operation of the document in `operationName`')
  if (operation.operation !== 'subscription') {
    throw refusal('query', `only subscriptions are served over WebSocket, not a ${operation.operation}`)
  }
  const [costly] = graphql.validate(schema, document, [depthLimit(), costLimit()])
  if (costly) throw costly
  const errors = graphql.validate(schema, document)
  if (errors.length) throw Object.assign(new Error('invalid subscription'), { errors })
}

const refusal = (field: string, message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', fields: [{ field, message }] } })

/** mercurius's own refusals of a message: the client's mistakes, not the server's. */
const CLIENT_MESSAGES = new Set(['Invalid payload type', 'Message must be a JSON string'])

/** GraphQL errors to format: lists unwrapped, mercurius's refusals of the message as GraphQL's. */
function refusalsOf(error: unknown): GraphQLErrorType[] {
  if (error instanceof GraphQLError) return [error]
  const inner = (error as { errors?: unknown } | null)?.errors
  if (Array.isArray(inner)) return inner.flatMap(refusalsOf)
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown } | null)?.code
  const callers = CLIENT_MESSAGES.has(message) || (typeof code === 'string' && code.startsWith('MER_ERR_GQL'))
  if (callers) return [new GraphQLError(message)]
  return [new GraphQLError(message, { originalError: error instanceof Error ? error : new Error(message) })]
}
