import type { ValueNode } from 'graphql'
import { GraphQLError, GraphQLScalarType, Kind } from './graphql.ts'
import { DateTime } from 'luxon'
import { isIanaZone } from '../../services/rules/week.ts'

function stringScalar(name: string, description: string, valid: (value: string) => boolean, hint: string) {
  // A literal's error carries its node: GraphQL reports it as thrown, and the node is how the
  // error formatter finds the location and the argument it belongs to.
  const check = (value: unknown, node?: ValueNode) => {
    if (typeof value !== 'string' || !valid(value)) {
      throw new GraphQLError(`${name} must be ${hint}; got ${JSON.stringify(value)?.slice(0, 60)}`, {
        extensions: { code: 'BAD_USER_INPUT' },
        ...(node && { nodes: node }),
      })
    }
    return value
  }
  return new GraphQLScalarType({
    name,
    description,
    serialize: (value) => value,
    parseValue: (value) => check(value),
    parseLiteral: (ast) => check(ast.kind === Kind.STRING ? ast.value : undefined, ast),
  })
}

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid
const isInstant = (v: string) =>
  /^\d{4}-\d{2}-\d{2}T/.test(v) && DateTime.fromISO(v, { setZone: true }).isValid

export const scalars = {
  Date: stringScalar('Date', 'A calendar date, YYYY-MM-DD.', isDate, 'a date YYYY-MM-DD'),
  DateTime: stringScalar('DateTime', 'An ISO-8601 instant.', isInstant, 'an ISO-8601 instant'),
  TimeZone: stringScalar(
    'TimeZone',
    'An IANA time zone name.',
    isIanaZone,
    'an IANA time zone such as Europe/Lisbon',
  ),
  JSON: new GraphQLScalarType({ name: 'JSON', description: 'Any JSON value.', serialize: (value) => value }),
}
