import { badField } from './errors.ts'

export const DEFAULT_PAGE = 20
export const MAX_PAGE = 100

/** `first` for a connection: 20 by default, 1 to 100 allowed. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw badField('first', `must be between 1 and ${MAX_PAGE}`)
  }
  return first
}
