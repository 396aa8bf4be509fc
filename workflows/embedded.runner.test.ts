import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../infra/db/database.ts'
import { createTrellis, type Trellis } from '../infra/trellis.ts'
import { recordOccurrence } from '../services/lifecycle/handlers.ts'
import { applyLifecycleCommand } from '../services/lifecycle/commands.ts'
import type { Occurrence } from '../services/lifecycle/schedule.ts'
import { startMentorship } from '../services/mentorships/handlers.ts'
import { registerPerson } from '../services/people/handlers.ts'
import type { Actor } from '../services/shared/actor.ts'
import { manualClock } from '../services/shared/clock.ts'
import { createPostgresDatabase, dropPostgresDatabase, postgresAvailable } from '../test/support/databases.ts'
import { untilDispatched } from '../test/support/lifecycle.ts'
import { testConfig } from '../test/support/server.ts'
import { createEmbeddedEngine } from './embedded.ts'

const admin: Actor = { id: 'runner-test', keyId: null, scopes: new Set(['admin']), personId: null }
const postgresUp = await postgresAvailable()

/** Durable timers on PostgreSQL: several instances, restarts, and no timer fired twice. */
describe.skipIf(!postgresUp)('embedded runner: durable timers on one PostgreSQL', () => {
  let url: string
  const instances: Trellis[] = []
  const clock = manualClock(DateTime.fromISO('2027-01-01T00:00:00Z', { zone: 'utc' }))

  beforeAll(async () => {
    url = await createPostgresDatabase()
  })
  afterAll(async () => {
    for (const t of instances) await t.close()
    await dropPostgresDatabase(url)
  })

  async function instance() {
    const trellis = await createTrellis(testConfig(), {
      clock,
      database: await openDatabase({ url }),
      lifecyclePollMs: 0,
    })
    instances.push(trellis)
    await trellis.startLifecycle()
    return trellis
  }

  /** A runner whose activity is the real one, counting each time it is asked to fire an occurrence. */
  function countingRunner(trellis: Trellis, fired: Map<string, number>) {
    return createEmbeddedEngine({
      db: trellis.database.db,
      clock,
      pollMs: 0,
      async record(mentorshipId: string, occurrence: Occurrence) {
        const key = `${mentorshipId}@${occurrence.at}`
        fired.set(key, (fired.get(key) ?? 0) + 1)
        return recordOccurrence(trellis.deps, mentorshipId, occurrence)
      },
      apply: (command) => applyLifecycleCommand(trellis.deps, command),
    })
  }

  it('two instances ticking together fire every due timer exactly once; a second start changes nothing', async () => {
    const a = await instance()
    const b = await instance()
    const mentorIds = await registerPerson(a.deps, admin, {
      email: 'm@runner.test',
      name: 'M',
      timeZone: 'Europe/Berlin',
    })
    const ids: string[] = []
    for (let i = 0; i < 8; i++) {
      const menteeId = await registerPerson(a.deps, admin, {
        email: `e${i}@runner.test`,
        name: `E${i}`,
        timeZone: 'Asia/Kathmandu',
      })
      ids.push(
        await startMentorship(a.deps, admin, {
          mentorId: mentorIds,
          menteeId,
          startedOn: '2027-01-04',
          checkInWeekday: 3,
        }),
      )
    }
    await untilDispatched(a)
    await untilDispatched(b)
    // The MentorshipStarted event seen twice (both dispatchers saw it): still one workflow each.
    const rows = await a.database.db.selectFrom('lifecycle_workflows').select('mentorship_id').execute()
    expect(rows).toHaveLength(8)

    const fired = new Map<string, number>()
    const runners = [countingRunner(a, fired), countingRunner(b, fired)]
    clock.set(DateTime.fromISO('2027-02-01T00:00:00Z', { zone: 'utc' }))
    await Promise.all(runners.map((r) => r.tick()))
    await Promise.all(runners.map((r) => r.tick()))
    expect(fired.size).toBeGreaterThan(8 * 8)
    expect([...fired.values()].every((n) => n === 1)).toBe(true)
    const dues = await a.database.db
      .selectFrom('check_in_dues')
      .select('week_of')
      .where('mentorship_id', '=', ids[0]!)
      .execute()
    expect(dues).toHaveLength(4)
  })

  it('a timer that came due while no runner was up fires once when one starts', async () => {
    const c = await instance()
    clock.set(DateTime.fromISO('2027-02-15T00:00:00Z', { zone: 'utc' }))
    const fired = new Map<string, number>()
    const runner = countingRunner(c, fired)
    await runner.tick()
    const firstRound = fired.size
    expect(firstRound).toBeGreaterThan(0)
    await runner.tick()
    expect(fired.size).toBe(firstRound)
    expect([...fired.values()].every((n) => n === 1)).toBe(true)
  })
})
