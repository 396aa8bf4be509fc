import { marker, type Caller, type Pair, type PairName, type World } from './world.ts'

/**
 * Who may do what, declared once per operation of the schema (DESIGN "Auth and scopes", PRODUCT §8).
 * The permission matrix asks every caller for every operation, on each pair's ids, and compares
 * the answer with what this table says. An operation missing here fails the matrix: a new one
 * must be classified before it ships.
 */

/** What an answer came to: the field's value, or the first error's code (and a conflict's reason). */
export type Outcome =
  'data' | 'null' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'BAD_USER_INPUT' | `CONFLICT:${string}`

/** One cell of the matrix: a caller, and the pair whose ids the call names (if any). */
export interface Ask {
  caller: Caller
  pair: Pair | null
  /** Whether the caller acts for a member of that pair. */
  member: boolean
  role: 'mentor' | 'mentee' | null
}

export type Target = PairName | '-'

export interface Policy {
  /** The pairs whose ids the call names in turn; `-` for a call that names none. */
  targets: readonly Target[]
  expect(ask: Ask): Outcome
  variables(world: World, pair: Pair | null): Record<string, unknown> | Promise<Record<string, unknown>>
  /** Targets whose answers hold the pair's text for its members: the privacy checks' positive control. */
  text?: readonly Target[]
}

// The rules: each is a small function of the caller; credentials come first.
type Rule = (ask: Ask) => Outcome

const withKey =
  (rule: Rule): Rule =>
  (ask) =>
    ask.caller.access === 'refused' || ask.caller.access === 'anonymous' ? 'UNAUTHENTICATED' : rule(ask)

const wide = (ask: Ask) => ask.caller.access === 'admin' || ask.caller.access === 'projections'

/** Any valid key or token. */
const anyKey: Rule = withKey(() => 'data')
/** Read a pair's thing: admin and analytics see every pair, a person their own, HR nothing. */
const readPair: Rule = withKey((a) =>
  a.caller.access === 'events' ? 'FORBIDDEN' : wide(a) || a.member ? 'data' : 'null',
)
/** A list filtered to what the caller may see. */
const readList: Rule = withKey((a) => (a.caller.access === 'events' ? 'FORBIDDEN' : 'data'))
/** The event feed: every scope, each redacted for itself. */
const readFeed: Rule = withKey(() => 'data')
const adminOnly: Rule = withKey((a) => (a.caller.access === 'admin' ? 'data' : 'FORBIDDEN'))
/** The admin, or the person themself (the pair's mentee is the target). */
const selfOrAdmin: Rule = withKey((a) =>
  a.caller.access === 'admin' || a.caller.personId === a.pair?.menteeId ? 'data' : 'FORBIDDEN',
)
/** The admin or a member; a stranger learns nothing (NOT_FOUND), HR and analytics may not write. */
const pairWrite =
  (allowed: Outcome = 'data'): Rule =>
  (ask) =>
    withKey((a) => {
      if (a.caller.access === 'events' || a.caller.access === 'projections') return 'FORBIDDEN'
      return a.caller.access === 'admin' || a.member ? allowed : 'NOT_FOUND'
    })(ask)
/** One member's own act: the mentee's check-in, the mentor's reply. */
const memberAct =
  (role: 'mentor' | 'mentee'): Rule =>
  (ask) =>
    withKey((a) => {
      if (a.caller.access !== 'person' && a.caller.access !== 'tool') return 'FORBIDDEN'
      if (!a.caller.personId) return 'BAD_USER_INPUT' // a tool must name whom it acts for
      if (!a.member) return 'NOT_FOUND'
      return a.role === role ? 'data' : 'FORBIDDEN'
    })(ask)

const PAIRS = ['A', 'B'] as const
const NONE = ['-'] as const

const input = (value: Record<string, unknown>) => ({ input: value })

