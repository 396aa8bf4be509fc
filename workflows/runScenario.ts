import { DateTime } from 'luxon'
import { expect } from 'vitest'
import { replyToCheckIn, submitCheckIn } from '../services/checkins/handlers.ts'
import { checkInIdFor } from '../services/checkins/view.ts'
import type { Deps } from '../services/deps.ts'
import {
  pauseMentorship,
  respondToPhaseProposal,
  resumeMentorship,
  startMentorship,
  transitionMentorship,
} from '../services/mentorships/handlers.ts'
import { registerPerson } from '../services/people/handlers.ts'
import type { Actor } from '../services/shared/actor.ts'
import type { Scenario } from './scenarios.ts'

/** How a scenario moves time and waits on one engine. */
export interface ScenarioDriver {
  deps: Deps
  /** Moves the engine's clock (and the API's) to `at`, then lets everything due by then happen. */
  advanceTo(at: string, mentorshipId?: string): Promise<void>
  /** Waits until the engine has seen every event recorded so far (and the mentorship's workflow is idle). */
  settle(mentorshipId?: string): Promise<void>
}

const admin: Actor = { id: 'scenario-admin', keyId: null, scopes: new Set(['admin']), personId: null }
const as = (personId: string): Actor => ({
  id: `person:${personId}`,
  keyId: null,
  scopes: new Set(['person']),
  personId,
})

/** Plays a scenario through the real command handlers; returns the mentorship's events. */
export async function runScenario(scenario: Scenario, driver: ScenarioDriver, tag: string) {
  const { deps } = driver
  const startAt = DateTime.fromISO(scenario.startedOn, { zone: scenario.menteeZone })
    .minus({ days: 1 })
    .toUTC()
    .toISO()!
  await driver.advanceTo(startAt)
  const mentorId = await registerPerson(deps, admin, {
    email: `mentor-${tag}@scenario.test`,
    name: 'Mentor',
    timeZone: 'Europe/Berlin',
  })
  const menteeId = await registerPerson(deps, admin, {
    email: `mentee-${tag}@scenario.test`,
    name: 'Mentee',
    timeZone: scenario.menteeZone,
  })
  const mentorshipId = await startMentorship(deps, admin, {
    mentorId,
    menteeId,
    startedOn: scenario.startedOn,
    checkInWeekday: scenario.checkInWeekday,
  })
  await driver.settle(mentorshipId)
  for (const step of scenario.steps) {
    await driver.advanceTo(step.at, mentorshipId)
    if ('submit' in step) {
      await submitCheckIn(deps, as(menteeId), {
        mentorshipId,
        weekOf: step.submit,
        markdown: `## Week of ${step.submit}\n`,
      })
    } else if ('reply' in step) {
      await replyToCheckIn(deps, as(mentorId), {
        checkInId: checkInIdFor(mentorshipId, step.reply),
        markdown: 'Thanks!',
      })
    } else if ('pause' in step) {
      await pauseMentorship(deps, admin, { mentorshipId, until: step.pause, reason: 'leave' })
    } else if ('resume' in step) {
      await resumeMentorship(deps, admin, { mentorshipId })
    } else if ('transition' in step) {
      await transitionMentorship(deps, admin, { mentorshipId, to: step.transition, reason: 'admin' })
    } else {
      await respondToPhaseProposal(deps, step.by === 'admin' ? admin : as(menteeId), {
        mentorshipId,
        accept: step.respond,
      })
    }
    await driver.settle(mentorshipId)
  }
  await driver.advanceTo(scenario.until, mentorshipId)
  await driver.settle(mentorshipId)
  const rows = await deps.db
    .selectFrom('event_feed')
    .select(['type', 'occurred_at', 'data'])
    .where('mentorship_id', '=', mentorshipId)
    .orderBy('position')
    .execute()
  return rows.map((r) => ({
    type: r.type as string,
    at: new Date(r.occurred_at).toISOString(),
    data: r.data as Record<string, unknown>,
  }))
}

/** The scenario's expectations against the events one engine produced. */
export function checkExpectations(scenario: Scenario, events: Awaited<ReturnType<typeof runScenario>>) {
  for (const expectation of scenario.expect) {
    const ofType = events.filter((e) => e.type === expectation.type)
    if (expectation.count !== undefined)
      expect(ofType, `${expectation.type} count`).toHaveLength(expectation.count)
    if (expectation.each) {
      expect(ofType, `${expectation.type} events`).toHaveLength(expectation.each.length)
      expectation.each.forEach((want, i) => {
        if (want.at) expect(ofType[i]!.at, `${expectation.type}[${i}].at`).toBe(want.at)
        if (want.data) expect(ofType[i]!.data, `${expectation.type}[${i}].data`).toMatchObject(want.data)
      })
    }
    if (expectation.localTime) {
      const times = new Set(
        ofType.map((e) => DateTime.fromISO(e.at).setZone(scenario.menteeZone).toFormat('HH:mm')),
      )
      expect([...times], `${expectation.type} local times`).toEqual([expectation.localTime])
    }
  }
}
