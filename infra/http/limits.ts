import type {
  ASTVisitor,
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
} from './graphql.ts'

export const MAX_DEPTH = 12
export const MAX_COST = 5000
/** A list without `first` (replies, revisions) is counted as this many items. */
const LIST_WITHOUT_PAGING = 5

/**
 * Refuses a query whose estimated cost is over the limit before any resolver runs: each field
 * costs 1; a connection multiplies what is below it by its `first` argument (20 when absent, 100
 * when a variable), a plain list by 5.
 */
export function costLimit(maxCost = MAX_COST) {
  return function CostLimit(context: ValidationContext): ASTVisitor {
    return {
      OperationDefinition(node) {
        const root =
          node.operation === 'query'
            ? context.getSchema().getQueryType()
            : node.operation === 'mutation'
              ? context.getSchema().getMutationType()
              : context.getSchema().getSubscriptionType()
        if (!root) return
        const cost = costOf(context, node.selectionSet, root, new Set())
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
      const below = selection.selectionSet ? costOf(context, selection.selectionSet, field.type, seen) : 0
      total += 1 + multiplier * below
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      total += costOf(context, selection.selectionSet, parent, seen)
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value
      const fragment = context.getFragment(name)
      if (!fragment || seen.has(name)) continue
      total += costOf(context, fragment.selectionSet, parent, new Set([...seen, name]))
    }
  }
  return total
}
