import { DateTime } from 'luxon'
import type { Config } from '../../infra/config.ts'
import type { Database } from '../../infra/db/database.ts'
import { createTrellis } from '../../infra/trellis.ts'
import { setup } from '../../services/access/handlers.ts'
import { editCheckIn, replyToCheckIn, submitCheckIn } from '../../services/checkins/handlers.ts'
import { checkInIdFor } from '../../services/checkins/view.ts'
import type { Deps } from '../../services/deps.ts'
import {
  pauseMentorship,
  respondToPhaseProposal,
  startMentorship,
} from '../../services/mentorships/handlers.ts'
import { personIdFor, registerPerson } from '../../services/people/handlers.ts'
import type { Actor } from '../../services/shared/actor.ts'
import { manualClock } from '../../services/shared/clock.ts'
import { DomainError } from '../../services/shared/errors.ts'
import { driveLifecycle } from './lifecycle.ts'
import { planProgram, type Plan, type ProgramSize, type Step } from './plan.ts'
import { inPool } from './pool.ts'
import { createRandom } from './random.ts'
import { loadReports, REPORTS_DIR } from './reports.ts'
import { checkInText, followUpText, replyText } from './text.ts'

export interface SeedOptions extends ProgramSize {
  /** Commands in flight at once (different mentorships; one mentorship's steps stay in order). */
  concurrency: number
  /** Lifecycle runners claiming workflows side by side. */
  runners: number
  /** The program's last instant; now by default. */
  end?: DateTime
  log?: (line: string) => void
}

export interface SeedResult {
  adminId: string
  events: number
  seconds: number
  commands: Record<string, number>
  failures: Record<string, number>
  /** Seconds spent in people's commands, waiting for the lifecycle dispatcher, and in the runner. */
  commandSeconds: number
  dispatchSeconds: number
  runnerSeconds: number
  text: string
}

const person = (personId: string): Actor => ({
  id: `person:${personId}`,
  keyId: null,
  scopes: new Set(['person']),
  personId,
})

/**
 * Writes a program through the real command handlers and the real lifecycle, day by day: each
 * command runs with a clock that shows its own instant, so two years of history carry the times
 * they would have had; after each day the lifecycle fires what fell due (due, missed, overdue,
 * calls, reviews, step-down proposals, the end of leave).
 */
