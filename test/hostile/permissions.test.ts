import type { Client } from 'graphql-ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEEPEST, documentFor, operations, type SchemaOperation } from '../support/schemaOperations.ts'
import type { GqlResponse } from '../support/server.ts'
import { askFor, policy, type Ask, type Outcome, type Target } from './policy.ts'
import { leaks, feedProblems, pairsReadBy } from './privacy.ts'
import { endingCodes, responseProblems, settle, subscribe, type Subscription, wsClient } from './responses.ts'
import { buildWorld, feedSecret, type Caller, type World } from './world.ts'

/**
 * The permission matrix: every operation of the schema × every kind of caller × each pair's ids,
 * over real HTTP and WebSocket, against the declared policy (policy.ts). Every answer is also
 * searched for text its caller may not read: the pairs' marked check-ins, edits, replies and
 * leave reasons, people's emails, API keys — in fields, errors, the feed and the live feed.
 */
describe('hostile: every operation × every caller, as the policy declares', () => {
  let world: World
  const clients: Client[] = []
  const live: Array<{ op: SchemaOperation; caller: Caller; target: Target; sub: Subscription }> = []
  let cells = 0

  beforeAll(async () => {
    world = await buildWorld()
    // Live subscribers first, so the pairs' text is written while they listen.
    for (const caller of world.callers) {
      const client = wsClient(world.server.url, caller.headers)
      clients.push(client)
      for (const op of operations.filter((o) => o.kind === 'subscription')) {
        for (const target of policy[op.key]?.targets ?? []) {
          const variables = await policy[op.key]!.variables(world, pairOf(target))
          const query = documentFor(op, { depth: DEEPEST, args: Object.keys(variables) })
          live.push({ op, caller, target, sub: subscribe(client, query, variables) })
        }
      }
    }
    await new Promise((r) => setTimeout(r, 500))
    await world.plant()
  })
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()))
    await world?.close()
    console.log(`permission matrix: ${cells} cells (operation × caller × ownership)`)
  })

  const pairOf = (target: Target) => (target === '-' ? null : world.pairs[target])

  it('classifies every operation the schema declares, and only those', () => {
    const keys = operations.map((o) => o.key)
    expect(
      keys.filter((k) => !(k in policy)),
      'operations without a policy entry',
    ).toEqual([])
    expect(
      Object.keys(policy).filter((k) => !keys.includes(k)),
      'policy entries without an operation',
    ).toEqual([])
  })

  for (const op of operations.filter((o) => o.kind !== 'subscription')) {
    it(`${op.key}: each caller gets what the policy says, and no text it may not read`, async () => {
      const rules = policy[op.key]
      if (!rules) throw new Error(`${op.key} has no entry in test/hostile/policy.ts: classify it`)
      const problems: string[] = []
      for (const target of rules.targets) {
        for (const caller of world.callers) {
          const ask = askFor(caller, pairOf(target))
          const variables = await rules.variables(world, ask.pair)
          const query = documentFor(op, { depth: DEEPEST, args: Object.keys(variables) })
          const r = await world.server.gql(query, variables, caller.headers)
          if (caller.access === 'refused') spaceOutFailures(world)
          cells++
          const where = `${caller.name} on ${target === '-' ? 'no pair' : `pair ${target}`}`
          const expected = rules.expect(ask)
          const got = outcomeOf(r, op.field)
          if (got !== expected) problems.push(`${where}: expected ${expected}, got ${got} ${firstMessage(r)}`)
          if (caller.access === 'refused' && r.status !== 401)
            problems.push(`${where}: HTTP ${r.status}, not 401`)
          const answer = JSON.stringify(r)
          for (const p of responseProblems(r)) problems.push(`${where}: ${p}`)
          for (const leak of leaks(world, caller, answer, JSON.stringify(variables))) {
            problems.push(`${where}: leaked ${leak}`)
          }
          if (expected === 'data' && rules.text?.includes(target)) {
            for (const pair of pairsReadBy(world, caller, ask.pair)) {
              if (!answer.includes(`PRIVATE-${pair}-`))
                problems.push(`${where}: the pair's own text is missing`)
            }
          }
          if (got === 'data')
            problems.push(...((await checks[op.key]?.(ask, r, world)) ?? []).map((p) => `${where}: ${p}`))
        }
      }
      for (const pair of Object.values(world.pairs)) await world.reset(pair)
      expect(problems).toEqual([])
    })
  }

  it('Subscription fields over WebSocket: each caller as the policy says, no text it may not read', async () => {
    await new Promise((r) => setTimeout(r, 1000)) // the last matrix writes reach the live feed
    const problems: string[] = []
    for (const { op, caller, target, sub } of live) {
      cells++
      const where = `${op.key}: ${caller.name} on ${target === '-' ? 'no pair' : `pair ${target}`}`
      await settle(sub, 0)
      const ask = askFor(caller, pairOf(target))
      const expected = policy[op.key]!.expect(ask)
      const codes = endingCodes(sub.ended)
      const got =
        codes[0] === undefined
          ? 'data'
          : codes[0] === 'close:4401:UNAUTHENTICATED'
            ? 'UNAUTHENTICATED'
            : codes[0]
      if (got !== expected) problems.push(`${where}: expected ${expected}, got ${got}`)
      const received = JSON.stringify(sub.received)
      for (const leak of leaks(world, caller, received, '')) problems.push(`${where}: leaked ${leak}`)
      if (expected === 'data' && policy[op.key]!.text?.includes(target)) {
        for (const pair of pairsReadBy(world, caller, ask.pair)) {
          if (!received.includes(`PRIVATE-${pair}-`))
            problems.push(`${where}: the pair's own text never arrived`)
        }
      }
      const events = sub.received.map((v) => (v as { data?: Record<string, unknown> }).data?.[op.field])
      for (const p of feedProblems(world, ask, events as never)) problems.push(`${where}: ${p}`)
      sub.stop()
    }
    expect(problems).toEqual([])
  })

  /** Checks beyond the outcome, for operations whose answers count or list what a caller may see. */
  const checks: Record<string, (ask: Ask, r: GqlResponse<any>, world: World) => Promise<string[]>> = {
    async 'Query.mentorships'(ask, r, w) {
      const seen = r.data.mentorships.totalCount as number
      const all = (await w.gql(`{ mentorships { totalCount } }`)).mentorships.totalCount as number
      const own = Object.values(w.pairs).filter((p) => askFor(ask.caller, p).member).length
      const expected = ask.caller.access === 'admin' || ask.caller.access === 'projections' ? all : own
      return seen === expected ? [] : [`totalCount ${seen}, expected ${expected}`]
    },
    async 'Query.call'(ask, r) {
      const call = r.data.call as {
        joinUrl: string | null
        notes: string | null
        agenda: Array<{ text: string | null; source: string }>
      }
      const texts = [call.joinUrl, call.notes, ...call.agenda.map((i) => i.text)]
      if (!ask.member)
        return texts.some((t) => t !== null) ? ['the link, notes or agenda text shown outside the pair'] : []
      return call.joinUrl && call.notes && call.agenda.some((i) => i.source === 'MEMBER' && i.text)
        ? []
        : ['the link, notes or a member’s agenda item missing for a member']
    },
    async 'Query.calendarFeed'(ask, r, w) {
      return feedChecks(w, ask, r.data.calendarFeed, false)
    },
    async 'Mutation.rotateCalendarFeed'(ask, r, w) {
      return feedChecks(w, ask, r.data.rotateCalendarFeed, true)
    },
    async 'Query.events'(ask, r, w) {
      return feedProblems(
        w,
        ask,
        r.data.events.edges.map((e: { node: unknown }) => e.node),
      )
    },
  }
})

