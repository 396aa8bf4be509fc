/**
 * Domain errors are values with a stable `code` (the GraphQL `extensions.code` set of DESIGN.md)
 * and a specific `reason`. They are turned into GraphQL errors in one place: infra/http/errors.ts.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN'

export interface FieldError {
  field: string
  message: string
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

export function badInput(fields: FieldError[], reason = 'invalid_input'): DomainError {
  const message = fields.map((f) => `${f.field}: ${f.message}`).join('; ')
  return new DomainError('BAD_USER_INPUT', reason, message || 'invalid input', fields)
}

export function badField(field: string, message: string, reason?: string): DomainError {
  return badInput([{ field, message }], reason)
}

/** Also what a caller gets for a thing it may not see: existence is never revealed. */
export function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', `${what}_not_found`, `${what} not found`)
}

export function conflict(reason: string, message: string): DomainError {
  return new DomainError('CONFLICT', reason, message)
}

/** Only for an operation the caller's scope lacks — never to reveal that a private thing exists. */
export function forbidden(reason: string, message: string): DomainError {
  return new DomainError('FORBIDDEN', reason, message)
}

export function unauthenticated(reason: string, message: string): DomainError {
  return new DomainError('UNAUTHENTICATED', reason, message)
}
