import { createHash } from 'node:crypto'
import { DateTime } from 'luxon'
import { editCheckIn, replyToCheckIn, submitCheckIn } from '../checkins/handlers.ts'
import { checkInIdFor } from '../checkins/view.ts'
import { load } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { createGoalSet } from '../goals/handlers.ts'
import { mentorshipAggregate, type MentorshipState } from '../mentorships/decider.ts'
import { recordDecision } from '../record/handlers.ts'
import { goalMarkdown } from '../rules/goals.ts'
import type { Actor } from '../shared/actor.ts'
import { DomainError, notFound } from '../shared/errors.ts'
import { streams } from '../shared/ids.ts'
import type { ImportItem, Role } from './record.ts'
import { stagingStore } from './staging.ts'

export interface ItemOutcome {
  item: ImportItem
  /** `already`: an earlier import of the same item wrote it, so nothing was appended. */
  result: 'imported' | 'already' | 'refused'
  /** Why the domain refused it. */
  reason?: string
}

export interface ImportReport {
  outcomes: ItemOutcome[]
  /** Whether anything was written for real (never on a dry run, nor when all-or-nothing failed). */
  written: boolean
}

/**
 * Appends a record's items into an existing mentorship through the domain's own handlers, each
 * as the member who did it, at the time it happened (PRODUCT §4: the record imports back).
 * Every item is first decided on a staging store, so what each would do is known before
 * anything is written: with `allOrNothing` one refusal writes nothing at all; otherwise the
 * refused items are left out and reported. Keys derived from each item make a second import of
 * the same files append nothing.
 */
export async function importItems(
  deps: Deps,
  mentorshipId: string,
  items: readonly ImportItem[],
  options: { dryRun?: boolean; allOrNothing: boolean },
): Promise<ImportReport> {
  const pair = await load(deps, streams.mentorship(mentorshipId), mentorshipAggregate)
  if (!pair.exists) throw notFound('mentorship')
  const keys = idempotencyKeys(mentorshipId, items)

  const staging = stagingStore(deps.store)
  const staged: Deps = { ...deps, store: staging.store, caughtUp: async () => {} }
  const outcomes: ItemOutcome[] = []
  for (const [i, item] of items.entries()) {
    const before = staging.appended()
    const refusal = await refusalOf(() => applyItem(staged, pair.state, item, keys[i]!))
    const result = refusal ? 'refused' : staging.appended() > before ? 'imported' : 'already'
    outcomes.push({ item, result, ...(refusal && { reason: refusal }) })
  }
  if (options.dryRun || (options.allOrNothing && outcomes.some((o) => o.result === 'refused'))) {
    return { outcomes, written: false }
  }
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.result !== 'imported') continue
    // Another writer may have got there between the staging run and now: the domain decides again.
    const refusal = await refusalOf(() => applyItem(deps, pair.state, outcome.item, keys[i]!))
    if (refusal) Object.assign(outcome, { result: 'refused', reason: `refused when written: ${refusal}` })
  }
  return { outcomes, written: true }
}

/** The pair's member in a role, as a person key of theirs would act. */
function memberActor(pair: MentorshipState, role: Role): Actor {
  const personId = role === 'mentor' ? pair.mentorId : pair.menteeId
  return { id: `import:person:${personId}`, keyId: null, scopes: new Set(['person']), personId }
}

async function applyItem(deps: Deps, pair: MentorshipState, item: ImportItem, idempotencyKey: string) {
  const at = DateTime.fromISO(item.at, { zone: 'utc' })
  const then: Deps = { ...deps, clock: { now: () => at } }
  const mentorshipId = pair.mentorshipId
  const mentee = memberActor(pair, 'mentee')
  switch (item.kind) {
    case 'submitCheckIn':
      return submitCheckIn(then, mentee, {
        mentorshipId,
        weekOf: item.weekOf,
        markdown: item.markdown,
        idempotencyKey,
      })
    case 'editCheckIn':
      return editCheckIn(then, mentee, {
        checkInId: checkInIdFor(mentorshipId, item.weekOf),
        markdown: item.markdown,
        idempotencyKey,
      })
    case 'replyToCheckIn':
      return replyToCheckIn(then, memberActor(pair, item.author), {
        checkInId: checkInIdFor(mentorshipId, item.weekOf),
        markdown: item.markdown,
        idempotencyKey,
      })
    case 'createGoalSet':
      // The article's checklist keeps each goal's checkbox; a list of goals would not.
      return createGoalSet(then, mentee, {
        mentorshipId,
        period: item.period,
        markdown: goalMarkdown(item.period, item.goals),
        idempotencyKey,
      })
    case 'recordDecision': {
      const { title, context, decision, why } = item
      return recordDecision(then, memberActor(pair, item.by), {
        mentorshipId,
        title,
        context,
        decision,
        why,
        idempotencyKey,
      })
    }
  }
}

async function refusalOf(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run()
    return null
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return `${error.code} ${error.reason}: ${error.message}`
  }
}

/**
 * A key per item from what it is: its pair, file, kind, place among its file's items of that
 * kind, time and text. The same files give the same keys, so a second import repeats each
 * command and appends nothing; two identical replies in one file still get two keys.
 */
function idempotencyKeys(mentorshipId: string, items: readonly ImportItem[]): string[] {
  const seen = new Map<string, number>()
  return items.map((item) => {
    const { source, ...what } = item
    const slot = `${source.file}|${item.kind}`
    const ordinal = seen.get(slot) ?? 0
    seen.set(slot, ordinal + 1)
    const hash = createHash('sha256')
      .update(JSON.stringify([mentorshipId, slot, ordinal, what]))
      .digest('hex')
    return `archive:${hash}`
  })
}

/** One line naming an item for a person reading the CLI's report. */
export function describeItem(item: ImportItem): string {
  switch (item.kind) {
    case 'submitCheckIn':
      return `check-in for the week of ${item.weekOf}`
    case 'editCheckIn':
      return `edit of the check-in for the week of ${item.weekOf} (${item.at})`
    case 'replyToCheckIn':
      return `${item.author}'s reply to the week of ${item.weekOf} (${item.at})`
    case 'createGoalSet':
      return `goal set ${item.period} (${item.goals.length} goals)`
    case 'recordDecision':
      return `decision ${JSON.stringify(item.title)}`
  }
}
