import { isMonday } from './week.ts'

/**
 * Program health (PRODUCT §7): the article's warning signs ("When Async Mentorship Isn't
 * Working") and its pitfalls ("Common Pitfalls to Avoid"), derived from a mentorship's weekly
 * facts. A signal holds at the end of the given weeks; each rule looks back from the latest
 * week only as far as it needs, so older healthy weeks never change the answer.
 *
 * Weeks are given oldest first, one per week of the mentorship that counts (weeks on leave are
 * left out by the caller). A streak that runs longer than the rule's minimum is described whole.
 */
export type SignalKind =
  | 'STOPPED_SUBMITTING'
  | 'REPLIES_LATE'
  | 'REPLIES_VAGUE'
  | 'TRIVIAL_QUESTIONS_ONLY'
  | 'CALLS_UNUSED'
  | 'CALLS_OVERUSED'
  | 'CHECK_INS_UNANSWERED'
  | 'ALWAYS_ON'

/** Signals come in this order. */
export const SIGNAL_KINDS: readonly SignalKind[] = [
  'STOPPED_SUBMITTING',
  'REPLIES_LATE',
  'REPLIES_VAGUE',
  'TRIVIAL_QUESTIONS_ONLY',
  'CALLS_UNUSED',
  'CALLS_OVERUSED',
  'CHECK_INS_UNANSWERED',
  'ALWAYS_ON',
]

export interface WeekFacts {
  /** Monday, the mentee's local week. */
  weekOf: string
  checkIn: 'ON_TIME' | 'LATE' | 'MISSED' | 'NOT_DUE'
  /** Hours from each check-in (and question) to its first reply that week. */
  replyHours: number[]
  /** The pair's response window. */
  windowHours: number
  /** Replies that week that got any feedback hint. */
  repliesWithHints: number
  replies: number
  /** Questions asked with goal + tried. */
  questionsWithContext: number
  /** Calls that week, in order. */
  calls: Array<'HELD' | 'SKIPPED'>
  /** Messages written outside the writer's own working hours. */
  messagesOutsideHours: number
  messages: number
}

export interface Signal {
  kind: SignalKind
  /** Plain English naming the weeks, e.g. "2 check-ins missed in a row (weeks of … and …)". */
  explanation: string
}

const isSubmitted = (week: WeekFacts) => week.checkIn === 'ON_TIME' || week.checkIn === 'LATE'

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

const weeksNamed = (weeks: readonly string[]) =>
  weeks.length === 1 ? `week of ${weeks[0]}` : `weeks of ${listed(weeks)}`

const hours = (h: number) => `${Math.round(h * 10) / 10} h`

/** Of the weeks that `counts`, the latest ones for which `bad` holds without a break. */
function trailingRun(
  weeks: readonly WeekFacts[],
  counts: (week: WeekFacts) => boolean,
  bad: (week: WeekFacts) => boolean,
): WeekFacts[] {
  const run: WeekFacts[] = []
  for (let i = weeks.length - 1; i >= 0; i--) {
    const week = weeks[i]!
    if (!counts(week)) continue
    if (!bad(week)) break
    run.unshift(week)
  }
  return run
}

const always = () => true

// Why: "Mentee stops submitting weekly updates" is the article's first warning sign. One missed
// week is life; two due weeks in a row is a pattern. Weeks when nothing was due do not count.
function stoppedSubmitting(weeks: readonly WeekFacts[]): string | null {
  const run = trailingRun(
    weeks,
    (w) => w.checkIn !== 'NOT_DUE',
    (w) => w.checkIn === 'MISSED',
  )
  if (run.length < 2) return null
  return `${run.length} check-ins missed in a row (${weeksNamed(run.map((w) => w.weekOf))})`
}

