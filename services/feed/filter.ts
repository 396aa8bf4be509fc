import { badField } from '../shared/errors.ts'
import { isUuid } from '../shared/ids.ts'
import { isStorableText } from '../shared/validation.ts'

/**
 * More types than Trellis writes is a mistake; tens of thousands would overflow the SQL
 * statement's parameters (65,535), an internal error where the caller's mistake is meant.
 */
export const MAX_TYPES = 100

/** The largest position a cursor can name: PostgreSQL's bigint. */

export interface FeedFilterArgs {
  types?: readonly string[] | null
  mentorshipId?: string | null
}

/** The feed's and the subscription's filters, checked before they reach SQL. */
export function parseFeedFilter({ types, mentorshipId }: FeedFilterArgs) {
  if (mentorshipId !== null && mentorshipId !== undefined && !isUuid(mentorshipId)) {
    throw badField('mentorshipId', 'must be a mentorship id (a UUID)')
  }
  if (types && types.length > MAX_TYPES) throw badField('types', `name at most ${MAX_TYPES} event types`)
  const bad = types?.findIndex((type) => !isStorableText(type)) ?? -1
  if (bad >= 0) throw badField(`types.${bad}`, 'must not contain NUL characters or unpaired surrogates')
  return { types: types ?? null, mentorshipId: mentorshipId?.toLowerCase() ?? null }
}
