import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../infra/db/database.ts'
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
import { answered, buildProgram, deliver, resendSample, until, type Program, type Request } from './load.ts'

const WRITERS = 6
/** Answered requests before the kill, and after the restart. */
const BEFORE_KILL = 40
const AFTER_RESTART = 20

describe('crash: kill -9 of Trellis on its embedded store (PGlite data directory)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'trellis-crash-'))
  let killed: TrellisProcess | null = null
  let trellis: TrellisProcess | null = null
  let program: Program
  let inFlight: Request[]
  let database: Database | null = null

  beforeAll(async () => {
    killed = await startTrellisProcess({ TRELLIS_DATA_DIR: dataDir })
    let live: TrellisProcess | null = killed
    program = await buildProgram(live, WRITERS)
    const setup = program.requests.length
    const writing = program.writers.map((w) =>
      w.run(
        () => live,
        () => true,
      ),
    )
    await until(() => answered(program.requests).length >= setup + BEFORE_KILL)
    live = null
    await killed.kill()
    await Promise.all(writing)
    inFlight = program.requests.filter((r) => !r.answer && r.lost > 0)

    trellis = await startTrellisProcess({ TRELLIS_DATA_DIR: dataDir })
    const resumed = answered(program.requests).length
    const restarted = trellis
    await Promise.all(
      program.writers.map((w) =>
        w.run(
          () => restarted,
          () => answered(program.requests).length < resumed + AFTER_RESTART,
        ),
      ),
    )
  })

  afterAll(async () => {
    await database?.close()
    await Promise.all([killed?.kill(), trellis?.kill()])
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('the kill lands mid-load, and every request it left unanswered is answered once retried with its key', () => {
    expect(inFlight.length).toBeGreaterThan(0)
    expect(program.requests.filter((r) => !r.answer)).toEqual([])
  })

  it('every answered mutation is in the read models exactly once after the restart', async () => {
    expectEachAnswerShownOnce(await viewOf(trellis!, program), program.requests)
  })

  it('resending an answered mutation with its idempotency key returns the same answer and appends nothing', async () => {
    const before = await viewOf(trellis!, program)
    for (const request of resendSample(program.requests)) {
      const again: Request = { ...request, answer: undefined, lost: 0 }
      await deliver(again, () => trellis)
      expect(again.answer, request.key).toBe(request.answer)
    }
    expect((await viewOf(trellis!, program)).feed).toEqual(before.feed)
  })

  it('after a clean stop, each answered mutation is one event, projected once, and no request was appended twice', async () => {
    await trellis!.stop()
    database = await openDatabase({ dataDir })
    await expectEachAnswerStoredOnce(database.db, program.requests)
    await expectNoRequestAppendedTwice(database.db)
    await expectEachAnswerProjectedOnce(database.db, program.requests)
  })

  it('the projector checkpoint is the head, no event skipped or repeated, and the read models equal a rebuild from zero', async () => {
    await expectProjectedToHead(database!.db)
    await expectRebuildIdentical(database!)
  })
})
