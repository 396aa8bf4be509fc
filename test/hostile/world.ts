import { randomUUID } from 'node:crypto'
import { startIssuer } from '../support/oidcIssuer.ts'
import { buildProgram, register } from '../support/program.ts'
import { bearer, startServer, type TestServer } from '../support/server.ts'

/**
 * Two pairs, A and B, on a server that also trusts an OIDC issuer, and every kind of caller the
 * permission matrix asks as: the pairs' members (by key, token, or a tool acting for them), the
 * admin, HR and analytics keys, and callers that must be refused. Each pair's text carries
 * markers (`PRIVATE-A-…`) so a leak is a string search.
 */

export type PairName = 'A' | 'B'
export type Access = 'admin' | 'person' | 'tool' | 'events' | 'projections' | 'anonymous' | 'refused'

export interface Caller {
  name: string
  access: Access
  /** The person it acts for, if any. */
  personId: string | null
  headers: Record<string, string>
}

export interface Pair {
  name: PairName
  id: string
  mentorId: string
  menteeId: string
  checkInId: string
  /** A question the mentee asked and the mentor answered, both marked. */
  questionId: string
  /** A decision of the pair's log, marked. */
  decisionId: string
  goalSetId: string
  goalId: string
  /** A check-in whose "Questions I Have" items are marked, for tracking them as questions. */
  questionsCheckInId: string
  /** A held call: its link given explicitly, a member's agenda item and its notes, all marked. */
  callId: string
  /** A call called off, its link and reason marked. */
  cancelledCallId: string
}

export type Urgency = 'BLOCKING' | 'THIS_WEEK' | 'CAN_WAIT'

/** A marker of a pair's private text: `PRIVATE-A-reply-0007`. */
export const marker = (pair: PairName, kind: string, n: number) =>
  `PRIVATE-${pair}-${kind}-${String(n).padStart(4, '0')}`
export const MARKER = /PRIVATE-([AB])-[a-z]+-\d{4}/g

export type World = Awaited<ReturnType<typeof buildWorld>>

/** A call link given explicitly, marked: `https://meet.example.com/PRIVATE-A-join-0003`. */
export const joinUrl = (pair: PairName, n: number) => `https://meet.example.com/${marker(pair, 'join', n)}`
/** Call starts around the server's clock (2026-11-20T12:00Z when built): one to come, one begun. */
export const FUTURE = '2026-12-01T15:00:00Z'
export const PAST = '2026-11-18T15:00:00Z'
/** A calendar feed URL's secret: `…/calendar/<secret>.ics`. */
export const feedSecret = (url: string) => /\/calendar\/([^/]+)\.ics$/.exec(url)?.[1] ?? url

