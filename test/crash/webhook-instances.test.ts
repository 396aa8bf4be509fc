import { HTTP } from 'cloudevents'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../infra/db/database.ts'
import { rebuildReadModels } from '../../infra/readmodels/rebuild.ts'
import { createTrellis } from '../../infra/trellis.ts'
import { manualClock } from '../../services/shared/clock.ts'
import { createPostgresDatabase, dropPostgresDatabase, postgresAvailable } from '../support/databases.ts'
import { adminKeyFor, buildProgram, CHECK_IN, useAdminKey } from '../support/program.ts'
import { callerWith, serve, testConfig, type TestServer } from '../support/server.ts'
import { startReceiver } from '../support/webhookReceiver.ts'

const postgresUp = await postgresAvailable()

/**
 * Several Trellis processes on one PostgreSQL, started and stopped around a webhook: each event
 * reaches the receiver once, in its pair's order, whichever instance sends it and whatever was
 * down when it was stored.
 */
describe.skipIf(!postgresUp)('crash: webhook deliveries across instances and restarts', () => {
  let url: string
  const databases: Database[] = []
  const servers: TestServer[] = []
  const clock = manualClock(DateTime.fromISO('2026-11-20T12:00:00Z', { zone: 'utc' }))
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let adminKey: string | null = null

  async function instance(options: { lifecycle: boolean }) {
    const database = await openDatabase({ url })
    databases.push(database)
    const trellis = await createTrellis(testConfig({ webhookAllowPrivate: true }), {
      clock,
      database,
      lifecyclePollMs: 0,
    })
    if (options.lifecycle) await trellis.startLifecycle()
    const server = await serve(trellis, clock)
    servers.push(server)
    if (adminKey) useAdminKey(server, adminKey)
    else adminKey = await adminKeyFor(server)
    return server
  }

  beforeAll(async () => {
    url = await createPostgresDatabase()
    receiver = await startReceiver()
  })
  afterAll(async () => {
    for (const server of servers) await server.close().catch(() => {})
    for (const database of databases) await database.close().catch(() => {})
    await receiver?.close()
    if (url) await dropPostgresDatabase(url)
  })

  const ids = () => receiver.received.map((r) => r.headers['webhook-id'] as string)
  const subjects = () =>
    receiver.received.map((r) => HTTP.toEvent({ headers: r.headers, body: r.body }) as any)

  async function writeWeeks(server: TestServer, count: number) {
    const as = callerWith(server)
    const programs = await Promise.all([1, 2, 3].map(() => buildProgram(server, { startedOn: '2026-09-07' })))
    for (const p of programs)
      for (let week = 0; week < count; week++) {
        const weekOf = DateTime.fromISO('2026-09-07').plus({ weeks: week }).toISODate()
        await as(p.menteeKey)(
          `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
          {
            input: { mentorshipId: p.mentorshipId, weekOf, markdown: CHECK_IN },
          },
        )
      }
    return programs
  }

  it('two instances sending at once deliver every event exactly once, in each pair’s order', async () => {
    const a = await instance({ lifecycle: true })
    const b = await instance({ lifecycle: true })
    const p = await buildProgram(a)
    await callerWith(a)(p.adminKey)(
      `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }`,
      { input: { url: receiver.url } },
    )
    await writeWeeks(b, 6)
    for (let round = 0; round < 3; round++)
      await Promise.all([
        a.trellis.deliverWebhooks(),
        b.trellis.deliverWebhooks(),
        a.trellis.deliverWebhooks(),
      ])
    const { rows } = await a.trellis.database.db
      .selectFrom('webhook_deliveries')
      .select(['event_id', 'status'])
      .execute()
      .then((rows) => ({ rows }))
    expect(rows.length).toBeGreaterThan(18)
    expect(rows.every((r) => r.status === 'DELIVERED')).toBe(true)
    expect(ids().sort()).toEqual(rows.map((r) => r.event_id).sort())
    expect(new Set(ids()).size).toBe(ids().length)
    inPairOrder(subjects())
  })

  it('events stored while no instance delivered are sent on restart, and nothing twice', async () => {
    const sent = receiver.received.length
    for (const server of servers.splice(0)) await server.close()
    // An instance that serves the API but runs no deliveries (as with TRELLIS_WORKER=0 elsewhere).
    const quiet = await instance({ lifecycle: false })
    await writeWeeks(quiet, 2)
    await quiet.close()
    servers.splice(0)
    const restarted = await instance({ lifecycle: true })
    await restarted.trellis.deliverWebhooks()
    const late = receiver.received.slice(sent)
    expect(late.length).toBeGreaterThanOrEqual(6)
    expect(new Set(ids()).size).toBe(ids().length)
    inPairOrder(subjects())
  })

  it('a rebuild of the read models sends nothing again', async () => {
    const sent = receiver.received.length
    const [server] = servers.splice(0)
    await server!.close()
    const database = await openDatabase({ url })
    databases.push(database)
    const { createPostgresEventStore } = await import('../../infra/eventstore/postgres.ts')
    const store = await createPostgresEventStore(database)
    await rebuildReadModels(store, database.db)
    await store.close()
    const again = await instance({ lifecycle: true })
    await again.trellis.deliverWebhooks()
    expect(receiver.received.length).toBe(sent)
  })
})

/** Within one subject (a pair, or a person's stream) positions only grow. */
function inPairOrder(events: Array<{ subject: string; sequence: string }>) {
  const last = new Map<string, bigint>()
  for (const e of events) {
    const position = BigInt(e.sequence)
    expect(position > (last.get(e.subject) ?? -1n), `order within ${e.subject}`).toBe(true)
    last.set(e.subject, position)
  }
}