/**
 * A feed URL handed to a caller acting for a person: the same until rotated, a new one on rotating;
 * noted as theirs, so privacy.ts finds it in any answer to anyone else.
 */
function feedChecks(world: World, ask: Ask, url: string, rotated: boolean): string[] {
  const personId = ask.caller.personId!
  const secret = feedSecret(url)
  const problems: string[] = []
  if (secret === url) problems.push(`${url} is not a calendar feed URL`)
  const before = world.feeds.current.get(personId)
  if (!rotated && before && secret !== before) problems.push('a different feed URL than before, unrotated')
  if (rotated && [...world.feeds.issued.values()].some((s) => s.has(secret)))
    problems.push('rotating gave a URL handed out before')
  world.issuedFeed(personId, url)
  return problems
}

/** The failure throttle counts refused credentials per address: space them past its window. */
function spaceOutFailures(world: World) {
  world.server.clock.set(world.server.clock.now().plus({ seconds: 10 }))
}

function outcomeOf(r: GqlResponse<any>, field: string): Outcome {
  const error = r.errors?.[0]
  if (error) {
    const code = error.extensions.code
    return (code === 'CONFLICT' ? `CONFLICT:${error.extensions.reason}` : code) as Outcome
  }
  return r.data?.[field] === null ? 'null' : 'data'
}

function firstMessage(r: GqlResponse<unknown>) {
  const error = r.errors?.[0]
  return error ? `(${error.extensions.reason ?? ''}: ${error.message.slice(0, 120)})` : ''
}
