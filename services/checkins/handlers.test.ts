import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildProgram, CHECK_IN } from '../../test/support/program.ts'
import { startServer, type TestServer } from '../../test/support/server.ts'
import { describeWithStores } from '../../test/support/stores.ts'
import type { Actor } from '../shared/actor.ts'
import { streams } from '../shared/ids.ts'
import { replyToCheckIn, submitCheckIn } from './handlers.ts'

const as = (personId: string): Actor => ({
  id: `person:${personId}`,
  keyId: null,
  scopes: new Set(['person']),
  personId,
})

describeWithStores('check-in handlers under concurrency', (kind) => {
  let server: TestServer
  let program: Awaited<ReturnType<typeof buildProgram>>

  beforeAll(async () => {
    server = await startServer(kind)
    program = await buildProgram(server)
  })
  afterAll(() => server?.close())

  it('two simultaneous submissions for one week: exactly one is stored, the other is a CONFLICT', async () => {
    const deps = server.trellis.deps
    const input = { mentorshipId: program.mentorshipId, markdown: CHECK_IN, weekOf: '2026-11-02' }
    const results = await Promise.allSettled([
      submitCheckIn(deps, as(program.menteeId), input),
      submitCheckIn(deps, as(program.menteeId), input),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(rejected.reason).toMatchObject({ code: 'CONFLICT' })
  })

  it('simultaneous replies are all kept: a conflict is retried on the new state', async () => {
    const deps = server.trellis.deps
    const checkInId = await submitCheckIn(deps, as(program.menteeId), {
      mentorshipId: program.mentorshipId,
      markdown: CHECK_IN,
      weekOf: '2026-11-09',
    })
    const replies = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        replyToCheckIn(deps, as(program.mentorId), { checkInId, markdown: `reply ${i}` }),
      ),
    )
    expect(new Set(replies).size).toBe(4)
    const stream = await server.trellis.store.readStream(streams.checkIn(checkInId))
    expect(stream.map((e) => e.type)).toEqual([
      'CheckInSubmitted',
      'ReplyWritten',
      'ReplyWritten',
      'ReplyWritten',
      'ReplyWritten',
    ])
    const rows = await server.trellis.database.db
      .selectFrom('check_in_replies')
      .select('id')
      .where('check_in_id', '=', checkInId)
      .execute()
    expect(rows).toHaveLength(4)
  })

  it('the same idempotency key from two simultaneous calls appends once', async () => {
    const deps = server.trellis.deps
    const input = {
      mentorshipId: program.mentorshipId,
      markdown: CHECK_IN,
      weekOf: '2026-11-16',
      idempotencyKey: 'retry-1',
    }
    const [a, b] = await Promise.all([
      submitCheckIn(deps, as(program.menteeId), input),
      submitCheckIn(deps, as(program.menteeId), input),
    ])
    expect(a).toBe(b)
    expect(await server.trellis.store.readStream(streams.checkIn(a))).toHaveLength(1)
  })
})
