import { createRequire } from 'node:module'

/**
 * graphql 16 ships CommonJS and ESM builds; mercurius loads the CommonJS one. Values we build
 * (scalars, errors, validation rules) must come from that same instance, or graphql refuses
 * them as "from another module or realm". Types still come from the ESM typings.
 */
const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql')

export const {
  GraphQLError,
  GraphQLScalarType,
  Kind,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Lexer,
  Source,
  TokenKind,
  parse,
  validate,
  visit,
} = graphql
