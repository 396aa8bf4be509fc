import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../infra/db/database.ts'
import { migrate } from '../../infra/readmodels/migrate.ts'
import { openTestDatabase } from '../../test/support/databases.ts'
import type { ProjectedEvent } from '../shared/projection.ts'
import { lifecycleProjection } from './projection.ts'

const M = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890'
let position = 0n
const projected = (type: string, data: Record<string, unknown>): ProjectedEvent => ({
  event: { type, data: { mentorshipId: M, ...data } } as ProjectedEvent['event'],
  eventId: crypto.randomUUID(),
  streamId: `mentorship-${M}`,
  position: ++position,
  metadata: {
    actor: 'system',
    correlationId: 'c',
    causationId: null,
    occurredAt: '2027-01-01T00:00:00.000Z',
  },
})
const due = (weekOf: string) => projected('CheckInDue', { weekOf, dueAt: `${weekOf}T23:00:00.000Z` })
const missed = (weekOf: string) => projected('CheckInMissed', { weekOf })
const overdue = (weekOf: string) =>
  projected('ReplyOverdue', { weekOf, checkInId: M, deadline: `${weekOf}T12:00:00.000Z` })

/**
 * The lifecycle's record as it really comes: a check-in submitted early and left without a reply
 * is overdue before its week falls due; a week is missed after it; a due may be recorded twice.
 */
const log = [
  overdue('2027-01-04'), // before its due: sets nothing
  due('2027-01-04'),
  due('2027-01-11'),
  missed('2027-01-11'),
  due('2027-01-11'),
  overdue('2027-01-18'),
  due('2027-01-18'),
  overdue('2027-01-18'),
  missed('2027-01-25'), // never due: sets nothing
]

describe('check-in dues: any split of the record into batches writes the rows one event at a time writes', () => {
  let database: Database
  beforeAll(async () => {
    database = await openTestDatabase('pglite')
    await migrate(database.db)
  })
  afterAll(() => database?.close())

  async function project(batches: ProjectedEvent[][]) {
    await sql`delete from check_in_dues`.execute(database.db)
    for (const events of batches) {
      await database.db.transaction().execute(async (trx) => {
        const batch = await lifecycleProjection.open(trx, events)
        for (const event of events) await batch.apply(event)
        await batch.close()
      })
    }
    const { rows } =
      await sql`select week_of, missed, reply_overdue from check_in_dues order by week_of`.execute(
        database.db,
      )
    return rows
  }

  it('one event per batch, one batch, and random splits agree', async () => {
    const oneByOne = await project(log.map((e) => [e]))
    expect(oneByOne).toEqual([
      { week_of: '2027-01-04', missed: false, reply_overdue: false },
      { week_of: '2027-01-11', missed: true, reply_overdue: false },
      { week_of: '2027-01-18', missed: false, reply_overdue: true },
    ])
    expect(await project([log])).toEqual(oneByOne)
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: log.length - 1 }), { maxLength: 4 }),
        async (cuts) => {
          const bounds = [0, ...cuts.sort((a, b) => a - b), log.length]
          const batches = bounds.slice(1).map((end, i) => log.slice(bounds[i], end))
          expect(await project(batches)).toEqual(oneByOne)
        },
      ),
      { numRuns: 30 },
    )
  })
})