export const policy: Record<string, Policy> = {
  'Query.me': { targets: NONE, expect: anyKey, variables: () => ({}) },
  'Query.person': { targets: PAIRS, expect: readPair, variables: (_, p) => ({ id: p!.menteeId }) },
  'Query.mentorships': { targets: NONE, expect: readList, variables: () => ({}), text: NONE },
  'Query.mentorship': { targets: PAIRS, expect: readPair, variables: (_, p) => ({ id: p!.id }), text: PAIRS },
  'Query.checkIn': {
    targets: PAIRS,
    expect: readPair,
    variables: (_, p) => ({ id: p!.checkInId }),
    text: PAIRS,
  },
  'Query.events': {
    targets: [...PAIRS, '-'],
    expect: readFeed,
    // Without a pair: the people's and the keys' events, where emails and admin-only types live.
    variables: (_, p) =>
      p
        ? { mentorshipId: p.id, first: 100 }
        : {
            first: 100,
            types: ['PersonRegistered', 'PersonUpdated', 'ApiKeyCreated', 'ApiKeyRevoked', 'SetupCompleted'],
          },
    text: PAIRS,
  },
  'Mutation.setup': {
    targets: NONE,
    expect: (a) => (a.caller.access === 'refused' ? 'UNAUTHENTICATED' : 'CONFLICT:setup_done'),
    variables: (w) => input({ email: `setup-${w.next()}@test.trellis`, name: 'Mallory', timeZone: 'UTC' }),
  },
  'Mutation.createApiKey': {
    targets: PAIRS,
    expect: adminOnly,
    variables: (w, p) => input({ name: `matrix ${w.next()}`, scopes: ['PERSON'], personId: p!.menteeId }),
  },
  'Mutation.revokeApiKey': {
    targets: NONE,
    expect: adminOnly,
    variables: async (w) => input({ id: await w.spareKeyId() }),
  },
  'Mutation.registerPerson': {
    targets: NONE,
    expect: adminOnly,
    variables: (w) =>
      input({
        email: `matrix-${w.next()}-${w.adminId.slice(0, 8)}@test.trellis`,
        name: 'M',
        timeZone: 'UTC',
      }),
  },
  'Mutation.updatePerson': {
    targets: PAIRS,
    expect: selfOrAdmin,
    variables: (_, p) => input({ id: p!.menteeId, name: 'Inês Mentee' }),
  },
  'Mutation.startMentorship': {
    targets: NONE,
    expect: adminOnly,
    variables: (w) => input({ mentorId: w.loners[0], menteeId: w.loners[1], startedOn: '2026-11-02' }),
  },
  'Mutation.updateMentorship': {
    targets: PAIRS,
    expect: pairWrite(),
    variables: (_, p) => input({ id: p!.id, responseWindowHours: 24 }),
  },
  'Mutation.pauseMentorship': {
    targets: PAIRS,
    expect: pairWrite(),
    variables: async (w, p) => {
      await w.reset(p!)
      return input({ mentorshipId: p!.id, reason: marker(p!.name, 'pause', w.next()) })
    },
  },
  'Mutation.resumeMentorship': {
    targets: PAIRS,
    expect: pairWrite(),
    variables: async (w, p) => {
      await w.reset(p!)
      await w.gql(`mutation($input: PauseMentorshipInput!) { pauseMentorship(input: $input) { id } }`, {
        input: { mentorshipId: p!.id, reason: marker(p!.name, 'prepause', w.next()) },
      })
      return input({ mentorshipId: p!.id })
    },
  },
  'Mutation.transitionMentorship': {
    targets: PAIRS,
    expect: adminOnly,
    variables: async (w, p) => {
      await w.reset(p!)
      return input({ mentorshipId: p!.id, to: 'MONTHLY', reason: marker(p!.name, 'transition', w.next()) })
    },
  },
  'Mutation.respondToPhaseProposal': {
    targets: PAIRS,
    // Past the permission check, the pair has no proposal to answer.
    expect: pairWrite('CONFLICT:no_proposal'),
    variables: (_, p) => input({ mentorshipId: p!.id, accept: false }),
  },
  'Mutation.submitCheckIn': {
    targets: PAIRS,
    expect: memberAct('mentee'),
    variables: (w, p) =>
      input({
        mentorshipId: p!.id,
        markdown: marker(p!.name, 'submit', w.next()),
        weekOf: w.nextWeek(p!.name),
      }),
  },
  'Mutation.editCheckIn': {
    targets: PAIRS,
    expect: memberAct('mentee'),
    variables: (w, p) => input({ checkInId: p!.checkInId, markdown: marker(p!.name, 'edit', w.next()) }),
  },
  'Mutation.replyToCheckIn': {
    targets: PAIRS,
    expect: memberAct('mentor'),
    variables: (w, p) => input({ checkInId: p!.checkInId, markdown: marker(p!.name, 'reply', w.next()) }),
  },
  'Subscription.events': {
    targets: [...PAIRS, '-'],
    expect: readFeed,
    variables: (_, p) => (p ? { mentorshipId: p.id } : {}),
    text: PAIRS,
  },
}

/** The cell for a caller and a target. */
export function askFor(caller: Caller, pair: Pair | null): Ask {
  const acts = caller.access === 'person' || caller.access === 'tool'
  const role =
    pair && acts && caller.personId === pair.mentorId
      ? 'mentor'
      : pair && acts && caller.personId === pair.menteeId
        ? 'mentee'
        : null
  return { caller, pair, member: role !== null, role }
}
