import { text } from '../shared/validation.ts'
import { MAX_NESTING, nestingDepth } from './nesting.ts'

/** Written text of a pair: as long as a check-in may be. */
export const MAX_TEXT = 32 * 1024

/**
 * Markdown a person writes (an answer, a question's body, a decision): not empty, at most
 * MAX_TEXT characters, and nested no deeper than rendering it on read can follow.
 */
export const markdownText = () =>
  text()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`)
    .refine((s) => nestingDepth(s) <= MAX_NESTING, `must not nest quotes and lists over ${MAX_NESTING} deep`)
