import { DateTime } from 'luxon'
import { firstWeekdayOfMonth, stepDownOn } from '../../services/rules/phases.ts'
import { dueDateOf, localInstant, weekOf } from '../../services/rules/week.ts'
import { makePerson, type SeedPerson } from './people.ts'
import { createRandom, type Random } from './random.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

export interface ProgramSize {
  mentees: number
  mentors: number
  weeks: number
  seed: number
}

/** One thing a person does, at the instant the hand-moved clock shows while they do it. */
export type Step =
  | { kind: 'start'; at: number; pair: number }
  | { kind: 'submit'; at: number; pair: number; weekOf: string; salt: number }
  | { kind: 'edit'; at: number; pair: number; weekOf: string; salt: number }
  | { kind: 'reply'; at: number; pair: number; weekOf: string; salt: number; followUp: boolean }
  | { kind: 'pause'; at: number; pair: number; until: string }
  | { kind: 'acceptStepDown'; at: number; pair: number }

export interface Pair {
  index: number
  mentorIndex: number
  mentee: SeedPerson
  startedOn: string
  checkInWeekday: number
  responseWindowHours: number
  responseClock: 'WALL' | 'WORKING'
}

export interface Plan {
  start: DateTime
  end: DateTime
  mentors: SeedPerson[]
  pairs: Pair[]
  /** Every step of every pair, in time order. */
  steps: Step[]
}

/**
 * A program of `weeks` weeks ending at `end`: mentorships start over the first four weeks (a cohort
 * taken in), and each mentee and mentor has habits — how reliably and how late they write, how fast
 * the mentor answers — so weeks come out on time, late, missed, replied late or never.
 */
export function planProgram(size: ProgramSize, end: DateTime): Plan {
  const random = createRandom(size.seed)
  const start = end.minus({ weeks: size.weeks }).startOf('hour')
  const mentors = Array.from({ length: size.mentors }, (_, i) =>
    makePerson(random.fork(1e6 + i), 'mentor', i),
  )
  const pairs: Pair[] = []
  const steps: Step[] = []
  const intakeDays = Math.max(1, Math.min(28, Math.floor((size.weeks * 7) / 4)))
  for (let i = 0; i < size.mentees; i++) {
    const r = random.fork(i)
    const mentee = makePerson(r, 'mentee', i)
    const startAt = start.plus({ days: r.int(0, intakeDays - 1), hours: r.int(0, 23) })
    const pair: Pair = {
      index: i,
      // Mostly round-robin, so every mentor has about mentees/mentors pairs; some take on more.
      mentorIndex: r.chance(0.8) ? i % size.mentors : r.int(0, size.mentors - 1),
      mentee,
      startedOn: startAt.setZone(mentee.timeZone).toISODate()!,
      checkInWeekday: r.weighted([
        [5, 6],
        [4, 1],
        [3, 1],
        [2, 1],
        [1, 1],
      ] as const),
      responseWindowHours: r.chance(0.7) ? 24 : 48,
      responseClock: r.chance(0.8) ? 'WALL' : 'WORKING',
    }
    pairs.push(pair)
    steps.push({ kind: 'start', at: startAt.toMillis(), pair: i })
    steps.push(...pairSteps(r, pair, mentors[pair.mentorIndex]!, startAt.toMillis(), end.toMillis()))
  }
  steps.sort((a, b) => a.at - b.at)
  return { start, end, mentors, pairs, steps }
}

/** The habits of one pair, drawn once. */
function habitsOf(r: Random, weeks: number) {
  const quietFrom = r.chance(0.08) ? r.int(8, Math.max(8, weeks - 8)) : -1
  return {
    reliability: r.between(0.55, 0.98),
    lateShare: r.between(0.25, 0.65),
    replyChance: r.between(0.75, 0.99),
    replyMedianHours: r.between(3, 30),
    /** A stretch of weeks the mentee goes quiet (exams, a move, burnout). */
    quiet: quietFrom >= 0 ? { from: quietFrom, to: quietFrom + r.int(3, 6) } : null,
    leaveWeek: r.chance(0.06) ? r.int(4, 20) : -1,
    acceptsMonthly: r.chance(0.2),
    acceptsAdHoc: r.chance(0.5),
  }
}

