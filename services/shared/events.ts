import type { z } from 'zod'

/**
 * An event type: its current version, its zod schema (validated when written and when read),
 * upcasters from older versions, and what must be hidden from whom. The redaction is declared
 * here, beside the schema, so a new event cannot forget it.
 */
export interface EventDefinition<T extends string = string, S extends z.ZodTypeAny = z.ZodTypeAny> {
  type: T
  version: number
  schema: S
  /**
   * Shown only to the event's members: for a mentorship's events its mentor and mentee (their
   * written text, PRODUCT §8); for a person's own events that person and the admins.
   */
  privateFields: readonly string[]
  /** Never shown to any caller (for example a key's hash). */
  secretFields: readonly string[]
  /** `upcasters[n]` turns version n's data into version n+1's. */
  upcasters: Record<number, (data: any) => unknown>
}

export function defineEvent<T extends string, S extends z.ZodTypeAny>(
  type: T,
  schema: S,
  options: Partial<Pick<EventDefinition, 'version' | 'privateFields' | 'secretFields' | 'upcasters'>> = {},
): EventDefinition<T, S> {
  return {
    type,
    schema,
    version: options.version ?? 1,
    privateFields: options.privateFields ?? [],
    secretFields: options.secretFields ?? [],
    upcasters: options.upcasters ?? {},
  }
}

/** The event as deciders produce and evolve it: a type and its validated data. */
export type EventOf<D extends EventDefinition> =
  D extends EventDefinition<infer T, infer S> ? { type: T; data: z.output<S> } : never

export type AnyEvent = { type: string; data: any }
