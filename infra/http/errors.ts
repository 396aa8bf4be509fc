import type { ExecutionResult, GraphQLError as GraphQLErrorType, GraphQLFormattedError } from 'graphql'
import { GraphQLError } from './graphql.ts'
import { DomainError } from '../../services/shared/errors.ts'
import { fieldOf } from './fieldPaths.ts'

/**
 * The one place errors become GraphQL errors. A DomainError keeps its code, reason and fields;
 * GraphQL's own refusals (syntax, validation, variables) are BAD_USER_INPUT naming the argument
 * (or `query` when no argument is to blame); anything else is an internal error whose message and
 * stack stay in the log in production.
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
  // An error with a path arose while executing (a null for a non-null field): ours, not the caller's.
  const duringExecution = !original && error.path !== undefined
  const fromGraphQL =
    !duringExecution && (!original || original instanceof GraphQLError || code === 'BAD_USER_INPUT')
  if (fromGraphQL) {
    return {
      message: error.message,
      locations: error.locations,
      path: error.path,
      extensions: {
        code: 'BAD_USER_INPUT',
        reason: error.extensions?.reason ?? 'invalid_query',
        fields: error.extensions?.fields ?? [{ field: fieldOf(error) ?? 'query', message: error.message }],
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

/** A response's errors and status: 400 when nothing ran because the request itself was bad. */
export function formatExecution(execution: ExecutionResult, production: boolean) {
  const errors = flattenErrors(execution).map((e) => formatError(e, production))
  const invalid = !execution.data && errors.every((e) => e.extensions?.code === 'BAD_USER_INPUT')
  return {
    statusCode: invalid && errors.length ? 400 : 200,
    response: { data: execution.data ?? null, errors },
  }
}

/**
 * A formatted error as a GraphQLError, for the paths that skip the error formatter: mercurius
 * sends a subscription's errors as they are thrown.
 */
export function asFormattedGraphQLError(error: unknown, production: boolean): GraphQLErrorType {
  const located =
    error instanceof GraphQLError
      ? error
      : new GraphQLError(error instanceof Error ? error.message : String(error), {
          originalError: error instanceof Error ? error : null,
        })
  const formatted = formatError(located, production)
  return new GraphQLError(formatted.message, {
    // The same nodes and the DomainError itself, so formatting it again gives the same answer.
    ...(located.nodes && { nodes: located.nodes }),
    ...(located.source && { source: located.source }),
    ...(located.positions && { positions: located.positions }),
    ...(located.path && { path: located.path }),
    originalError: located.originalError ?? null,
    ...(formatted.extensions && { extensions: formatted.extensions }),
  })
}

/** What each refusal before GraphQL runs is about. */
const TRANSPORT: Record<string, { reason: string; field: string; message?: string }> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: { reason: 'empty_body', field: 'body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { reason: 'invalid_json', field: 'body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { reason: 'body_too_large', field: 'body' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { reason: 'unsupported_media_type', field: 'body' },
  MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND: {
    reason: 'missing_query',
    field: 'query',
    message: 'send the GraphQL document as a string in `query`',
  },
}

/**
 * A request refused before GraphQL runs (an empty, malformed or oversized body; no query) as a
 * GraphQL-shaped BAD_USER_INPUT with its HTTP status, or null for every other error.
 */
export function transportRefusal(error: unknown) {
  const { statusCode, code, errors } = (error ?? {}) as {
    statusCode?: unknown
    code?: unknown
    errors?: unknown
  }
  // GraphQL's own validation errors arrive with a 400 too; they go through formatExecution.
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode > 499 || Array.isArray(errors))
    return null
  const known = TRANSPORT[String(code)]
  return badRequest(
    statusCode,
    known?.message ?? (error as Error).message,
    known?.reason ?? 'invalid_request',
    known?.field ?? 'body',
  )
}

export function badRequest(statusCode: number, message: string, reason: string, field: string) {
  return {
    statusCode,
    body: {
      data: null,
      errors: [{ message, extensions: { code: 'BAD_USER_INPUT', reason, fields: [{ field, message }] } }],
    },
  }
}

/** Flattens mercurius's wrapped validation errors into plain GraphQL errors. */
export function flattenErrors(execution: ExecutionResult): GraphQLErrorType[] {
  return (execution.errors ?? []).flatMap((error) => {
    const inner = (error.originalError as { errors?: unknown[] } | undefined)?.errors
    if (Array.isArray(inner)) {
      // Not GraphQL's: the request body failed mercurius's schema (`body must be object`).
      return inner.map((e) => {
        if (e instanceof GraphQLError) return e
        const message = String((e as Error).message ?? e)
        return new GraphQLError(message, {
          extensions: { reason: 'invalid_request', fields: [{ field: 'body', message }] },
        })
      })
    }
    return [error]
  })
}
