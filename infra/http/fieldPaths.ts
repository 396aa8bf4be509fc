import type { ArgumentNode, DocumentNode, GraphQLError as GraphQLErrorType, ValueNode } from 'graphql'
import { Kind, parse, visit } from './graphql.ts'

/**
 * Names the input a GraphQL refusal is about, the way a DomainError would: `input.weekOf`, not
 * the variable it came through (`i.weekOf` when the variable is `$i`), and also for a literal
 * written in the query text, where GraphQL itself names nothing.
 */
export function fieldOf(error: GraphQLErrorType): string | null {
  const document = documentOf(error)
  const variable = /^Variable "\$([^"]+)"/.exec(error.message)?.[1]
  if (variable !== undefined) {
    // GraphQL writes list items as `types[0]`; our own refusals, as `types.0`: one shape for clients.
    const at = (/ at "([^"]+)"/.exec(error.message)?.[1] ?? variable).replace(/\[(\d+)\]/g, '.$1')
    const argument = document && argumentUsing(document, variable)
    return argument ? argument + at.slice(variable.length) : at
  }
  const position = error.positions?.[0]
  return document && position !== undefined ? argumentAt(document, position) : null
}

function documentOf(error: GraphQLErrorType): DocumentNode | null {
  if (!error.source) return null
  try {
    return parse(error.source)
  } catch {
    return null // a syntax error: there are no arguments to name
  }
}

/** Every argument of every field and directive, with the path to each value inside it. */
function eachValue(document: DocumentNode, visitValue: (value: ValueNode, path: string[]) => void) {
  visit(document, {
    Argument(node: ArgumentNode) {
      walk(node.value, [node.name.value], visitValue)
    },
  })
}

function walk(value: ValueNode, path: string[], visitValue: (value: ValueNode, path: string[]) => void) {
  visitValue(value, path)
  if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) walk(field.value, [...path, field.name.value], visitValue)
  } else if (value.kind === Kind.LIST) {
    value.values.forEach((item, i) => walk(item, [...path, String(i)], visitValue))
  }
}

/** The argument path that takes `$name`: `input` for `submitCheckIn(input: $i)`. */
function argumentUsing(document: DocumentNode, name: string): string | null {
  let found: string | null = null
  eachValue(document, (value, path) => {
    if (found === null && value.kind === Kind.VARIABLE && value.name.value === name) found = path.join('.')
  })
  return found
}

/** The innermost argument value that starts at `position` in the query text. */
function argumentAt(document: DocumentNode, position: number): string | null {
  let found: string | null = null
  eachValue(document, (value, path) => {
    if (value.loc?.start === position) found = path.join('.')
  })
  return found
}