export async function seedProgram(
  config: Config,
  database: Database,
  options: SeedOptions,
): Promise<SeedResult> {
  const log = options.log ?? (() => {})
  const end = (options.end ?? DateTime.utc()).startOf('minute')
  const plan = planProgram(options, end)
  const reports = loadReports()
  const text = reports.length
    ? `${reports.length} real weekly reports from ${REPORTS_DIR}`
    : `generated text (no weekly reports at ${REPORTS_DIR})`
  log(
    `seeding ${plan.pairs.length} mentorships, ${plan.mentors.length} mentors, ${options.weeks} weeks; text: ${text}`,
  )

  const clock = manualClock(plan.start.minus({ days: 2 }))
  const trellis = await createTrellis({ ...config, temporal: null }, { clock, database, lifecyclePollMs: 0 })
  const started = Date.now()
  const head = await trellis.store.headPosition()
  if (head > 0n) {
    await trellis.close()
    throw new Error('the store is not empty: seed a fresh database (TRELLIS_DATA_DIR or DATABASE_URL)')
  }
  const lifecycle = await driveLifecycle(trellis, clock, options.runners)
  const at = (instant: number): Deps => ({
    ...trellis.deps,
    clock: { now: () => DateTime.fromMillis(instant, { zone: 'utc' }) },
  })
  const counts: Record<string, number> = {}
  const failures: Record<string, number> = {}
  const count = (key: string, into = counts) => (into[key] = (into[key] ?? 0) + 1)

  const registeredAt = plan.start.minus({ days: 2 }).toMillis()
  const { adminId } = await setup(at(registeredAt), {
    email: 'lead@seed.trellis.test',
    name: 'Program Lead',
    timeZone: 'Europe/Lisbon',
  })
  const admin: Actor = { id: `person:${adminId}`, keyId: null, scopes: new Set(['admin']), personId: adminId }
  const everyone = [...plan.mentors, ...plan.pairs.map((p) => p.mentee)]
  await inPool(everyone.entries(), options.concurrency, async ([i, p]) => {
    await registerPerson(at(registeredAt + i * 1000), admin, p)
    count('registerPerson')
  })

  const mentorshipIds: string[] = []
  const texts = createRandom(options.seed ^ 0x5eed)
  const submitted = (step: { pair: number; weekOf: string; salt: number }) =>
    checkInText(texts.fork(step.salt), reports, step.weekOf)

  async function run(step: Step) {
    const pair = plan.pairs[step.pair]!
    const mentorId = personIdFor(plan.mentors[pair.mentorIndex]!.email)
    const menteeId = personIdFor(pair.mentee.email)
    const deps = at(step.at)
    const mentorshipId = mentorshipIds[step.pair]!
    switch (step.kind) {
      case 'start':
        mentorshipIds[step.pair] = await startMentorship(deps, admin, {
          mentorId,
          menteeId,
          startedOn: pair.startedOn,
          checkInWeekday: pair.checkInWeekday,
          responseWindowHours: pair.responseWindowHours,
          responseClock: pair.responseClock,
          idempotencyKey: `seed-${step.pair}`,
        })
        return
      case 'submit':
        await submitCheckIn(deps, person(menteeId), {
          mentorshipId,
          weekOf: step.weekOf,
          markdown: submitted(step),
        })
        return
      case 'edit':
        await editCheckIn(deps, person(menteeId), {
          checkInId: checkInIdFor(mentorshipId, step.weekOf),
          markdown: `${submitted(step)}\n\n_Edit: added the link to the pull request._\n`,
        })
        return
      case 'reply': {
        const r = texts.fork(step.salt + 5e8)
        await replyToCheckIn(deps, person(mentorId), {
          checkInId: checkInIdFor(mentorshipId, step.weekOf),
          markdown: step.followUp ? followUpText(r) : replyText(r, submitted(step)),
        })
        return
      }
      case 'pause':
        await pauseMentorship(deps, person(menteeId), {
          mentorshipId,
          until: step.until,
          reason: 'Family leave',
        })
        return
      case 'acceptStepDown':
        await respondToPhaseProposal(deps, person(menteeId), { mentorshipId, accept: true })
    }
  }

  let commandMs = 0
  async function runSteps(steps: Step[]) {
    const chains = new Map<number, Step[]>()
    for (const step of steps) chains.set(step.pair, [...(chains.get(step.pair) ?? []), step])
    const t0 = Date.now()
    await inPool(chains.values(), options.concurrency, async (chain) => {
      for (const step of chain) {
        try {
          await run(step)
          count(step.kind)
        } catch (error) {
          if (!(error instanceof DomainError)) throw error
          count(`${step.kind}: ${error.code} ${error.reason}`, failures)
        }
      }
    })
    commandMs += Date.now() - t0
  }

  // A week of commands, then the lifecycle up to the week's end: the runner works each workflow's
  // signals and timers in time order, so it need not run more often. Except before a pause or an
  // answer to a proposal: those read what the lifecycle recorded before them (a proposal, a due week).
  let lastLog = Date.now()
  let next = 0
  for (let from = plan.start; from < end; from = from.plus({ weeks: 1 })) {
    const until = DateTime.min(from.plus({ weeks: 1 }), end)
    let batch: Step[] = []
    for (; next < plan.steps.length && plan.steps[next]!.at < until.toMillis(); next++) {
      const step = plan.steps[next]!
      if (step.kind !== 'pause' && step.kind !== 'acceptStepDown') {
        batch.push(step)
        continue
      }
      await runSteps(batch)
      batch = []
      await lifecycle.runUntil(DateTime.fromMillis(step.at, { zone: 'utc' }))
      await runSteps([step])
    }
    await runSteps(batch)
    await lifecycle.runUntil(until)
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now()
      const events = Number(await trellis.store.headPosition())
      const seconds = (lastLog - started) / 1000
      log(
        `  ${from.toISODate()}  ${events} events  ${(events / seconds).toFixed(0)} events/s  ${seconds.toFixed(0)} s`,
      )
    }
  }
  await lifecycle.close()
  await trellis.projector.waitFor(await trellis.store.headPosition(), 60_000)
  const events = await countEvents(trellis.database)
  await trellis.close()
  return {
    adminId,
    events,
    seconds: (Date.now() - started) / 1000,
    commands: counts,
    failures,
    commandSeconds: commandMs / 1000,
    dispatchSeconds: lifecycle.spent.dispatchMs / 1000,
    runnerSeconds: lifecycle.spent.runnerMs / 1000,
    text,
  }
}

/** From the feed, which holds every event whichever store wrote it. */
async function countEvents(database: Database) {
  const row = await database.db
    .selectFrom('event_feed')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export type { Plan }
