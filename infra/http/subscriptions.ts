import type { WebSocket } from 'ws'
import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { asFormattedGraphQLError } from './errors.ts'

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
