import { createRequire } from 'node:module'
import type {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
} from 'graphql'
import { loadSchema } from '../../infra/http/app.ts'
import { costLimit, MAX_DEPTH } from '../../infra/http/limits.ts'

/**
 * The operations the schema declares, as tests can send them: every root field of Query,
 * Mutation and Subscription, with a selection set generated from its return type. Built from
 * the SDL itself, so an operation added later is covered by every test that walks this list.
 */

// The same CommonJS graphql instance the server and its validation rules use (infra/http/graphql.ts).
const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql')

export type OperationKind = 'query' | 'mutation' | 'subscription'

export interface SchemaOperation {
  kind: OperationKind
  /** The root field, e.g. `submitCheckIn`. */
  field: string
  /** `Query.me`, `Mutation.submitCheckIn`, `Subscription.events`: the policy table's keys. */
  key: string
  definition: GraphQLField<unknown, unknown>
}

export const schema: GraphQLSchema = graphql.buildSchema(loadSchema())

const roots: Array<[OperationKind, GraphQLObjectType | null | undefined]> = [
  ['query', schema.getQueryType()],
  ['mutation', schema.getMutationType()],
  ['subscription', schema.getSubscriptionType()],
]

export const operations: SchemaOperation[] = roots.flatMap(([kind, root]) =>
  Object.values(root?.getFields() ?? {}).map((definition) => ({
    kind,
    field: definition.name,
    key: `${root!.name}.${definition.name}`,
    definition,
  })),
)

export interface DocumentOptions {
  /** Object levels below the root field; shrunk until the server's cost limit accepts it. */
  depth: number
  /** The root arguments to declare as variables (all of them when omitted). */
  args?: readonly string[]
  /** Page size written into nested connections' `first`, so deep selections stay affordable. */
  nestedFirst?: number
}

/** A variable of a generated document: the argument it feeds, and its type. */
export interface DocumentVariable {
  name: string
  /** The argument's own name (`first`, `after`, `input`), for generating a value that fits it. */
  argument: string
  type: GraphQLInputType
}

/** An operation document: `mutation Hostile($input: X!) { field(input: $input) { …leaves } }`. */
export function documentFor(op: SchemaOperation, options: DocumentOptions): string {
  const args = op.definition.args.filter((a) => !options.args || options.args.includes(a.name))
  return build(op, args, options.depth, (field) => {
    const first = field.args.some((a) => a.name === 'first') ? `(first: ${options.nestedFirst ?? 2})` : ''
    return field.args.some((a) => graphql.isNonNullType(a.type)) ? null : first
  }).query
}

/**
 * A document whose every argument, the nested fields' too (`checkIns(first: $v1, after: $v2)`),
 * is a variable: what a fuzzer fills in.
 */
export function variableDocumentFor(op: SchemaOperation, depth: number) {
  return build(op, op.definition.args, depth, (field, declare) => {
    if (!field.args.length) return ''
    return `(${field.args.map((a) => `${a.name}: $${declare(a.name, a.type)}`).join(', ')})`
  })
}

type Arguments = (
  field: GraphQLField<unknown, unknown>,
  declare: (argument: string, type: GraphQLInputType) => string,
) => string | null

function build(
  op: SchemaOperation,
  rootArgs: readonly GraphQLArgument[],
  depth: number,
  nestedArgs: Arguments,
): { query: string; variables: DocumentVariable[] } {
  for (let levels = depth; levels >= 0; levels--) {
    const variables: DocumentVariable[] = rootArgs.map((a) => ({
      name: a.name,
      argument: a.name,
      type: a.type,
    }))
    const declare = (argument: string, type: GraphQLInputType) => {
      const name = `v${variables.length}_${argument}`
      variables.push({ name, argument, type })
      return name
    }
    const selection = selectionFor(op.definition.type, levels, new Set(), (field) =>
      nestedArgs(field, declare),
    )
    const declared = variables.map((v) => `$${v.name}: ${String(v.type)}`).join(', ')
    const passed = rootArgs.map((a) => `${a.name}: $${a.name}`).join(', ')
    const query = `${op.kind} Hostile${declared ? `(${declared})` : ''} { ${op.field}${
      passed ? `(${passed})` : ''
    }${selection} }`
    if (affordable(query)) return { query, variables }
  }
  throw new Error(`no selection of ${op.key} fits the cost limit`)
}

function affordable(document: string) {
  const errors = graphql.validate(schema, graphql.parse(document), [
    ...graphql.specifiedRules,
    costLimit() as never,
  ])
  return errors.length === 0
}

/**
 * Leaves (scalars and enums) and, `depth` levels down, objects; no type twice on one path.
 * `argumentsOf` writes a nested field's arguments, or refuses the field with null.
 */
function selectionFor(
  type: GraphQLOutputType,
  depth: number,
  path: Set<string>,
  argumentsOf: (field: GraphQLField<unknown, unknown>) => string | null,
): string {
  const named = graphql.getNamedType(type)
  if (!graphql.isObjectType(named)) return ''
  const inner = new Set([...path, named.name])
  const parts: string[] = []
  for (const field of Object.values(named.getFields())) {
    const leaf = graphql.getNamedType(field.type)
    if (!graphql.isLeafType(leaf) && (depth === 0 || inner.has(leaf.name))) continue
    const below = graphql.isLeafType(leaf) ? '' : selectionFor(field.type, depth - 1, inner, argumentsOf)
    if (!graphql.isLeafType(leaf) && !below) continue
    const args = argumentsOf(field)
    if (args !== null) parts.push(`${field.name}${args}${below}`)
  }
  return parts.length ? ` { ${parts.join(' ')} }` : ''
}

/** The deepest selection the server's depth limit allows, less the root field and a margin. */
export const DEEPEST = Math.min(8, MAX_DEPTH - 2)
