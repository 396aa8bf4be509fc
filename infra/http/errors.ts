import type { ExecutionResult, GraphQLError as GraphQLErrorType, GraphQLFormattedError } from 'graphql'
import { GraphQLError } from './graphql.ts'
import { DomainError } from '../../services/shared/errors.ts'

/**
 * The one place errors become GraphQL errors. A DomainError keeps its code, reason and fields;
 * GraphQL's own refusals (syntax, validation, variables) are BAD_USER_INPUT; anything else is an
 * internal error whose message and stack stay in the log in production.
 */
export function formatError(error: GraphQLErrorType, production: boolean): GraphQLFormattedError {
  const original = error.originalError
  if (original instanceof DomainError) {
    return {
      message: original.message,
      locations: error.locations,
      path: error.path,
      extensions: {
        code: original.code,
        reason: original.reason,
        ...(original.fields.length && { fields: original.fields }),
      },
    }
  }
  const code = error.extensions?.code
  const fromGraphQL = !original || original instanceof GraphQLError || code === 'BAD_USER_INPUT'
  if (fromGraphQL) {
    return {
      message: error.message,
      locations: error.locations,
      path: error.path,
      extensions: {
        code: 'BAD_USER_INPUT',
        reason: error.extensions?.reason ?? 'invalid_query',
        ...fieldsOf(error.message),
      },
    }
  }
  return {
    message: production ? 'internal error' : error.message,
    locations: error.locations,
    path: error.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  }
}

/** Flattens mercurius's wrapped validation errors into plain GraphQL errors. */
export function flattenErrors(execution: ExecutionResult): GraphQLErrorType[] {
  return (execution.errors ?? []).flatMap((error) => {
    const inner = (error.originalError as { errors?: unknown[] } | undefined)?.errors
    if (Array.isArray(inner)) {
      return inner.map((e) =>
        e instanceof GraphQLError ? e : new GraphQLError(String((e as Error).message ?? e)),
      )
    }
    return [error]
  })
}

/** GraphQL names a bad variable in its message (`Variable "$input" got invalid value … at "input.timeZone"`). */
function fieldsOf(message: string) {
  const variable = /^Variable "\$([^"]+)"/.exec(message)
  if (!variable) return {}
  const at = / at "([^"]+)"/.exec(message)
  return { fields: [{ field: at ? at[1]! : variable[1]!, message }] }
}
