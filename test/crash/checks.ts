import { sql, type Kysely, type RawBuilder } from 'kysely'
import { expect } from 'vitest'
import type { Database } from '../../infra/db/database.ts'
import { createPostgresEventStore } from '../../infra/eventstore/postgres.ts'
import { rebuildReadModels } from '../../infra/readmodels/rebuild.ts'
import { dumpReadModels } from '../support/readModels.ts'
import { bearer } from '../support/server.ts'
import type { TrellisProcess } from '../support/trellisProcess.ts'
import { answered, EVENT_OF, type Program, type Request } from './load.ts'

/** What a process answers about the program: every client's view of what was written. */
export interface View {
  /** Per mentorship, its submitted check-ins with their revision count and reply ids. */
  checkIns: Record<string, Array<{ id: string; weekOf: string; revisions: number; replies: string[] }>>
  /** Registered people's emails by id (null: not found). */
  people: Record<string, string | null>
  /** The event feed of the request kinds' events: id, type and the id it names. */
  feed: Array<{ id: string; position: string; type: string; subject: string }>
}

const FEED_TYPES = Object.values(EVENT_OF).map((e) => e.type)

/** Reads the program back through the API, as its mentors, its admin and its HR system would. */
export async function viewOf(process: TrellisProcess, program: Program): Promise<View> {
  const checkIns: View['checkIns'] = {}
  for (const { pair } of program.writers) {
    const r = await process.gql(
      `query($id: ID!) { mentorship(id: $id) { checkIns(first: 20) { edges { node {
         id weekOf submittedAt revisions { revision } replies { id } } } } } }`,
      { id: pair.mentorshipId },
      bearer(pair.mentorKey),
    )
    expect(r.errors).toBeUndefined()
    checkIns[pair.mentorshipId] = r.data.mentorship.checkIns.edges
      .map((e: any) => e.node)
      .filter((c: any) => c.submittedAt !== null)
      .map((c: any) => ({
        id: c.id,
        weekOf: c.weekOf,
        revisions: c.revisions.length,
        replies: c.replies.map((reply: any) => reply.id),
      }))
  }
  const people: View['people'] = {}
  const ids = answered(program.requests)
    .filter((r) => r.kind === 'registerPerson')
    .map((r) => r.answer!)
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100)
    const fields = chunk.map((id, j) => `p${j}: person(id: "${id}") { id email }`).join(' ')
    const r = await process.gql(`{ ${fields} }`, {}, bearer(program.adminKey))
    expect(r.errors).toBeUndefined()
    chunk.forEach((id, j) => (people[id] = r.data[`p${j}`]?.email ?? null))
  }
  const feed: View['feed'] = []
  for (let after: string | null = null; ;) {
    const r: any = await process.gql(
      `query($after: String, $types: [String!]) { events(first: 100, after: $after, types: $types) {
         edges { node { id position type data } } pageInfo { hasNextPage endCursor } } }`,
      { after, types: FEED_TYPES },
      bearer(program.hrKey),
    )
    expect(r.errors).toBeUndefined()
    for (const { node } of r.data.events.edges) {
      const field = Object.values(EVENT_OF).find((e) => e.type === node.type)!.idField
      feed.push({ id: node.id, position: node.position, type: node.type, subject: node.data[field] })
    }
    if (!r.data.events.pageInfo.hasNextPage) break
    after = r.data.events.pageInfo.endCursor
  }
  return { checkIns, people, feed }
}

/** Each answered request shows once: in the feed, among its pair's check-ins or replies, as a person. */
export function expectEachAnswerShownOnce(view: View, requests: Request[]) {
  const done = answered(requests)
  expect(new Set(view.feed.map((e) => e.id)).size).toBe(view.feed.length)
  const shown = countBy(view.feed.map((e) => `${e.type} ${e.subject}`))
  const missing = done.filter((r) => shown.get(`${EVENT_OF[r.kind].type} ${r.answer}`) !== 1)
  expect(missing.map((r) => r.key)).toEqual([])

  for (const [mentorshipId, checkIns] of Object.entries(view.checkIns)) {
    const submitted = done.filter(
      (r) => r.kind === 'submitCheckIn' && r.variables.input.mentorshipId === mentorshipId,
    )
    expect(checkIns.map((c) => c.id).sort()).toEqual(submitted.map((r) => r.answer).sort())
    for (const checkIn of checkIns) {
      expect(checkIn.revisions).toBe(1)
      const replies = done.filter((r) => r.kind === 'replyToCheckIn' && r.checkInId === checkIn.id)
      expect([...checkIn.replies].sort()).toEqual(replies.map((r) => r.answer).sort())
    }
  }
  for (const r of done.filter((r) => r.kind === 'registerPerson')) {
    expect(view.people[r.answer!]).toBe(r.variables.input.email)
  }
}

