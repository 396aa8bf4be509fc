import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../infra/db/database.ts'
import { createPostgresEventStore } from '../../infra/eventstore/postgres.ts'
import { migrate } from '../../infra/readmodels/migrate.ts'
import { createPostgresDatabase, dropPostgresDatabase, postgresAvailable } from '../support/databases.ts'
import { startTrellisProcess, type TrellisProcess } from '../support/trellisProcess.ts'
import {
  expectEachAnswerProjectedOnce,
  expectEachAnswerShownOnce,
  expectEachAnswerStoredOnce,
  expectNoRequestAppendedTwice,
  expectProjectedToHead,
  expectRebuildIdentical,
  viewOf,
} from './checks.ts'
import {
  answered,
  buildProgram,
  deliver,
  resendSample,
  until,
  type Program,
  type Request,
  type Writer,
} from './load.ts'

const postgresUp = await postgresAvailable()

const WRITERS = 6
/** Answered requests before the kill, while one process is down, and once both run again. */
const BEFORE_KILL = 40
const DURING_OUTAGE = 20
const AFTER_RESTART = 30

describe.skipIf(!postgresUp)('crash: kill -9 of one of two Trellis processes on one PostgreSQL', () => {
  let url: string
  let a: TrellisProcess | null = null
  let b: TrellisProcess | null = null
  let program: Program
  let database: Database

  beforeAll(async () => {
    url = await createPostgresDatabase()
    database = await openDatabase({ url })
    ;[a, b] = await Promise.all([
      startTrellisProcess({ DATABASE_URL: url }),
      startTrellisProcess({ DATABASE_URL: url }),
    ])
    program = await buildProgram(a, WRITERS)
    const count = () => answered(program.requests).length
    const setup = count()
    // Half the writers use A, half B; a writer whose process is gone retries on the other.
    const target = (w: Writer) => () => (w.index % 2 === 0 ? (a ?? b) : (b ?? a))
    let running = true
    const writing = program.writers.map((w) => w.run(target(w), () => running))

    await until(() => count() >= setup + BEFORE_KILL)
    const victim = a!
    a = null
    await victim.kill()
    const killed = count()
    await until(() => count() >= killed + DURING_OUTAGE)
    a = await startTrellisProcess({ DATABASE_URL: url })
    const restarted = count()
    await until(() => count() >= restarted + AFTER_RESTART)
    running = false
    await Promise.all(writing)
  })

  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()])
    await database?.close()
    if (url) await dropPostgresDatabase(url)
  })

  it('writing goes on through the other process, and every request the kill left unanswered is answered once retried there with its key', () => {
    expect(program.requests.filter((r) => r.lost > 0).length).toBeGreaterThan(0)
    expect(program.requests.filter((r) => !r.answer)).toEqual([])
  })

  it('both processes converge: the same queries get the same answers, with every answered mutation exactly once', async () => {
    const head = await headPosition()
    for (const process of [a!, b!]) {
      await untilAsync(async () => BigInt((await process.health()).projectedPosition) >= head)
    }
    const [seenByA, seenByB] = [await viewOf(a!, program), await viewOf(b!, program)]
    expect(seenByA).toEqual(seenByB)
    expectEachAnswerShownOnce(seenByA, program.requests)
  })

  it('resending an answered mutation to either process with its idempotency key returns the same answer and appends nothing', async () => {
    const before = await domainEventCount()
    for (const [i, request] of resendSample(program.requests).entries()) {
      const again: Request = { ...request, answer: undefined, lost: 0 }
      await deliver(again, () => (i % 2 === 0 ? a : b))
      expect(again.answer, request.key).toBe(request.answer)
    }
    expect(await domainEventCount()).toBe(before)
  })

  it('after both stop, each answered mutation is one event, projected once, and no request was appended twice', async () => {
    await Promise.all([a!.stop(), b!.stop()])
    await expectEachAnswerStoredOnce(database.db, program.requests)
    await expectNoRequestAppendedTwice(database.db)
    await expectEachAnswerProjectedOnce(database.db, program.requests)
  })

  it('the projector checkpoint is the head, no event skipped or repeated, and the read models equal a rebuild from zero', async () => {
    await expectProjectedToHead(database.db)
    await expectRebuildIdentical(database)
  })

  async function headPosition() {
    const { rows } = await sql<{ head: string }>`select max(position)::text as head from events`.execute(
      database.db,
    )
    return BigInt(rows[0]!.head)
  }

  /** Events of the domain: neither the admin audit trail (every admin call) nor lifecycle timers. */
  async function domainEventCount() {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from events where type <> 'AdminActionPerformed'
      and metadata->>'operation' is distinct from 'recordOccurrence'`.execute(database.db)
    return rows[0]!.n
  }
})

describe.skipIf(!postgresUp)('crash: instances (re)starting together on one PostgreSQL', () => {
  it('instances starting together on a fresh PostgreSQL database all migrate it and open the store', async () => {
    const url = await createPostgresDatabase()
    const instances = await Promise.all([1, 2, 3].map(() => openDatabase({ url })))
    try {
      await Promise.all(
        instances.map(async (instance) => {
          await migrate(instance.db)
          await (await createPostgresEventStore(instance)).close()
        }),
      )
    } finally {
      await Promise.all(instances.map((instance) => instance.close()))
      await dropPostgresDatabase(url)
    }
  })
})

async function untilAsync(condition: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the projectors')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
