import type { Ask } from './policy.ts'
import { MARKER, type Caller, type Pair, type PairName, type World } from './world.ts'

/**
 * Who may read what (PRODUCT §8): a pair's text its members only, directly or through a tool
 * acting for them; an email the admins, the person and their partners; keys the admins; a
 * calendar feed URL its person alone.
 */

/** Event types only an admin sees: keys, webhooks and the admin audit trail. */
const ADMIN_ONLY = [
  'ApiKeyCreated',
  'ApiKeyRevoked',
  'AdminActionPerformed',
  'SetupCompleted',
  'WebhookCreated',
  'WebhookPaused',
  'WebhookResumed',
  'WebhookDeleted',
  'ReminderSent',
  'ReminderFailed',
  'ReminderWithheld',
  'ReminderPreferencesSet',
  'ReminderUnsubscribeIssued',
]

const actsForPerson = (caller: Caller) => caller.access === 'person' || caller.access === 'tool'

/** The pairs whose text this caller reads: the target's if it is a member, or all of its own. */
export function pairsReadBy(world: World, caller: Caller, target: Pair | null): PairName[] {
  const pairs = target ? [target] : Object.values(world.pairs)
  return pairs
    .filter(
      (p) => actsForPerson(caller) && (caller.personId === p.mentorId || caller.personId === p.menteeId),
    )
    .map((p) => p.name)
}

function seesEmailOf(world: World, caller: Caller, personId: string) {
  if (caller.access === 'admin') return true
  if (!actsForPerson(caller) || !caller.personId) return false
  if (caller.personId === personId) return true
  return Object.values(world.pairs).some(
    (p) =>
      (p.mentorId === caller.personId && p.menteeId === personId) ||
      (p.menteeId === caller.personId && p.mentorId === personId),
  )
}

/**
 * What in `answer` this caller may not read. Markers and emails the request itself carried are
 * the caller's own words coming back, not a leak.
 */
export function leaks(world: World, caller: Caller, answer: string, sent: string): string[] {
  const found = new Set<string>()
  const readable = pairsReadBy(world, caller, null)
  for (const [text, pair] of markersIn(answer)) {
    if (!sent.includes(text) && !readable.includes(pair as PairName)) found.add(text)
  }
  for (const [personId, email] of world.emails) {
    if (answer.includes(email) && !sent.includes(email) && !seesEmailOf(world, caller, personId))
      found.add(email)
  }
  // A calendar feed's secret is its person's alone: not the admin's, not their partner's.
  for (const [personId, secrets] of world.feeds.issued) {
    if (caller.personId === personId) continue
    for (const secret of secrets)
      if (answer.includes(secret) && !sent.includes(secret)) found.add(`the calendar feed of ${personId}`)
  }
  if (caller.access !== 'admin' && answer.includes('trl_')) found.add('an API key')
  if (/secret_?hash/i.test(answer)) found.add('a key hash')
  // A webhook's signing secret is shown once, in the answer that creates it, and nowhere else.
  if (answer.includes('whsec_') && !answer.includes('"createWebhook"')) found.add('a webhook secret')
  return [...found]
}

/**
 * The markers in an answer, whole or cut short. A search snippet marks the words that matched
 * («PRIVATE»-A-…) and stops after so many words (`«PRIVATE»-A-answer`): a marker all the same.
 */
function markersIn(answer: string): Array<[text: string, pair: string]> {
  const plain = answer.replace(/[«»]/g, '')
  const whole = [...plain.matchAll(MARKER)].map(([text, pair]) => [text, pair!] as [string, string])
  const cut = [...plain.replace(MARKER, '').matchAll(CUT_MARKER)].map(
    ([text, pair]) => [text, pair!] as [string, string],
  )
  return [...whole, ...cut]
}
const CUT_MARKER = /PRIVATE-([AB])-[a-z]*/g

interface FeedNode {
  type?: string
  mentorshipId?: string | null
  data?: { personId?: string } | null
}

/**
 * A feed page or live events for one caller: only the asked-for pair's, only what its scope may
 * list (a person: their pairs' and their own), never an admin-only type for anyone else.
 */
export function feedProblems(world: World, ask: Ask, events: FeedNode[]): string[] {
  const { caller, pair } = ask
  const wide = ['admin', 'events', 'projections'].includes(caller.access)
  const own = Object.values(world.pairs)
    .filter((p) => pairsReadBy(world, caller, p).length)
    .map((p) => p.id)
  const problems: string[] = []
  for (const e of events) {
    if (pair && e.mentorshipId !== pair.id)
      problems.push(`${e.type} of another mentorship in pair ${pair.name}'s feed`)
    if (caller.access !== 'admin' && ADMIN_ONLY.includes(e.type ?? '')) problems.push(`admin-only ${e.type}`)
    const mine = e.mentorshipId ? own.includes(e.mentorshipId) : e.data?.personId === caller.personId
    if (!wide && !mine)
      problems.push(`${e.type} of ${e.mentorshipId ?? e.data?.personId ?? 'someone'} listed`)
  }
  return problems
}