/** Each answered request is one event in the store, of its kind, naming what the API answered. */
export async function expectEachAnswerStoredOnce(db: Kysely<any>, requests: Request[]) {
  const { rows } = await sql<{ key: string; type: string; data: Record<string, unknown> }>`
    select metadata->>'idempotencyKey' as key, type, data from events
    where metadata->>'idempotencyKey' is not null`.execute(db)
  const byKey = new Map<string, typeof rows>()
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row])
  for (const request of answered(requests)) {
    const { type, idField } = EVENT_OF[request.kind]
    const stored = byKey.get(request.key) ?? []
    expect(
      stored.map((e) => [e.type, e.data[idField]]),
      request.key,
    ).toEqual([[type, request.answer]])
  }
}

/**
 * No request — a client's or a lifecycle timer's — was appended twice: every (stream, actor,
 * idempotency key) has one correlation id, which each append draws afresh.
 */
export async function expectNoRequestAppendedTwice(db: Kysely<any>) {
  const { rows } = await sql`
    select stream_id, metadata->>'actor' as actor, metadata->>'idempotencyKey' as key
    from events where metadata->>'idempotencyKey' is not null
    group by 1, 2, 3 having count(distinct metadata->>'correlationId') > 1`.execute(db)
  expect(rows).toEqual([])
}

/** The projector's checkpoint is the store's head, and the feed holds every position exactly once. */
export async function expectProjectedToHead(db: Kysely<any>) {
  const positions = async (query: RawBuilder<{ p: string }>) => (await query.execute(db)).rows.map((r) => r.p)
  const stored = await positions(sql`select position::text as p from events order by position`)
  const fed = await positions(sql`select position::text as p from event_feed order by position`)
  const checkpoint = await positions(
    sql`select position::text as p from projection_checkpoints where name = 'read_models'`,
  )
  expect(checkpoint).toEqual([stored.at(-1)])
  expect(fed).toEqual(stored)
}

/** The rows each answered request projected: one person, one check-in with one revision, one reply. */
export async function expectEachAnswerProjectedOnce(db: Kysely<any>, requests: Request[]) {
  const done = answered(requests)
  const ids = (kind: string) => done.filter((r) => r.kind === kind).map((r) => r.answer!)
  const rows = async (query: RawBuilder<{ id: string }>) =>
    (await query.execute(db)).rows.map((r) => r.id).sort()
  const people = ids('registerPerson')
  expect(await rows(sql`select id::text as id from people where id::text in (${sql.join(people)})`)).toEqual(
    [...people].sort(),
  )
  const checkIns = ids('submitCheckIn')
  const inCheckIns = sql.join(checkIns)
  expect(await rows(sql`select id::text as id from check_ins where id::text in (${inCheckIns})`)).toEqual(
    [...checkIns].sort(),
  )
  expect(
    await rows(
      sql`select check_in_id::text as id from check_in_revisions where check_in_id::text in (${inCheckIns})`,
    ),
  ).toEqual([...checkIns].sort())
  expect(
    await rows(sql`select id::text as id from check_in_replies where check_in_id::text in (${inCheckIns})`),
  ).toEqual(ids('replyToCheckIn').sort())
}

/** Replays every event into emptied read models and expects every table to come back row for row. */
export async function expectRebuildIdentical(database: Database) {
  const before = await dumpReadModels(database.db)
  const store = await createPostgresEventStore(database)
  try {
    await rebuildReadModels(store, database.db)
  } finally {
    await store.close()
  }
  expect(await dumpReadModels(database.db)).toEqual(before)
}

function countBy(values: string[]) {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return counts
}
