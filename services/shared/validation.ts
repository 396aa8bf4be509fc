import { z } from 'zod'
import { badInput } from './errors.ts'

/**
 * Text the event store and read models can hold: PostgreSQL's jsonb and text refuse NUL, and
 * jsonb refuses a surrogate without its pair. With the `u` flag a proper pair is one code point
 * above U+FFFF, so only NUL and lone surrogates fall outside the class — the same test as
 * `!s.includes('\0') && s.isWellFormed()`, kept as a regex so the schema stays a ZodString.
 */
const STORABLE = /^[^\u0000\uD800-\uDFFF]*$/u

export function isStorableText(value: string) {
  return STORABLE.test(value)
}

/** Every string of every command input starts here, so none can break an append. */
export const text = () =>
  z.string().regex(STORABLE, 'must not contain NUL characters or unpaired surrogates (not valid UTF-16)')

/** An idempotency key as every mutation accepts it. */
export const idempotencyKey = () => text().min(1).max(200).nullish()

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

/**
 * A web link a person gives: http(s), absolute, and one unbroken line. WHATWG URL parsing drops
 * tabs and line breaks before it checks, so they are refused here first: written into an
 * iCalendar line or a header they would start lines of their own.
 */
export const webUrl = () =>
  text()
    .max(2000)
    .regex(/^[^\s\u0000-\u001f\u007f]+$/, 'must be one URL with no spaces or control characters')
    .url('must be an absolute URL')
    .refine((u) => /^https?:\/\//i.test(u), 'must be an http or https URL')
