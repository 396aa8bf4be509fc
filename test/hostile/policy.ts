import {
  FUTURE,
  joinUrl,
  marker,
  PAST,
  type Caller,
  type Pair,
  type PairName,
  type Urgency,
  type World,
} from './world.ts'

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
/** Program-wide numbers: the admin and analytics. */
const analyticsOnly: Rule = withKey((a) => (wide(a) ? 'data' : 'FORBIDDEN'))
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
/**
 * One member's own act: the mentee's check-in, the mentor's reply; without a role, either
 * member's (asking, answering, recording a decision).
 */
const memberAct =
  (role?: 'mentor' | 'mentee'): Rule =>
  (ask) =>
    withKey((a) => {
      if (a.caller.access !== 'person' && a.caller.access !== 'tool') return 'FORBIDDEN'
      if (!a.caller.personId) return 'BAD_USER_INPUT' // a tool must name whom it acts for
      if (!a.member) return 'NOT_FOUND'
      return !role || a.role === role ? 'data' : 'FORBIDDEN'
    })(ask)
/** The caller's own things, for a person key or a tool acting for one (whoever that is). */
const ownList: Rule = withKey((a) => {
  if (a.caller.access !== 'person' && a.caller.access !== 'tool') return 'FORBIDDEN'
  return a.caller.personId ? 'data' : 'BAD_USER_INPUT'
})
/** A thing that is all the pair's text: its members only, null for anyone else (admin too). */
const readOwn: Rule = withKey((a) =>
  a.caller.access === 'events' ? 'FORBIDDEN' : a.member ? 'data' : 'null',
)
/** The program's library: anyone in the program writes to it, not HR or analytics. */
const libraryWrite: Rule = withKey((a) =>
  a.caller.access === 'events' || a.caller.access === 'projections' ? 'FORBIDDEN' : 'data',
)

const PAIRS = ['A', 'B'] as const
const NONE = ['-'] as const

const input = (value: Record<string, unknown>) => ({ input: value })

