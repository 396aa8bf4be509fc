import { sql } from 'kysely'
import type { Trellis } from '../infra/trellis.ts'
import { createApiKey } from '../services/access/handlers.ts'
import type { Scope } from '../services/access/events.ts'
import type { Actor } from '../services/shared/actor.ts'

/** One GraphQL request the bench drives: the same document and bodies go to Trellis and the baseline. */
export interface Route {
  name: string
  operation: string
  apiKey: string
  /** Request bodies taken in turn; reads have one, the reply route one per check-in. */
  bodies: string[]
  query: boolean
}

const MENTOR_VIEW = `query QueryMentorView {
  mentorships(first: 20) {
    totalCount
    edges { node {
      id phase paused currentWeekOf nextCheckInDue
      mentee { id name timeZone }
      checkIns(first: 1) { edges { node { id weekOf status late dueAt submittedAt replies { at onTime } } } }
    } }
  }
}`

const CHECK_IN = `query QueryCheckIn($id: ID!) {
  checkIn(id: $id) {
    id weekOf status late dueAt submittedAt replyDueAt markdown html warnings
    sections { accomplished struggled questions nextWeekGoals feedbackForMentor }
    replies { id author { name } markdown html at dueAt onTime }
  }
}`

const FEED = `query QueryFeed($after: String) {
  events(first: 100, after: $after) {
    edges { cursor node { id position type occurredAt mentorshipId data redacted } }
    pageInfo { hasNextPage endCursor }
  }
}`

const OVERVIEW = `query QueryProgramOverview {
  mentorships(first: 50) {
    totalCount
    edges { node {
      id phase paused startedOn nextCheckInDue
      phaseProposal { to since }
      mentor { name timeZone }
      mentee { name timeZone }
      checkIns(first: 4) { edges { node { weekOf status late } } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`

const REPLY = `mutation MutationReply($input: ReplyToCheckInInput!) {
  replyToCheckIn(input: $input) { id at dueAt onTime author { name } }
}`

const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables })

/**
 * The five requests of the issue, on the program as seeded: the busiest mentor's mentorships with
 * this week's status, that mentor's latest replied check-in read by its mentee, a page of the
 * feed from its middle, the admin's first page of the program, and the mentor replying to their
 * check-ins in turn (so concurrent replies seldom meet on one stream).
 */
export async function routesFor(trellis: Trellis): Promise<Route[]> {
  const { db } = trellis.database
  const admin = await db
    .selectFrom('people')
    .select('id')
    .where('role', '=', 'ADMIN')
    .executeTakeFirstOrThrow()
  const adminActor: Actor = {
    id: `person:${admin.id}`,
    keyId: null,
    scopes: new Set(['admin']),
    personId: admin.id,
  }
  const key = async (scopes: Scope[], personId?: string) =>
    (await createApiKey(trellis.deps, adminActor, { name: `bench ${scopes.join(' ')}`, scopes, personId }))
      .apiKey
  const mentor = await db
    .selectFrom('mentorships')
    .select(['mentor_id', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('mentor_id')
    .orderBy('n', 'desc')
    .orderBy('mentor_id')
    .executeTakeFirstOrThrow()
  const mentorsCheckIns = db
    .selectFrom('check_ins as c')
    .innerJoin('mentorships as m', 'm.id', 'c.mentorship_id')
    .select(['c.id', 'm.mentee_id'])
    .where('m.mentor_id', '=', mentor.mentor_id)
    .orderBy('c.submitted_at', 'desc')
  const read = await mentorsCheckIns
    .where(sql<boolean>`exists (select 1 from check_in_replies r where r.check_in_id = c.id)`)
    .executeTakeFirst()
  if (!read) throw new Error('the seeded program has no replied check-in: seed more weeks')
  // Replies go to older weeks: neither the check-in read above nor the newest weeks the mentor's
  // view lists, so what the read routes read stays as seeded however often the bench runs.
  const replyTargets = await mentorsCheckIns
    .where('c.id', '!=', read.id)
    .where(
      sql<boolean>`c.week_of < (select max(l.week_of) from check_ins l where l.mentorship_id = c.mentorship_id)`,
    )
    .limit(200)
    .execute()
  if (replyTargets.length === 0)
    throw new Error('the seeded program has too few weeks to reply to: seed more')
  const { n } = await db
    .selectFrom('event_feed')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  const middle = await db
    .selectFrom('event_feed')
    .select(sql<string>`position::text`.as('position'))
    .orderBy('position')
    .offset(Math.floor(Number(n) / 2))
    .limit(1)
    .executeTakeFirstOrThrow()
  const mentorKey = await key(['person'], mentor.mentor_id)
  return [
    {
      name: 'mentor: mentorships + this week',
      operation: 'QueryMentorView',
      apiKey: mentorKey,
      bodies: [body(MENTOR_VIEW)],
      query: true,
    },
    {
      name: 'check-in with replies',
      operation: 'QueryCheckIn',
      apiKey: await key(['person'], read.mentee_id),
      bodies: [body(CHECK_IN, { id: read.id })],
      query: true,
    },
    {
      name: 'event feed page (100)',
      operation: 'QueryFeed',
      apiKey: await key(['events:read']),
      bodies: [body(FEED, { after: middle.position })],
      query: true,
    },
    {
      name: 'admin: program overview (50)',
      operation: 'QueryProgramOverview',
      apiKey: await key(['admin']),
      bodies: [body(OVERVIEW)],
      query: true,
    },
    {
      name: 'reply to a check-in',
      operation: 'MutationReply',
      apiKey: mentorKey,
      bodies: replyTargets.map((c) =>
        body(REPLY, { input: { checkInId: c.id, markdown: 'Thanks — see my notes on the PR.' } }),
      ),
      query: false,
    },
  ]
}