// Why: "Mentor responds too slowly" — the pair agreed a response window ("I typically respond
// within 24 hours"). The median over a week forgives one slow answer; three weeks with replies,
// each over the window, is a habit. A median exactly at the window is on time.
function repliesLate(weeks: readonly WeekFacts[]): string | null {
  const late = (w: WeekFacts) => median(w.replyHours) > w.windowHours
  const run = trailingRun(weeks, (w) => w.replyHours.length > 0, late)
  if (run.length < 3) return null
  const detail = run.map(
    (w) => `week of ${w.weekOf}: ${hours(median(w.replyHours))} against ${hours(w.windowHours)}`,
  )
  return `median reply time over the response window in ${run.length} weeks with replies in a row (${detail.join('; ')})`
}

// Why: "Mentor responds … vaguely" — a reply that gets a feedback hint (about people, no example,
// only commands, no acknowledgement) is the article's vague feedback. More than half of a week's
// replies, three weeks with replies in a row; exactly half is not more than half.
function repliesVague(weeks: readonly WeekFacts[]): string | null {
  const vague = (w: WeekFacts) => w.repliesWithHints * 2 > w.replies
  const run = trailingRun(weeks, (w) => w.replies > 0, vague)
  if (run.length < 3) return null
  const detail = run.map((w) => `week of ${w.weekOf}: ${w.repliesWithHints} of ${w.replies}`)
  return `more than half the replies got feedback hints in ${run.length} weeks with replies in a row (${detail.join('; ')})`
}

// Why: "Mentee asks only trivial questions, avoiding difficult topics". A question with context
// (what I am trying to do, what I tried) is the article's real question. Four weeks without one,
// while the mentee keeps writing check-ins (at least 3 of the 4 submitted), means the hard topics
// are being avoided rather than the program being idle. Needs four weeks of history.
function trivialQuestionsOnly(weeks: readonly WeekFacts[]): string | null {
  if (weeks.length < 4) return null
  const last = weeks.slice(-4)
  if (last.some((w) => w.questionsWithContext > 0)) return null
  const submitted = last.filter(isSubmitted).length
  if (submitted < 3) return null
  return (
    `no question with context (what they are trying to do and what they tried) in 4 weeks, ` +
    `while ${submitted} of those check-ins came in (${weeksNamed(last.map((w) => w.weekOf))})`
  )
}

/** Every call, oldest first, with its week. */
const callsOf = (weeks: readonly WeekFacts[]) =>
  weeks.flatMap((w) => w.calls.map((call) => ({ call, weekOf: w.weekOf })))

// Why: "Video call feels unnecessary; mentee isn't using it". Two calls skipped in a row, however
// many weeks apart (the cadence is bi-weekly), means the call has stopped being used.
function callsUnused(weeks: readonly WeekFacts[]): string | null {
  const calls = callsOf(weeks)
  let n = 0
  while (n < calls.length && calls[calls.length - 1 - n]!.call === 'SKIPPED') n++
  if (n < 2) return null
  const skipped = [...new Set(calls.slice(-n).map((c) => c.weekOf))]
  return `the last ${n} calls were skipped (${weeksNamed(skipped)})`
}

// Why: the pitfall "Over-reliance on video calls: … scheduling weekly video calls to cover what
// async updates should handle". The cadence is one call every two weeks; more than one call held
// in a week, three weeks running, is the program turning synchronous. Skipped calls were not
// relied on, so only held calls count.
function callsOverused(weeks: readonly WeekFacts[]): string | null {
  const held = (w: WeekFacts) => w.calls.filter((c) => c === 'HELD').length
  const run = trailingRun(weeks, always, (w) => held(w) > 1)
  if (run.length < 3) return null
  return (
    `more than one call held a week for ${run.length} weeks in a row ` +
    `(${weeksNamed(run.map((w) => w.weekOf))}: ${listed(run.map((w) => String(held(w))))} calls)`
  )
}

// Why: the pitfall "No feedback loop: if mentees never receive feedback on their async updates,
// they'll stop writing them. Respond to every weekly update." Two submitted check-ins in a row
// with no reply that week is the loop breaking. Weeks without a check-in are skipped.
function checkInsUnanswered(weeks: readonly WeekFacts[]): string | null {
  const run = trailingRun(weeks, isSubmitted, (w) => w.replies === 0)
  if (run.length < 2) return null
  return `${run.length} submitted check-ins in a row got no reply (${weeksNamed(run.map((w) => w.weekOf))})`
}

