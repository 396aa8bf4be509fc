import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DocumentType } from './projection.ts'

export interface SearchFilters {
  types?: readonly DocumentType[] | null
  mentorshipId?: string | null
  from?: string | null
  to?: string | null
}

export interface SearchHitRow {
  type: DocumentType
  id: string
  mentorship_id: string | null
  title: string
  snippet: string
}

/** Matches are marked «like this» in snippets: plain text, never HTML, so no reader can be tricked. */
const HEADLINE = 'StartSel=«, StopSel=», MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "'

/**
 * Full-text search over the documents `personId` may read: their own pairs' writing and the
 * program's library (PRODUCT §4, §8). The permission is part of the same SQL as the match, the
 * ranking and the snippet, so nothing another pair wrote can shape a result, a snippet or a count.
 */
export async function searchDocuments(
  db: Kysely<any>,
  personId: string | null,
  query: RawBuilder<unknown>,
  filters: SearchFilters,
  first: number,
) {
  const readable = personId
    ? sql`(d.mentorship_id is null or d.mentorship_id in (
        select id from mentorships where mentor_id = ${personId} or mentee_id = ${personId}))`
    : sql`d.mentorship_id is null`
  const conditions = [
    readable,
    // Six kinds at most, however long the list a client sends: one parameter each.
    filters.types?.length ? sql`d.type in (${sql.join([...new Set(filters.types)])})` : null,
    filters.mentorshipId ? sql`d.mentorship_id = ${filters.mentorshipId}` : null,
    filters.from ? sql`d.at >= ${filters.from}::timestamptz` : null,
    filters.to ? sql`d.at < ${filters.to}::timestamptz` : null,
  ].filter((c) => c !== null)
  // Ranked and cut first; only the page's rows pay for a headline.
  const { rows } = await sql<SearchHitRow>`
    select page.type, page.id, page.mentorship_id, page.title,
      ts_headline('english', page.body, page.q, ${HEADLINE}) as snippet
    from (
      select d.type, d.id, d.mentorship_id, d.title, d.body, d.at, q.q, ts_rank_cd(d.document, q.q) as rank
      from search_documents d, (select ${query} as q) q
      where d.document @@ q.q and ${sql.join(conditions, sql` and `)}
      order by rank desc, d.at desc, d.id
      limit ${first}
    ) page
    order by page.rank desc, page.at desc, page.id`.execute(db)
  return rows
}

/** What a person typed into a search box: quotes, `or`, `-word`, as websearch_to_tsquery reads them. */
export const websearch = (text: string) => sql`websearch_to_tsquery('english', ${text})`

/**
 * Any of the words of a question being written: a draft matches earlier answers that share a few
 * of its words, not only those that hold every one.
 */
export function anyWord(text: string) {
  const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 40)
  return websearch(words.join(' or '))
}