/** A fresh open question of the pair, so a cell that changes one never meets another's change. */
const fresh = async (w: World, p: Pair, urgency: Urgency = 'THIS_WEEK') => w.ask(p, 'mentee', urgency)
/** A fresh call of the pair, scheduled by its mentee with a marked link, for one cell to change. */
const freshCall = async (w: World, p: Pair, start = FUTURE) => (await w.schedule(p, start)).id
/** Words every pair's marked text holds, to search for. */
const PRIVATE = 'PRIVATE'

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
  'Query.webhooks': { targets: NONE, expect: adminOnly, variables: () => ({}) },
  'Query.webhook': {
    targets: NONE,
    expect: adminOnly,
    variables: async (w) => ({ id: await w.spareWebhookId() }),
  },
  'Query.webhookDeliveries': {
    targets: NONE,
    expect: adminOnly,
    variables: async (w) => ({ webhookId: await w.spareWebhookId() }),
  },
  'Mutation.createWebhook': {
    targets: NONE,
    expect: adminOnly,
    variables: (w) =>
      input({ url: `https://hr.example.com/hooks/${w.next()}`, types: ['MentorshipStarted'] }),
  },
  'Mutation.pauseWebhook': {
    targets: NONE,
    expect: adminOnly,
    variables: async (w) => input({ id: await w.spareWebhookId(), reason: 'matrix' }),
  },
  'Mutation.resumeWebhook': {
    targets: NONE,
    expect: adminOnly,
    variables: async (w) => input({ id: await w.spareWebhookId() }),
  },
  'Mutation.deleteWebhook': {
    targets: NONE,
    expect: adminOnly,
    variables: async (w) => input({ id: await w.spareWebhookId() }),
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
  'Query.question': {
    targets: PAIRS,
    expect: readPair,
    variables: (_, p) => ({ id: p!.questionId }),
    text: PAIRS,
  },
  'Query.questionQueue': {
    targets: NONE,
    expect: ownList,
    variables: () => ({ first: 50 }),
    // plant() leaves an open question to each member of each pair.
    text: NONE,
  },
  'Query.decision': {
    targets: PAIRS,
    expect: readOwn,
    variables: (_, p) => ({ id: p!.decisionId }),
    text: PAIRS,
  },
  'Query.resource': { targets: NONE, expect: readList, variables: (w) => ({ id: w.library.resourceId }) },
  'Query.resources': { targets: NONE, expect: readList, variables: () => ({ first: 50 }) },
  'Query.search': {
    targets: [...PAIRS, '-'],
    expect: readList,
    variables: (_, p) =>
      p ? { query: PRIVATE, mentorshipId: p.id, first: 50 } : { query: PRIVATE, first: 50 },
    text: [...PAIRS, '-'],
  },
  'Query.suggestAnswers': {
    targets: PAIRS,
    expect: memberAct(),
    variables: (_, p) => ({ mentorshipId: p!.id, text: PRIVATE, first: 20 }),
    text: PAIRS,
  },
  'Mutation.askQuestion': {
    targets: PAIRS,
    expect: memberAct(),
    variables: (w, p) =>
      input({
        mentorshipId: p!.id,
        title: marker(p!.name, 'qtitle', w.next()),
        body: marker(p!.name, 'qbody', w.next()),
        urgency: 'THIS_WEEK',
        context: { goal: marker(p!.name, 'qgoal', w.next()), tried: marker(p!.name, 'qtried', w.next()) },
      }),
    text: PAIRS,
  },
  'Mutation.answerQuestion': {
    targets: PAIRS,
    expect: memberAct(),
    variables: async (w, p) =>
      input({ questionId: await fresh(w, p!), body: marker(p!.name, 'answer', w.next()) }),
    text: PAIRS,
  },
  'Mutation.resolveQuestion': {
    targets: PAIRS,
    expect: memberAct(),
    variables: async (w, p) => input({ questionId: await fresh(w, p!) }),
    text: PAIRS,
  },
  'Mutation.reclassifyQuestion': {
    targets: PAIRS,
    expect: memberAct('mentor'),
    variables: async (w, p) => input({ questionId: await fresh(w, p!, 'CAN_WAIT'), urgency: 'THIS_WEEK' }),
    text: PAIRS,
  },
  'Mutation.escalateQuestion': {
    targets: PAIRS,
    expect: memberAct('mentee'),
    variables: async (w, p) => input({ questionId: await fresh(w, p!, 'CAN_WAIT'), urgency: 'BLOCKING' }),
    text: PAIRS,
  },
  'Mutation.flagForCall': {
    targets: PAIRS,
    expect: memberAct(),
    variables: async (w, p) => input({ questionId: await fresh(w, p!), flagged: true }),
    text: PAIRS,
  },
  'Mutation.trackCheckInQuestions': {
    targets: PAIRS,
    expect: memberAct(),
    // The same items each time: tracked once, then the same questions back.
    variables: (_, p) => input({ checkInId: p!.questionsCheckInId }),
    text: PAIRS,
  },
  'Query.programMetrics': {
    targets: [...PAIRS, '-'],
    expect: analyticsOnly,
    variables: (_, p) => ({ from: '2026-06-01', to: '2026-12-31', ...(p && { mentorshipId: p.id }) }),
  },
  // Questions: a table whose rows stand for the pair's text, which the export must leave behind.
  'Query.projection': {
    targets: ['-'],
    expect: analyticsOnly,
    variables: () => ({ name: 'QUESTIONS', first: 1000 }),
  },
  'Query.goalSet': {
    targets: PAIRS,
    expect: readOwn,
    variables: (_, p) => ({ id: p!.goalSetId }),
    text: PAIRS,
  },
  'Query.exportMentorship': {
    targets: PAIRS,
    // The whole record is the pair's text: its members only, null for everyone else (admin too).
    expect: readOwn,
    variables: (_, p) => ({ id: p!.id }),
    text: PAIRS,
  },
  'Mutation.createGoalSet': {
    targets: PAIRS,
    expect: memberAct(),
    // A new quarter each time: a pair has one set per period.
    variables: (w, p) =>
      input({
        mentorshipId: p!.id,
        period: `${2030 + w.next()}-Q1`,
        goals: [{ category: 'Technical Skills', text: marker(p!.name, 'goal', w.next()) }],
      }),
    text: PAIRS,
  },
  'Mutation.updateGoal': {
    targets: PAIRS,
    expect: memberAct(),
    variables: (w, p) => input({ id: p!.goalId, text: marker(p!.name, 'goal', w.next()) }),
    text: PAIRS,
  },
  'Mutation.recordReview': {
    targets: PAIRS,
    expect: memberAct(),
    variables: (w, p) => input({ mentorshipId: p!.id, summary: marker(p!.name, 'review', w.next()) }),
    text: PAIRS,
  },
  'Mutation.recordDecision': {
    targets: PAIRS,
    expect: memberAct(),
    variables: (w, p) =>
      input({
        mentorshipId: p!.id,
        title: marker(p!.name, 'dtitle', w.next()),
        context: marker(p!.name, 'dcontext', w.next()),
        decision: marker(p!.name, 'decision', w.next()),
        why: marker(p!.name, 'dwhy', w.next()),
      }),
    text: PAIRS,
  },
  'Mutation.addResource': {
    targets: NONE,
    expect: libraryWrite,
    // The library is everyone's: nothing private goes in.
    variables: (w) =>
      input({ title: `Resource ${w.next()}`, url: 'https://example.com/guide', kind: 'ARTICLE' }),
  },
  'Query.call': {
    targets: PAIRS,
    // The call for whoever sees its pair; its link, notes and agenda text for its members alone.
    expect: readPair,
    variables: (_, p) => ({ id: p!.callId }),
    text: PAIRS,
  },
  'Query.callSlots': {
    targets: PAIRS,
    expect: memberAct(),
    variables: (_, p) => ({ mentorshipId: p!.id, from: '2026-11-23', weeks: 1, duration: 30 }),
  },
  'Query.callPlan': {
    targets: PAIRS,
    expect: memberAct(),
    variables: (_, p) => ({ mentorshipId: p!.id, from: '2026-11-23', count: 2 }),
  },
  'Query.calendarFeed': {
    targets: NONE,
    // The caller's own secret URL: privacy.ts holds each person's to them alone.
    expect: ownList,
    variables: () => ({}),
  },
  'Mutation.scheduleCall': {
    targets: PAIRS,
    expect: memberAct(),
    variables: (w, p) =>
      input({
        mentorshipId: p!.id,
        start: FUTURE,
        durationMinutes: 30,
        kind: 'BIWEEKLY',
        joinUrl: joinUrl(p!.name, w.next()),
      }),
    text: PAIRS,
  },
  'Mutation.rescheduleCall': {
    targets: PAIRS,
    expect: memberAct(),
    variables: async (w, p) => input({ callId: await freshCall(w, p!), start: '2026-12-02T15:30:00Z' }),
    text: PAIRS,
  },
  'Mutation.cancelCall': {
    targets: PAIRS,
    expect: memberAct(),
    variables: async (w, p) =>
      input({ callId: await freshCall(w, p!), reason: marker(p!.name, 'cancel', w.next()) }),
    text: PAIRS,
  },
  'Mutation.recordCallOutcome': {
    targets: PAIRS,
    expect: memberAct(),
    // Begun before the server's clock: past the call_not_started check, to the happy path.
    variables: async (w, p) =>
      input({
        callId: await freshCall(w, p!, PAST),
        status: 'HELD',
        notes: marker(p!.name, 'notes', w.next()),
      }),
    text: PAIRS,
  },
  'Mutation.addAgendaItem': {
    targets: PAIRS,
    expect: memberAct(),
    variables: async (w, p) =>
      input({ callId: await freshCall(w, p!), text: marker(p!.name, 'agenda', w.next()) }),
    text: PAIRS,
  },
  'Mutation.reorderAgenda': {
    targets: PAIRS,
    expect: memberAct(),
    // The fresh call's whole agenda (the record's items and a member's), last first.
    variables: async (w, p) => {
      const call = await w.schedule(p!)
      const item = await w.addItem(p!, call.id)
      return input({ callId: call.id, itemIds: [item, ...call.itemIds].reverse() })
    },
    text: PAIRS,
  },
  'Mutation.tickAgendaItem': {
    targets: PAIRS,
    expect: memberAct(),
    variables: async (w, p) => {
      const call = await w.schedule(p!)
      return input({ callId: call.id, itemId: await w.addItem(p!, call.id) })
    },
    text: PAIRS,
  },
  'Mutation.rotateCalendarFeed': {
    targets: NONE,
    expect: ownList,
    variables: () => ({}),
  },
  'Query.remindersSent': {
    targets: PAIRS,
    // A person's own reminder mails, or anyone's for an admin (the mentee is the target).
    expect: selfOrAdmin,
    variables: (_, p) => ({ personId: p!.menteeId, first: 20 }),
  },
  'Mutation.setReminderPreferences': {
    targets: PAIRS,
    expect: selfOrAdmin,
    variables: (_, p) => input({ personId: p!.menteeId, enabled: true }),
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