// Why: the pitfall "Treating async as always-on: define clear boundaries". More than a third of a
// week's messages written outside the writer's own working hours, in each of the last two weeks
// with enough messages (3 or more) to tell; exactly a third is not more than a third.
function alwaysOn(weeks: readonly WeekFacts[]): string | null {
  const outside = (w: WeekFacts) => w.messagesOutsideHours * 3 > w.messages
  const run = trailingRun(weeks, (w) => w.messages >= 3, outside)
  if (run.length < 2) return null
  const detail = run.map((w) => `week of ${w.weekOf}: ${w.messagesOutsideHours} of ${w.messages}`)
  return (
    `more than a third of messages written outside working hours in ${run.length} busy weeks in a row ` +
    `(${detail.join('; ')})`
  )
}

const RULES: Readonly<Record<SignalKind, (weeks: readonly WeekFacts[]) => string | null>> = {
  STOPPED_SUBMITTING: stoppedSubmitting,
  REPLIES_LATE: repliesLate,
  REPLIES_VAGUE: repliesVague,
  TRIVIAL_QUESTIONS_ONLY: trivialQuestionsOnly,
  CALLS_UNUSED: callsUnused,
  CALLS_OVERUSED: callsOverused,
  CHECK_INS_UNANSWERED: checkInsUnanswered,
  ALWAYS_ON: alwaysOn,
}

const isCount = (n: unknown) => Number.isInteger(n) && (n as number) >= 0
const isHours = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0

function check(weeks: readonly WeekFacts[]): void {
  weeks.forEach((w, i) => {
    const refuse = (what: string) => new RangeError(`week of ${w.weekOf}: ${what}`)
    if (!isMonday(w.weekOf)) throw refuse('weekOf must be a Monday (YYYY-MM-DD)')
    if (i > 0 && w.weekOf <= weeks[i - 1]!.weekOf) throw refuse('weeks must be given oldest first, once each')
    if (!['ON_TIME', 'LATE', 'MISSED', 'NOT_DUE'].includes(w.checkIn))
      throw refuse(`unknown checkIn ${w.checkIn}`)
    if (!w.replyHours.every(isHours)) throw refuse('replyHours must be hours (finite, not negative)')
    if (!isHours(w.windowHours) || w.windowHours === 0) throw refuse('windowHours must be positive')
    for (const key of [
      'repliesWithHints',
      'replies',
      'questionsWithContext',
      'messagesOutsideHours',
      'messages',
    ] as const) {
      if (!isCount(w[key])) throw refuse(`${key} must be a count`)
    }
    if (w.repliesWithHints > w.replies) throw refuse('repliesWithHints cannot exceed replies')
    if (w.messagesOutsideHours > w.messages) throw refuse('messagesOutsideHours cannot exceed messages')
    if (!w.calls.every((c) => c === 'HELD' || c === 'SKIPPED')) throw refuse('calls are HELD or SKIPPED')
  })
}

/** The signals that hold at the end of the given weeks (oldest first), in SIGNAL_KINDS order. */
export function healthSignals(weeks: readonly WeekFacts[]): Signal[] {
  check(weeks)
  return SIGNAL_KINDS.flatMap((kind) => {
    const explanation = RULES[kind](weeks)
    return explanation === null ? [] : [{ kind, explanation }]
  })
}

/**
 * Raised and cleared, comparing the signals before and after a new week. A signal is its kind: one
 * that holds on both sides with a longer streak (a new explanation) is neither raised nor cleared.
 */
export function signalChanges(
  before: readonly Signal[],
  after: readonly Signal[],
): { raised: Signal[]; cleared: SignalKind[] } {
  const had = new Set(before.map((s) => s.kind))
  const has = new Set(after.map((s) => s.kind))
  return {
    raised: after.filter((s, i) => !had.has(s.kind) && after.findIndex((t) => t.kind === s.kind) === i),
    cleared: SIGNAL_KINDS.filter((kind) => had.has(kind) && !has.has(kind)),
  }
}
