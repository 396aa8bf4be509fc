import type { z } from 'zod'
import { badInput } from './errors.ts'

/** Parses command input with zod; failures become BAD_USER_INPUT naming each field by its path. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown, prefix = 'input'): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  throw badInput(
    result.error.issues.map((issue) => ({
      field: [prefix, ...issue.path].join('.'),
      message: issue.message,
    })),
  )
}