export async function buildWorld() {
  const issuer = await startIssuer()
  const stranger = await startIssuer()
  const server: TestServer = await startServer('pglite', {
    config: { oidc: { issuer: issuer.issuer, audience: 'trellis' } },
  })
  const [a, b] = [
    await buildProgram(server, { startedOn: '2026-06-01' }),
    await buildProgram(server, { startedOn: '2026-06-01' }),
  ]
  const adminKey = a.adminKey
  const admin = bearer(adminKey)
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await server.gql(query, variables, admin)
    if (r.errors) throw new Error(JSON.stringify(r.errors))
    return r.data
  }

  const scoped = async (scopes: string[]) =>
    (
      await gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey keyId } }`, {
        input: { name: `${scopes.join('+')} key`, scopes },
      })
    ).createApiKey as { apiKey: string; keyId: string }
  const tool = (await scoped(['TOOL'])).apiKey
  const hr = (await scoped(['EVENTS_READ'])).apiKey
  const analytics = (await scoped(['PROJECTIONS_READ'])).apiKey
  const revoked = await scoped(['ADMIN'])
  await gql(`mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) }`, {
    input: { id: revoked.keyId },
  })

  const emails = new Map<string, string>()
  for (const id of [a.mentorId, a.menteeId, b.mentorId, b.menteeId]) {
    emails.set(id, (await gql(`query($id: ID!) { person(id: $id) { email } }`, { id })).person.email)
  }
  const adminId: string = (await gql(`{ me { person { id email } } }`)).me.person.id
  emails.set(adminId, 'lead@test.trellis')
  const tag = randomUUID().slice(0, 8)
  const loners = [
    await register(server, admin, { email: `loner1-${tag}@test.trellis`, name: 'Loner', timeZone: 'UTC' }),
    await register(server, admin, { email: `loner2-${tag}@test.trellis`, name: 'Loner', timeZone: 'UTC' }),
  ] as const

  const menteeJwt = await issuer.sign({ email: emails.get(a.menteeId) }, '1h')
  const expiredJwt = await issuer.sign({ email: emails.get(a.menteeId), scope: 'admin' }, '-1m')
  const foreignJwt = await stranger.sign({ email: emails.get(a.menteeId), scope: 'admin' }, '1h')
  const nobody = randomUUID()

  const callers: Caller[] = [
    { name: 'admin', access: 'admin', personId: null, headers: admin },
    { name: 'mentor A', access: 'person', personId: a.mentorId, headers: bearer(a.mentorKey) },
    { name: 'mentee A', access: 'person', personId: a.menteeId, headers: bearer(a.menteeKey) },
    { name: 'mentee B (another pair)', access: 'person', personId: b.menteeId, headers: bearer(b.menteeKey) },
    { name: 'mentee A by OIDC token', access: 'person', personId: a.menteeId, headers: bearer(menteeJwt) },
    {
      name: 'mentee A key naming mentor A in Trellis-Acting-As',
      access: 'person',
      personId: a.menteeId,
      headers: bearer(a.menteeKey, a.mentorId),
    },
    { name: 'tool for mentor A', access: 'tool', personId: a.mentorId, headers: bearer(tool, a.mentorId) },
    { name: 'tool for mentee A', access: 'tool', personId: a.menteeId, headers: bearer(tool, a.menteeId) },
    { name: 'tool for mentee B', access: 'tool', personId: b.menteeId, headers: bearer(tool, b.menteeId) },
    { name: 'tool for nobody', access: 'tool', personId: null, headers: bearer(tool) },
    { name: 'tool for an unknown person', access: 'tool', personId: nobody, headers: bearer(tool, nobody) },
    { name: 'events:read', access: 'events', personId: null, headers: bearer(hr) },
    {
      name: 'events:read naming mentee A',
      access: 'events',
      personId: null,
      headers: bearer(hr, a.menteeId),
    },
    { name: 'projections:read', access: 'projections', personId: null, headers: bearer(analytics) },
    { name: 'no key', access: 'anonymous', personId: null, headers: {} },
    { name: 'revoked key', access: 'refused', personId: null, headers: bearer(revoked.apiKey) },
    { name: 'expired OIDC token', access: 'refused', personId: null, headers: bearer(expiredJwt) },
    { name: 'token from another issuer', access: 'refused', personId: null, headers: bearer(foreignJwt) },
    {
      name: 'tool with a malformed Acting-As',
      access: 'refused',
      personId: null,
      headers: bearer(tool, 'admin'),
    },
  ]

  const pairOf = (name: PairName, p: typeof a): Pair => ({
    name,
    id: p.mentorshipId,
    mentorId: p.mentorId,
    menteeId: p.menteeId,
    // Set by plant().
    checkInId: '',
    questionId: '',
    decisionId: '',
    goalSetId: '',
    goalId: '',
    questionsCheckInId: '',
    callId: '',
    cancelledCallId: '',
  })
  const pairs = { A: pairOf('A', a), B: pairOf('B', b) }
  const keys = { A: a, B: b }
  let n = 0
  const next = () => ++n
  const weeks = { A: 0, B: 0 }
  /** What plant() adds outside the pairs: a resource of the library (no private text). */
  const library = { resourceId: '' }
  /**
   * Calendar feed secrets, each its person's alone: every secret any answer has handed out, by
   * person (old ones too: a rotated secret is still nobody else's), and each person's current one.
   */
  const feeds = { issued: new Map<string, Set<string>>(), current: new Map<string, string>() }
  /** Notes a feed URL handed to (a caller acting for) `personId`; returns its secret. */
  function issuedFeed(personId: string, url: string) {
    const secret = feedSecret(url)
    const issued = feeds.issued.get(personId) ?? feeds.issued.set(personId, new Set()).get(personId)!
    issued.add(secret)
    feeds.current.set(personId, secret)
    return secret
  }

  /** A call as one member of a pair, by their person key. */
  const as =
    (pair: Pair, role: 'mentor' | 'mentee') => async (query: string, input: Record<string, unknown>) => {
      const key = role === 'mentor' ? keys[pair.name].mentorKey : keys[pair.name].menteeKey
      const r = await server.gql(query, { input }, bearer(key))
      if (r.errors) throw new Error(JSON.stringify(r.errors))
      return r.data
    }

  /** A new open question, its title, body and context all marked, asked by one member of the pair. */
  async function ask(pair: Pair, by: 'mentor' | 'mentee', urgency: Urgency = 'THIS_WEEK') {
    const mark = (kind: string) => marker(pair.name, kind, next())
    const asked = await as(pair, by)(
      `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`,
      {
        mentorshipId: pair.id,
        title: mark('qtitle'),
        body: mark('qbody'),
        urgency,
        context: {
          goal: mark('qgoal'),
          tried: mark('qtried'),
          errors: mark('qerrors'),
          hypothesis: mark('qhypothesis'),
        },
      },
    )
    return asked.askQuestion.id as string
  }

  /**
   * A new call of the pair, scheduled by its mentee with a marked link: in the future (as the
   * server's clock reads it) unless `start` says otherwise. Its id and its agenda's item ids.
   */
  async function schedule(pair: Pair, start = FUTURE) {
    const scheduled = await as(pair, 'mentee')(
      `mutation($input: ScheduleCallInput!) { scheduleCall(input: $input) { id agenda { id } } }`,
      {
        mentorshipId: pair.id,
        start,
        durationMinutes: 30,
        kind: 'BIWEEKLY',
        joinUrl: joinUrl(pair.name, next()),
      },
    )
    const call = scheduled.scheduleCall as { id: string; agenda: Array<{ id: string }> }
    return { id: call.id, itemIds: call.agenda.map((i) => i.id) }
  }

  /** A marked item on a call's agenda, added by one member; its id. */
  async function addItem(pair: Pair, callId: string, by: 'mentor' | 'mentee' = 'mentor') {
    const text = marker(pair.name, 'agenda', next())
    const added = await as(pair, by)(
      `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { agenda { id text source } } }`,
      { callId, text },
    )
    const items = added.addAgendaItem.agenda as Array<{ id: string; text: string; source: string }>
    return items.find((i) => i.source === 'MEMBER' && i.text === text)!.id
  }

  /**
   * Each pair's text: a check-in, an edit, a reply, a leave and two transitions; questions both
   * ways (one answered), a decision, a check-in with questions to track, a held call (its link,
   * a member's agenda item, its notes) and a cancelled one (its link, the reason); all marked.
   * And each member's calendar feed URL, a secret of their own.
   */
  async function plant() {
    const added = await gql(`mutation($input: AddResourceInput!) { addResource(input: $input) { id } }`, {
      input: {
        title: 'Testing with a real database',
        body: 'Public notes',
        kind: 'ARTICLE',
        tags: ['testing'],
      },
    })
    library.resourceId = added.addResource.id
    for (const pair of [pairs.A, pairs.B]) {
      const mentee = as(pair, 'mentee')
      const mentor = as(pair, 'mentor')
      const submitted = await mentee(
        `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
        {
          mentorshipId: pair.id,
          markdown: `## Week\n${marker(pair.name, 'checkin', next())}`,
          weekOf: '2026-06-01',
        },
      )
      pair.checkInId = submitted.submitCheckIn.id
      await mentee(`mutation($input: EditCheckInInput!) { editCheckIn(input: $input) { id } }`, {
        checkInId: pair.checkInId,
        markdown: marker(pair.name, 'edit', next()),
      })
      await mentor(`mutation($input: ReplyToCheckInInput!) { replyToCheckIn(input: $input) { id } }`, {
        checkInId: pair.checkInId,
        markdown: marker(pair.name, 'reply', next()),
      })
      await mentee(`mutation($input: PauseMentorshipInput!) { pauseMentorship(input: $input) { id } }`, {
        mentorshipId: pair.id,
        reason: marker(pair.name, 'leave', next()),
      })
      await server.gql(
        `mutation($input: TransitionMentorshipInput!) { transitionMentorship(input: $input) { id } }`,
        { input: { mentorshipId: pair.id, to: 'MONTHLY', reason: marker(pair.name, 'transition', next()) } },
        admin,
      )
      await reset(pair)
      pair.questionId = await ask(pair, 'mentee')
      await mentor(`mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id } }`, {
        questionId: pair.questionId,
        body: marker(pair.name, 'answer', next()),
      })
      // Open both ways: each member's queue holds one.
      await ask(pair, 'mentee')
      await ask(pair, 'mentor')
      const recorded = await mentor(
        `mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }`,
        {
          mentorshipId: pair.id,
          title: marker(pair.name, 'dtitle', next()),
          context: marker(pair.name, 'dcontext', next()),
          decision: marker(pair.name, 'decision', next()),
          why: marker(pair.name, 'dwhy', next()),
        },
      )
      pair.decisionId = recorded.recordDecision.id
      const goals = await mentee(
        `mutation($input: CreateGoalSetInput!) { createGoalSet(input: $input) { id goals { id } } }`,
        {
          mentorshipId: pair.id,
          period: '2026-Q4',
          markdown: `## Q4 2026 Goals\n\n### Technical Skills\n- [ ] ${marker(pair.name, 'goal', next())}\n`,
          goals: [
            {
              category: 'Communication',
              text: marker(pair.name, 'goal', next()),
              readyWhen: marker(pair.name, 'ready', next()),
            },
          ],
        },
      )
      pair.goalSetId = goals.createGoalSet.id
      pair.goalId = goals.createGoalSet.goals[0].id
      await mentor(`mutation($input: RecordReviewInput!) { recordReview(input: $input) { id } }`, {
        mentorshipId: pair.id,
        summary: marker(pair.name, 'review', next()),
        goalChanges: [
          { goalId: pair.goalId, change: 'TOO_EASY', newText: marker(pair.name, 'goal', next()) },
        ],
      })
      const withQuestions = await mentee(
        `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
        {
          mentorshipId: pair.id,
          markdown: `## Week\n### Questions I Have\n- ${marker(pair.name, 'item', next())}\n`,
          weekOf: nextWeek(pair.name),
        },
      )
      pair.questionsCheckInId = withQuestions.submitCheckIn.id

      // Held: it started before the server's clock, so its outcome can be recorded.
      pair.callId = (await schedule(pair, PAST)).id
      await addItem(pair, pair.callId, 'mentor')
      await mentor(`mutation($input: RecordCallOutcomeInput!) { recordCallOutcome(input: $input) { id } }`, {
        callId: pair.callId,
        status: 'HELD',
        notes: `## Notes\n${marker(pair.name, 'notes', next())}`,
      })
      pair.cancelledCallId = (await schedule(pair)).id
      await addItem(pair, pair.cancelledCallId, 'mentee')
      await mentee(`mutation($input: CancelCallInput!) { cancelCall(input: $input) { id } }`, {
        callId: pair.cancelledCallId,
        reason: marker(pair.name, 'cancel', next()),
      })

      for (const [personId, key] of [
        [pair.mentorId, keys[pair.name].mentorKey],
        [pair.menteeId, keys[pair.name].menteeKey],
      ] as const) {
        const r = await server.gql(`{ calendarFeed }`, {}, bearer(key))
        if (r.errors) throw new Error(JSON.stringify(r.errors))
        issuedFeed(personId, r.data.calendarFeed)
      }
    }
  }

  /** A Monday no check-in of the pair has used yet (after its first week, before this one). */
  function nextWeek(pair: PairName) {
    const monday = new Date(Date.UTC(2026, 5, 8 + 7 * weeks[pair]++))
    return monday.toISOString().slice(0, 10)
  }

  /** Back to running and WEEKLY, as the admin, whatever a call before did; refusals are fine here. */
  async function reset(pair: Pair) {
    await server.gql(
      `mutation($input: ResumeMentorshipInput!) { resumeMentorship(input: $input) { id } }`,
      { input: { mentorshipId: pair.id } },
      admin,
    )
    await server.gql(
      `mutation($input: TransitionMentorshipInput!) { transitionMentorship(input: $input) { id } }`,
      { input: { mentorshipId: pair.id, to: 'WEEKLY', reason: marker(pair.name, 'reset', next()) } },
      admin,
    )
  }

  return {
    server,
    callers,
    pairs,
    emails,
    loners,
    adminId,
    gql,
    next,
    plant,
    reset,
    ask,
    schedule,
    addItem,
    library,
    feeds,
    issuedFeed,
    nextWeek,
    async spareKeyId() {
      return (await scoped(['EVENTS_READ'])).keyId
    },
    /** A webhook of its own for one cell to pause, resume or delete (never sent to: no lifecycle runs). */
    async spareWebhookId() {
      const r = await server.gql(
        `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }`,
        { input: { url: `https://hr.example.com/hooks/${next()}` } },
        admin,
      )
      if (r.errors) throw new Error(JSON.stringify(r.errors))
      return r.data.createWebhook.webhook.id as string
    },
    async close() {
      await server.close()
      await issuer.close()
      await stranger.close()
    },
  }
}