function pairSteps(r: Random, pair: Pair, mentor: SeedPerson, startAt: number, end: number): Step[] {
  const zone = pair.mentee.timeZone
  const local = (date: string, minutes: number) => localInstant(date, minutes, zone).toMillis()
  const habits = habitsOf(r, Math.floor((end - startAt) / (7 * DAY)))
  const steps: Step[] = []
  const push = (step: Step) => {
    const inProgram = step.at > startAt && step.at <= end
    if (inProgram) steps.push(step)
    return inProgram
  }

  // Stepping down is proposed at the start of the step-down day; an answer two days later finds it.
  const monthlyAt = habits.acceptsMonthly
    ? local(stepDownOn(pair.startedOn, 'MONTHLY'), 0) + 2 * DAY + 10 * HOUR
    : Infinity
  const adHocAt =
    habits.acceptsMonthly && habits.acceptsAdHoc
      ? local(stepDownOn(pair.startedOn, 'AD_HOC'), 0) + 2 * DAY + 10 * HOUR
      : Infinity
  if (monthlyAt <= end) push({ kind: 'acceptStepDown', at: monthlyAt, pair: pair.index })
  if (adHocAt <= end) push({ kind: 'acceptStepDown', at: adHocAt, pair: pair.index })

  let leave: { at: number; fromDate: string; until: string } | null = null
  const dueDays = dueDaysOf(pair, startAt, end, monthlyAt, adHocAt)
  for (const [n, dueDay] of dueDays.entries()) {
    if (n === habits.leaveWeek && !leave) {
      const monday = weekOf(DateTime.fromMillis(local(dueDay, 0)), zone)
      const until = DateTime.fromISO(monday, { zone: 'utc' })
        .plus({ days: r.int(6, 20) })
        .toISODate()!
      leave = { at: local(monday, 9 * 60 + r.int(0, 120)), fromDate: monday, until }
      push({ kind: 'pause', at: leave.at, pair: pair.index, until })
    }
    const dueStart = local(dueDay, 0)
    if (leave && dueStart >= leave.at && dueDay <= leave.until) continue
    const week = weekOf(DateTime.fromMillis(dueStart), zone)
    const salt = pair.index * 10_000 + n
    const quiet = habits.quiet && n >= habits.quiet.from && n < habits.quiet.to
    const onTime = !quiet && r.chance(habits.reliability)
    const late = !quiet && !onTime && r.chance(habits.lateShare)
    if (!onTime && !late) continue
    const submitAt = onTime
      ? onTimeSubmission(r, dueDay, week, pair.startedOn, zone)
      : local(dueDay, 1440) + lateBy(r)
    if (leave && submitAt >= leave.at && submitAt < local(leave.until, 1440)) continue
    if (!push({ kind: 'submit', at: submitAt, pair: pair.index, weekOf: week, salt })) continue
    if (r.chance(0.05))
      push({ kind: 'edit', at: submitAt + r.between(0.2, 8) * HOUR, pair: pair.index, weekOf: week, salt })
    if (!r.chance(habits.replyChance)) continue
    const replyAt = awake(
      submitAt + clamp(r.logNormal(habits.replyMedianHours, 0.9), 0.3, 240) * HOUR,
      mentor,
    )
    push({ kind: 'reply', at: replyAt, pair: pair.index, weekOf: week, salt, followUp: false })
    if (r.chance(0.1)) {
      const followAt = awake(replyAt + clamp(r.logNormal(20, 0.7), 1, 120) * HOUR, mentor)
      push({ kind: 'reply', at: followAt, pair: pair.index, weekOf: week, salt: salt + 1, followUp: true })
    }
  }
  return steps
}

/** The days a check-in falls due: weekly, monthly once the pair steps down, none once ad hoc. */
function dueDaysOf(pair: Pair, startAt: number, end: number, monthlyAt: number, adHocAt: number): string[] {
  const zone = pair.mentee.timeZone
  const until = Math.min(end, adHocAt)
  const dueStart = (day: string) => localInstant(day, 0, zone).toMillis()
  const days: string[] = []
  let week = DateTime.fromISO(weekOf(DateTime.fromMillis(startAt), zone), { zone: 'utc' })
  for (; ; week = week.plus({ weeks: 1 })) {
    const day = dueDateOf(week.toISODate()!, pair.checkInWeekday)
    if (dueStart(day) >= Math.min(until, monthlyAt)) break
    if (day >= pair.startedOn) days.push(day)
  }
  for (let month = week.startOf('month'); ; month = month.plus({ months: 1 })) {
    const day = firstWeekdayOfMonth(month.toISODate()!, pair.checkInWeekday)
    if (dueStart(day) >= until) break
    if (dueStart(day) >= monthlyAt) days.push(day)
  }
  return days
}

/** Most write on the due day, in the evening more than the morning; some a day or two early. */
function onTimeSubmission(r: Random, dueDay: string, week: string, startedOn: string, zone: string): number {
  const early = r.chance(0.15) ? r.int(1, 2) : 0
  const day = DateTime.fromISO(dueDay, { zone: 'utc' }).minus({ days: early }).toISODate()!
  const date = day < week || day < startedOn ? dueDay : day
  const minute = r.weighted([
    [r.int(8 * 60, 12 * 60), 2],
    [r.int(12 * 60, 18 * 60), 3],
    [r.int(18 * 60, 23 * 60 + 50), 5],
  ] as const)
  return localInstant(date, minute, zone).toMillis()
}

function lateBy(r: Random) {
  return clamp(r.logNormal(18, 0.8), 0.5, 6 * 24) * HOUR
}

/** Nobody replies at 3 a.m.: a reply that would land in the mentor's night waits for the morning. */
function awake(at: number, mentor: SeedPerson): number {
  const t = DateTime.fromMillis(at, { zone: mentor.timeZone })
  if (t.hour >= 7 && t.hour < 23) return at
  const morning = (t.hour >= 23 ? t.plus({ days: 1 }) : t).set({
    hour: 7,
    minute: Math.floor(at / 60_000) % 50,
  })
  return morning.toMillis()
}

function clamp(value: number, min: number, max: number) {
  return Math.min(max, Math.max(min, value))
}
