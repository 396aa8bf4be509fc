import { DateTime } from 'luxon'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildProgram, CHECK_IN } from '../../test/support/program.ts'
import { openTestDatabase } from '../../test/support/databases.ts'
import { serve, testConfig } from '../../test/support/server.ts'
import { describeWithStores } from '../../test/support/stores.ts'
import { bearer } from '../../test/support/server.ts'
import type { Database } from '../db/database.ts'
import { manualClock } from '../../services/shared/clock.ts'
import { createTrellis } from '../trellis.ts'

/**
 * An upgrade: a database written before questions and search existed, then started on this code.
 * The migration that adds new projections replays the stored events, so the search finds text
 * written before the upgrade.
 */
describeWithStores('upgrading: new projections are filled from the events already stored', (kind) => {
  let database: Database
  const clock = manualClock(DateTime.fromISO('2026-11-20T12:00:00Z', { zone: 'utc' }))

  const start = async () =>
    serve(await createTrellis(testConfig(), { clock, database, lifecyclePollMs: 0 }), clock)

  beforeAll(async () => {
    database = await openTestDatabase(kind)
  })
  afterAll(() => database?.close())

  it('a check-in written before the upgrade is found by search after it', async () => {
    const before = await start()
    const p = await buildProgram(before)
    const submitted = await before.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          markdown: `${CHECK_IN}\n- The kangaroo migration finally ran\n`,
        },
      },
      bearer(p.menteeKey),
    )
    await before.close()
    // The schema as it was: without the tables and the column this migration adds.
    await sql`drop table questions, question_answers, question_changes, decisions, resources, search_documents`.execute(
      database.db,
    )
    await sql`alter table mentorships drop column blocking_window_hours`.execute(database.db)
    await sql`delete from read_model_migrations where name = '202611241000_create_questions_and_search'`.execute(
      database.db,
    )

    const after = await start()
    try {
      const found = await after.gql(`{ search(query: "kangaroo") { type id } }`, {}, bearer(p.menteeKey))
      expect(found.data.search).toEqual([{ type: 'CHECK_IN', id: submitted.data.submitCheckIn.id }])
      const pair = await after.gql(
        `query($id: ID!) { mentorship(id: $id) { blockingWindowHours checkIns { edges { node { status } } } } }`,
        { id: p.mentorshipId },
        bearer(p.menteeKey),
      )
      expect(pair.data.mentorship.blockingWindowHours).toBe(4)
      expect(pair.data.mentorship.checkIns.edges[0].node.status).toBe('SUBMITTED')
    } finally {
      await after.close()
    }
  })

  it('a database projected before the documents got their own lane goes on from where it was', async () => {
    const own = await openTestDatabase(kind)
    const startOn = async () =>
      serve(await createTrellis(testConfig(), { clock, database: own, lifecyclePollMs: 0 }), clock)
    const before = await startOn()
    const p = await buildProgram(before)
    await before.close()
    // As it was: one checkpoint for every projection, and this migration not yet run.
    await sql`delete from projection_checkpoints where name in ('documents', 'feed')`.execute(own.db)
    await sql`delete from read_model_migrations where name = '202611241700_split_projection_lanes'`.execute(
      own.db,
    )
    const feedBefore = await sql<{ n: number }>`select count(*)::int as n from event_feed`.execute(own.db)

    const after = await startOn()
    try {
      const { rows } = await sql<{ name: string; position: string }>`
        select name, position from projection_checkpoints order by name`.execute(own.db)
      expect(rows.map((r) => r.name)).toEqual(['documents', 'feed', 'read_models'])
      expect(new Set(rows.map((r) => r.position)).size).toBe(1)
      // Nothing replayed into the feed twice, and what comes next reaches it.
      await after.gql(
        `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
        { input: { mentorshipId: p.mentorshipId, markdown: `${CHECK_IN}\n- The wombat index held\n` } },
        bearer(p.menteeKey),
      )
      const feedAfter = await sql<{ n: number }>`select count(*)::int as n from event_feed`.execute(own.db)
      expect(feedAfter.rows[0]!.n).toBeGreaterThan(feedBefore.rows[0]!.n)
      const found = await after.gql(`{ search(query: "wombat") { type } }`, {}, bearer(p.menteeKey))
      expect(found.data.search).toEqual([{ type: 'CHECK_IN' }])
    } finally {
      await after.close()
      await own.close()
    }
  })
})
