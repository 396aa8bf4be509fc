import type {
  ASTVisitor,
  GraphQLError as GraphQLErrorType,
  GraphQLField,
  GraphQLOutputType,
  SelectionSetNode,
  ValidationContext,
} from 'graphql'
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  Lexer,
  Source,
  TokenKind,
} from './graphql.ts'

export const MAX_DEPTH = 12
export const MAX_COST = 5000
/** Tokens in one document: generous for any real query, and it bounds what validation reads. */
export const MAX_TOKENS = 10_000
/** Brackets open at once (`{`, `(`, `[`): a depth-12 query with nested arguments stays far below. */
export const MAX_NESTING = 32
/** A list without `first` (replies, revisions) is counted as this many items. */
const LIST_WITHOUT_PAGING = 5

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.PAREN_L, TokenKind.BRACKET_L])
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.PAREN_R, TokenKind.BRACKET_R])

/**
 * Refuses a document before GraphQL parses it, in one flat pass over its tokens: GraphQL's parser
 * and validation recurse once per level, so `{a{a{…` ten thousand deep would exhaust the stack,
 * and a megabyte of fields keeps validation busy. A document the lexer cannot read is left to the
 * parser, which names the syntax error.
 */
export function documentRefusal(source: string): GraphQLErrorType | null {
  const lexer = new Lexer(new Source(source))
  let tokens = 0
  let nesting = 0
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > MAX_TOKENS) {
        return refusal('query_too_large', `the document has over ${MAX_TOKENS} tokens: send a smaller query`)
      }
      if (OPENING.has(token.kind) && ++nesting > MAX_NESTING) {
        return refusal('query_too_deep', `the document nests brackets over ${MAX_NESTING} deep`)
      }
      if (CLOSING.has(token.kind)) nesting--
    }
  } catch {
    return null
  }
  return null
}

function refusal(reason: string, message: string) {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', reason, fields: [{ field: 'query', message }] },
  })
}

/**
 * Refuses an operation whose fields nest deeper than the limit, counting through fragments
 * (each fragment measured once), before any resolver runs.
 */
export function depthLimit(maxDepth = MAX_DEPTH) {
  return function DepthLimit(context: ValidationContext): ASTVisitor {
    const fragmentDepths = new Map<string, number>()
    const depthOf = (set: SelectionSetNode, visiting: Set<string>): number => {
      let deepest = 0
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          deepest = Math.max(
            deepest,
            1 + (selection.selectionSet ? depthOf(selection.selectionSet, visiting) : 0),
          )
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, visiting))
        } else {
          const name = selection.name.value
          const fragment = context.getFragment(name)
          // A cycle is NoFragmentCyclesRule's to report.
          if (!fragment || visiting.has(name)) continue
          if (!fragmentDepths.has(name)) {
            fragmentDepths.set(name, depthOf(fragment.selectionSet, new Set([...visiting, name])))
          }
          deepest = Math.max(deepest, fragmentDepths.get(name)!)
        }
      }
      return deepest
    }
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set())
        if (depth > maxDepth) {
          const message = `query depth ${depth} is over the limit of ${maxDepth}: ask for fewer nested levels`
          context.reportError(
            new GraphQLError(message, {
              nodes: [node],
              extensions: { code: 'BAD_USER_INPUT', reason: 'query_too_deep' },
            }),
          )
        }
      },
    }
  }
}

/**
 * Refuses a query whose estimated cost is over the limit before any resolver runs: each field
 * costs 1; a connection multiplies what is below it by its `first` argument (20 when absent, 100
 * when a variable), a plain list by 5. Each fragment is costed once per parent type, so fragments
 * that spread each other twice over cost a multiplication, not an exponential walk.
 */
export function costLimit(maxCost = MAX_COST) {
  return function CostLimit(context: ValidationContext): ASTVisitor {
    const fragmentCosts = new Map<string, number>()
    return {
      OperationDefinition(node) {
        const root =
          node.operation === 'query'
            ? context.getSchema().getQueryType()
            : node.operation === 'mutation'
              ? context.getSchema().getMutationType()
              : context.getSchema().getSubscriptionType()
        if (!root) return
        const cost = costOf(context, node.selectionSet, root, new Set(), fragmentCosts)
        if (cost > maxCost) {
          context.reportError(
            new GraphQLError(
              `query cost ${cost} is over the limit of ${maxCost}: ask for fewer items or fields`,
              {
                nodes: [node],
                extensions: { code: 'BAD_USER_INPUT', reason: 'query_too_costly' },
              },
            ),
          )
        }
      },
    }
  }
}

function costOf(
  context: ValidationContext,
  set: SelectionSetNode,
  parent: GraphQLOutputType,
  seen: Set<string>,
  fragmentCosts: Map<string, number>,
): number {
  const type = getNamedType(parent)
  let total = 0
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {}
      const field: GraphQLField<unknown, unknown> | undefined = fields[selection.name.value]
      if (!field) continue
      let multiplier = 1
      const inConnection = type.name.endsWith('Connection')
      if (getNamedType(field.type).name.endsWith('Connection')) {
        const first = selection.arguments?.find((a) => a.name.value === 'first')
        multiplier = first?.value.kind === Kind.INT ? Math.max(1, Number(first.value.value)) : 20
        if (first?.value.kind === Kind.VARIABLE) multiplier = 100
      } else if (isListType(getNullableType(field.type)) && !inConnection) {
        multiplier = LIST_WITHOUT_PAGING
      }
      const below = selection.selectionSet
        ? costOf(context, selection.selectionSet, field.type, seen, fragmentCosts)
        : 0
      total += 1 + multiplier * below
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      total += costOf(context, selection.selectionSet, parent, seen, fragmentCosts)
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value
      const fragment = context.getFragment(name)
      if (!fragment || seen.has(name)) continue
      const key = `${name} on ${type.name}`
      if (!fragmentCosts.has(key)) {
        const cost = costOf(context, fragment.selectionSet, parent, new Set([...seen, name]), fragmentCosts)
        fragmentCosts.set(key, cost)
      }
      total += fragmentCosts.get(key)!
    }
  }
  return total
}
