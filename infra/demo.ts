import { DateTime } from 'luxon'
import { createApiKey, setup } from '../services/access/handlers.ts'
import { replyToCheckIn, submitCheckIn } from '../services/checkins/handlers.ts'
import { checkInIdFor } from '../services/checkins/view.ts'
import type { Deps } from '../services/deps.ts'
import { startMentorship } from '../services/mentorships/handlers.ts'
import { registerPerson } from '../services/people/handlers.ts'
import { dueDateOf, firstWeekOf, weekOf, weeksBetween } from '../services/rules/week.ts'
import type { Actor } from '../services/shared/actor.ts'
import { manualClock } from '../services/shared/clock.ts'
import { seedDemoRecord } from './demoRecord.ts'
import { demoCheckIn, demoReply } from './demoText.ts'

const mentors = [
  { name: 'Maya Okafor', email: 'maya@demo.trellis.test', timeZone: 'America/New_York' },
  { name: 'Jonas Weber', email: 'jonas@demo.trellis.test', timeZone: 'Europe/Berlin' },
  { name: 'Priya Raman', email: 'priya@demo.trellis.test', timeZone: 'Asia/Singapore' },
]
const mentees = [
  { name: 'Aarav Shrestha', email: 'aarav@demo.trellis.test', timeZone: 'Asia/Kathmandu' },
  { name: 'Siobhan Walsh', email: 'siobhan@demo.trellis.test', timeZone: 'America/St_Johns' },
  { name: 'Lachlan Price', email: 'lachlan@demo.trellis.test', timeZone: 'Australia/Lord_Howe' },
  { name: 'Inês Costa', email: 'ines@demo.trellis.test', timeZone: 'Europe/Lisbon' },
  { name: 'Tunde Bakare', email: 'tunde@demo.trellis.test', timeZone: 'Africa/Lagos' },
  { name: 'Camila Rocha', email: 'camila@demo.trellis.test', timeZone: 'America/Sao_Paulo' },
]

/** Week outcomes cycle through a fixed pattern so the demo shows every status. */
const PATTERN = [
  'on-time',
  'on-time',
  'late',
  'on-time',
  'missed',
  'on-time',
  'late-reply',
  'on-time',
] as const

/**
 * A demo program written through the real command handlers, with a hand-moved clock so eight
 * weeks of history carry real times: on-time, late and missed check-ins, prompt and late replies,
 * and questions, decisions and resources at the end.
 */
export async function seedDemo(deps: Deps) {
  const end = deps.clock.now()
  const clock = manualClock(end.minus({ weeks: 8, days: 1 }))
  const demo: Deps = { ...deps, clock }
  const { adminKey, admin } = await setupAdmin(demo)
  const mentorIds = []
  for (const m of mentors) mentorIds.push(await registerPerson(demo, admin, m))
  const pairs = []
  for (const [i, m] of mentees.entries()) {
    const menteeId = await registerPerson(demo, admin, m)
    const mentorId = mentorIds[i % mentorIds.length]!
    const startedOn = clock.now().setZone(m.timeZone).toISODate()!
    const mentorshipId = await startMentorship(demo, admin, {
      mentorId,
      menteeId,
      startedOn,
      checkInWeekday: 5,
    })
    pairs.push({ mentorshipId, menteeId, mentorId, zone: m.timeZone, startedOn, offset: i })
  }
  const plan = pairs.flatMap((pair) => planWeeks(pair, end))
  plan.sort((a, b) => a.at.toMillis() - b.at.toMillis())
  for (const step of plan) {
    if (step.at > end) continue
    clock.set(step.at)
    const as: Actor = { id: `person:${step.by}`, keyId: null, scopes: new Set(['person']), personId: step.by }
    if (step.kind === 'submit') {
      await submitCheckIn(demo, as, {
        mentorshipId: step.mentorshipId,
        weekOf: step.weekOf,
        markdown: step.text,
      })
    } else {
      await replyToCheckIn(demo, as, { checkInId: step.checkInId!, markdown: step.text })
    }
  }
  await seedDemoRecord(demo, clock, admin, pairs, end)
  clock.set(end)
  const first = pairs[0]!
  const { apiKey: menteeKey } = await createApiKey(deps, admin, {
    name: `demo key for ${mentees[0]!.name}`,
    scopes: ['person'],
    personId: first.menteeId,
  })
  return { adminKey, menteeKey, menteeName: mentees[0]!.name }
}

async function setupAdmin(deps: Deps) {
  const { adminId, apiKey } = await setup(deps, {
    email: 'lead@demo.trellis.test',
    name: 'Rosa Lindqvist (program lead)',
    timeZone: 'Europe/Lisbon',
  })
  const admin: Actor = { id: `person:${adminId}`, keyId: null, scopes: new Set(['admin']), personId: adminId }
  return { adminKey: apiKey, admin }
}

interface Pair {
  mentorshipId: string
  menteeId: string
  mentorId: string
  zone: string
  startedOn: string
  offset: number
}

interface Step {
  at: DateTime
  kind: 'submit' | 'reply'
  by: string
  mentorshipId: string
  weekOf: string
  checkInId?: string
  text: string
}

function planWeeks(pair: Pair, end: DateTime): Step[] {
  const weeks = weeksBetween(firstWeekOf(pair.startedOn, 5), weekOf(end, pair.zone))
  const steps: Step[] = []
  for (const [n, week] of weeks.entries()) {
    const outcome = PATTERN[(n + pair.offset) % PATTERN.length]!
    if (outcome === 'missed') continue
    const dueDay = DateTime.fromISO(dueDateOf(week, 5), { zone: pair.zone })
    const submitted =
      outcome === 'late' ? dueDay.plus({ days: 1, hours: 11 }) : dueDay.set({ hour: 10, minute: 20 })
    const replyAfter = outcome === 'late-reply' ? { hours: 41 } : { hours: 6 + (n % 5) }
    const text = demoCheckIn(week, n + pair.offset)
    steps.push({
      at: submitted.toUTC(),
      kind: 'submit',
      by: pair.menteeId,
      mentorshipId: pair.mentorshipId,
      weekOf: week,
      text,
    })
    steps.push({
      at: submitted.plus(replyAfter).toUTC(),
      kind: 'reply',
      by: pair.mentorId,
      mentorshipId: pair.mentorshipId,
      weekOf: week,
      checkInId: checkInIdFor(pair.mentorshipId, week),
      text: demoReply(n + pair.offset),
    })
  }
  return steps
}
