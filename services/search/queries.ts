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
  const narrowing = [
    // Six kinds at most, however long the list a client sends: one parameter each.
    filters.types?.length ? sql`d.type in (${sql.join([...new Set(filters.types)])})` : null,
    filters.mentorshipId ? sql`d.mentorship_id = ${filters.mentorshipId}` : null,
    filters.from ? sql`d.at >= ${filters.from}::timestamptz` : null,
    filters.to ? sql`d.at < ${filters.to}::timestamptz` : null,
  ].filter((c) => c !== null)
  const and = narrowing.length ? sql` and ${sql.join(narrowing, sql` and `)}` : sql``
  const pairs = personId
    ? sql`array(select id from mentorships where mentor_id = ${personId} or mentee_id = ${personId})`
    : sql`'{}'::uuid[]`
  // The caller's own pairs' documents are few (hundreds a year per pair): they are taken by their
  // pair first and matched one by one, however common the words; the library (no pair) is matched
  // through its own text index. Only the page's rows are then read whole, for the snippet.
  const { rows } = await sql<SearchHitRow>`
    with q as (select ${query} as q),
    mine as materialized (
      select d.type, d.id, d.at, d.document from search_documents d
      where d.mentorship_id = any(${pairs})${and}
    ),
    ranked as (
      select mine.type, mine.id, mine.at, ts_rank_cd(mine.document, q.q) as rank
      from mine, q where mine.document @@ q.q
      union all
      select d.type, d.id, d.at, ts_rank_cd(d.document, q.q) as rank
      from search_documents d, q where d.mentorship_id is null and d.document @@ q.q${and}
    ),
    page as (select * from ranked order by rank desc, at desc, id limit ${first})
    select d.type, d.id, d.mentorship_id, d.title, ts_headline('english', d.body, q.q, ${HEADLINE}) as snippet
    from page join search_documents d on d.type = page.type and d.id = page.id, q
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
