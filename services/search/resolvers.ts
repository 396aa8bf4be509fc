import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { isMember } from '../shared/membership.ts'
import { READERS, requireAnyScope, requireMember } from '../shared/actor.ts'
import { badField, notFound } from '../shared/errors.ts'
import { isUuid } from '../shared/ids.ts'
import { isStorableText } from '../shared/validation.ts'
import { anyWord, searchDocuments, websearch } from './queries.ts'

const MAX_QUERY = 500
/** A question being written: its title and body, of which the first 40 distinct words are used. */
const MAX_DRAFT = 8000
const MAX_HITS = 50

function requireText(field: string, value: string, max = MAX_QUERY) {
  if (value.trim() === '') throw badField(field, 'must not be empty')
  if (value.length > max) throw badField(field, `must be at most ${max} characters`)
  if (!isStorableText(value)) throw badField(field, 'must not contain NUL characters or unpaired surrogates')
}

function hits(first: number | null | undefined, fallback: number) {
  if (first === null || first === undefined) return fallback
  if (!Number.isInteger(first) || first < 1 || first > MAX_HITS)
    throw badField('first', `must be between 1 and ${MAX_HITS}`)
  return first
}

const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00.000Z')
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z')

function instant(field: string, value: string | null | undefined) {
  if (value === null || value === undefined) return null
  const ms = Date.parse(value)
  // Years 1 to 9999: what PostgreSQL's timestamps and ISO-8601 without an extended year both hold.
  if (Number.isNaN(ms) || ms < FIRST_INSTANT || ms > LAST_INSTANT)
    throw badField(field, 'must be an ISO-8601 instant between the years 1 and 9999')
  return new Date(ms).toISOString()
}

export const searchResolvers: Resolvers = {
  Query: {
    async search(_, { query, first, types, mentorshipId, from, to }, ctx) {
      requireAnyScope(ctx.actor, READERS)
      requireText('query', query)
      if (mentorshipId && !isUuid(mentorshipId)) throw badField('mentorshipId', 'must be a mentorship id')
      return searchDocuments(
        ctx.deps.db,
        ctx.actor.personId,
        websearch(query),
        { types, mentorshipId, from: instant('from', from), to: instant('to', to) },
        hits(first, 20),
      )
    },
    async suggestAnswers(_, { mentorshipId, text, first }, ctx) {
      requireMember(ctx.actor)
      requireText('text', text, MAX_DRAFT)
      if (!isUuid(mentorshipId) || !(await isMember(ctx, mentorshipId))) throw notFound('mentorship')
      return searchDocuments(
        ctx.deps.db,
        ctx.actor.personId,
        anyWord(text),
        { types: ['ANSWER', 'DECISION', 'RESOURCE'] },
        hits(first, 5),
      )
    },
  },
  SearchHit: {
    mentorshipId: (hit) => hit.mentorship_id,
  },
}
