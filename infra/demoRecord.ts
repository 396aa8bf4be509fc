import type { DateTime } from 'luxon'
import type { Deps } from '../services/deps.ts'
import { attendeesOf, scheduleCall } from '../services/calls/handlers.ts'
import { answerQuestion, askQuestion, flagForCall } from '../services/questions/handlers.ts'
import { callPlan } from '../services/rules/callSlots.ts'
import { addResource, recordDecision } from '../services/record/handlers.ts'
import type { Actor } from '../services/shared/actor.ts'
import type { manualClock } from '../services/shared/clock.ts'

const person = (id: string): Actor => ({
  id: `person:${id}`,
  keyId: null,
  scopes: new Set(['person']),
  personId: id,
})

const RESOURCES = [
  {
    title: 'Writing a check-in your mentor can answer in ten minutes',
    url: 'https://example.com/trellis/check-ins',
    kind: 'ARTICLE' as const,
    tags: ['check-ins', 'writing'],
  },
  {
    title: 'How our deploy pipeline fits together',
    body: 'CI builds the image, staging runs the migrations, production promotes the same image.',
    kind: 'DIAGRAM' as const,
    tags: ['deploys', 'ci'],
  },
  {
    title: 'A minimal reproduction for a flaky test',
    body: 'Run the test in a loop with a fixed seed; bisect the setup until it stops failing.',
    kind: 'RUNNABLE_EXAMPLE' as const,
    tags: ['testing', 'debugging'],
  },
]

/**
 * The demo's questions, decisions and library, written through the handlers at the end of the
 * demo's weeks: one blocking question answered on time, one open this-week question in each of the
 * first pairs' mentors' queues (flagged for their next call, scheduled at the plan's time), a
 * decision per pair, and three resources.
 */
export async function seedDemoRecord(
  demo: Deps,
  clock: ReturnType<typeof manualClock>,
  admin: Actor,
  pairs: ReadonlyArray<{ mentorshipId: string; menteeId: string; mentorId: string }>,
  end: DateTime,
) {
  for (const [i, resource] of RESOURCES.entries()) {
    clock.set(end.minus({ days: 6, hours: i }))
    await addResource(demo, admin, resource)
  }
  for (const [i, pair] of pairs.slice(0, 3).entries()) {
    clock.set(end.minus({ days: 3, hours: i }))
    const blocking = await askQuestion(demo, person(pair.menteeId), {
      mentorshipId: pair.mentorshipId,
      title: 'The staging deploy fails at the migration step',
      urgency: 'BLOCKING',
      context: {
        goal: 'Ship the CSV export to staging',
        tried: 'Re-ran the pipeline; ran the migration locally, where it passes',
        errors: 'lock timeout on table "reports"',
        hypothesis: 'A long transaction holds the lock during deploys',
      },
    })
    clock.set(end.minus({ days: 3, hours: i - 2 }))
    await answerQuestion(demo, person(pair.mentorId), {
      questionId: blocking,
      body: 'Set `lock_timeout` on the migration and retry; the nightly report job holds that lock.',
    })
    clock.set(end.minus({ hours: 5 + i }))
    const forTheCall = await askQuestion(demo, person(pair.menteeId), {
      mentorshipId: pair.mentorshipId,
      title: 'When should a test use the real database?',
      urgency: 'THIS_WEEK',
      context: {
        goal: 'Write the export tests',
        tried: 'Mocked the repository; the test passed but prod broke',
      },
    })
    await recordDecision(demo, person(pair.mentorId), {
      mentorshipId: pair.mentorshipId,
      title: 'Integration tests run against PostgreSQL',
      context: 'A mocked repository hid a broken query that reached production.',
      decision: 'Repository tests use a real PostgreSQL database; unit tests stay pure.',
      why: 'The bugs we ship are in SQL, which a mock never runs.',
    })
    // The next bi-weekly call, at the time the plan proposes, with that question on its agenda.
    await flagForCall(demo, person(pair.menteeId), { questionId: forTheCall })
    const { mentor, mentee } = await attendeesOf(demo, pair)
    const [slot] = callPlan({
      mentor,
      mentee,
      from: end,
      count: 1,
      durationMinutes: 30,
      lastInconvenienced: null,
    })
    if (slot)
      await scheduleCall(demo, person(pair.mentorId), {
        mentorshipId: pair.mentorshipId,
        start: slot.start.toISO(),
        durationMinutes: 30,
        kind: 'BIWEEKLY',
      })
  }
}
