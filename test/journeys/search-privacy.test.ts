import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { bearer, startServer, type GqlResponse, type TestServer } from '../support/server.ts'
import { describeWithStores } from '../support/stores.ts'

/**
 * Search reads only what its caller may read (PRODUCT §4, §8): a pair's writing for its members
 * (and a tool acting for one), the resource library for everyone who may read, nothing for the
 * event feed. No other pair's text shapes a hit, a title, a snippet or a count; any query string is
 * data or a BAD_USER_INPUT naming `query`; ranking weighs titles and snippets are plain text.
 */

type Program = Awaited<ReturnType<typeof buildProgram>>
type Headers = Record<string, string>
type DocType = 'CHECK_IN' | 'REPLY' | 'QUESTION' | 'ANSWER' | 'DECISION' | 'RESOURCE'
interface Hit {
  type: DocType
  id: string
  title: string
  snippet: string
  mentorshipId: string | null
}

const COMMON = 'zebracorn'
const PAIR_TYPES: DocType[] = ['CHECK_IN', 'REPLY', 'QUESTION', 'ANSWER', 'DECISION']
const ALL_TYPES: DocType[] = [...PAIR_TYPES, 'RESOURCE']
const HIT = 'type id title snippet mentorshipId'

const SEARCH = `query($query: String!, $first: Int, $types: [SearchHitType!], $mentorshipId: ID, $from: DateTime, $to: DateTime) {
  search(query: $query, first: $first, types: $types, mentorshipId: $mentorshipId, from: $from, to: $to) { ${HIT} } }`
const SUGGEST = `query($mentorshipId: ID!, $text: String!, $first: Int) {
  suggestAnswers(mentorshipId: $mentorshipId, text: $text, first: $first) { ${HIT} } }`

/** The ids of one pair's five documents, by type. */
type PairDocs = Record<Exclude<DocType, 'RESOURCE'>, string>

type Caller =
  | 'mentor A'
  | 'mentee A'
  | 'mentee B'
  | 'a tool acting for mentee A'
  | 'a tool acting for nobody'
  | 'the admin'
  | 'a projections:read key'
  | 'an events:read key'

const marker = (pair: 'A' | 'B') => `pair${pair}secret`

async function must<T = any>(r: Promise<GqlResponse<T>>): Promise<T> {
  const response = await r
  if (response.errors) throw new Error(JSON.stringify(response.errors))
  return response.data
}

/** One of every searchable pair document, each holding the common word and the pair's marker. */
async function writePairDocuments(server: TestServer, p: Program, secret: string): Promise<PairDocs> {
  const mentee = bearer(p.menteeKey)
  const mentor = bearer(p.mentorKey)
  const checkIn = await must(
    server.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          weekOf: '2026-11-16',
          markdown: CHECK_IN.replace(
            '- Fixed the flaky date-picker test',
            `- Fixed the flaky date-picker test\n- Tamed the ${COMMON} parser (${secret})`,
          ),
        },
      },
      mentee,
    ),
  )
  const reply = await must(
    server.gql(
      `mutation($input: ReplyToCheckInInput!) { replyToCheckIn(input: $input) { id } }`,
      {
        input: {
          checkInId: checkIn.submitCheckIn.id,
          markdown: `Great work on the ${COMMON} parser. Noted: ${secret}.`,
        },
      },
      mentor,
    ),
  )
  const question = await must(
    server.gql(
      `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          title: 'Parser performance',
          urgency: 'THIS_WEEK',
          context: { goal: `Make the ${COMMON} parser fast (${secret})`, tried: `Profiling it, ${secret}` },
        },
      },
      mentee,
    ),
  )
  const answer = await must(
    server.gql(
      `mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id answers { id } } }`,
      {
        input: {
          questionId: question.askQuestion.id,
          body: `Cache the ${COMMON} tokens between runs; ${secret} stays between us.`,
        },
      },
      mentor,
    ),
  )
  const decision = await must(
    server.gql(
      `mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          title: `Adopt the ${COMMON} cache`,
          context: `The parser was slow (${secret}).`,
          decision: `Cache ${COMMON} tokens.`,
          why: `Profiling showed it, ${secret}.`,
        },
      },
      mentee,
    ),
  )
  return {
    CHECK_IN: checkIn.submitCheckIn.id,
    REPLY: reply.replyToCheckIn.id,
    QUESTION: question.askQuestion.id,
    ANSWER: answer.answerQuestion.answers.at(-1).id,
    DECISION: decision.recordDecision.id,
  }
}

describeWithStores('journey: search reads only what its caller may read', (kind) => {
  let server: TestServer
  let a: Program
  let b: Program
  let docsA: PairDocs
  let docsB: PairDocs
  let resourceId: string
  const callers = {} as Record<Caller, Headers>

  const search = (headers: Headers, variables: Record<string, unknown>) =>
    server.gql(SEARCH, variables, headers)
  const createKey = async (scopes: string[]) =>
    (
      await must(
        server.gql(
          `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey } }`,
          { input: { name: `search ${scopes.join(',')}`, scopes } },
          bearer(a.adminKey),
        ),
      )
    ).createApiKey.apiKey as string

  beforeAll(async () => {
    server = await startServer(kind)
    a = await buildProgram(server)
    b = await buildProgram(server)
    docsA = await writePairDocuments(server, a, marker('A'))
    docsB = await writePairDocuments(server, b, marker('B'))
    const resource = await must(
      server.gql(
        `mutation($input: AddResourceInput!) { addResource(input: $input) { id } }`,
        {
          input: {
            title: `The ${COMMON} handbook`,
            body: `Everything about the ${COMMON} parser.`,
            kind: 'ARTICLE',
            tags: ['parsing'],
          },
        },
        bearer(a.adminKey),
      ),
    )
    resourceId = resource.addResource.id
    const tool = await createKey(['TOOL'])
    callers['mentor A'] = bearer(a.mentorKey)
    callers['mentee A'] = bearer(a.menteeKey)
    callers['mentee B'] = bearer(b.menteeKey)
    callers['a tool acting for mentee A'] = bearer(tool, a.menteeId)
    callers['a tool acting for nobody'] = bearer(tool)
    callers['the admin'] = bearer(a.adminKey)
    callers['a projections:read key'] = bearer(await createKey(['PROJECTIONS_READ']))
    callers['an events:read key'] = bearer(await createKey(['EVENTS_READ']))
  })
  afterAll(() => server?.close())

  const ids = (hits: Hit[]) => hits.map((h) => `${h.type}:${h.id}`).sort()
  const pairIds = (docs: PairDocs, types: DocType[] = ALL_TYPES) =>
    types.flatMap((t) => (t === 'RESOURCE' ? [`RESOURCE:${resourceId}`] : [`${t}:${docs[t]}`])).sort()

  /** What each caller may find: which pair (if any), and whose marker must never reach it. */
  const expectations = () =>
    [
      { caller: 'mentor A', own: docsA, pair: a, other: { docs: docsB, pair: b, marker: marker('B') } },
      { caller: 'mentee A', own: docsA, pair: a, other: { docs: docsB, pair: b, marker: marker('B') } },
      {
        caller: 'a tool acting for mentee A',
        own: docsA,
        pair: a,
        other: { docs: docsB, pair: b, marker: marker('B') },
      },
      { caller: 'mentee B', own: docsB, pair: b, other: { docs: docsA, pair: a, marker: marker('A') } },
      { caller: 'the admin', own: null, pair: null, other: null },
      { caller: 'a projections:read key', own: null, pair: null, other: null },
      { caller: 'a tool acting for nobody', own: null, pair: null, other: null },
    ] as const

  /** Nothing of a pair the caller is not in: no marker, no id, whatever field carries it. */
  function expectNothingOf(text: string, pair: Program, docs: PairDocs, secret: string) {
    const lower = text.toLowerCase()
    expect(lower).not.toContain(secret.toLowerCase())
    expect(text).not.toContain(pair.mentorshipId)
    for (const id of Object.values(docs)) expect(text).not.toContain(id)
  }

  it('a pair member (or a tool acting for one) finds the pair’s five documents and the library; admin, analytics and a tool for nobody find only the library', async () => {
    for (const e of expectations()) {
      const r = await search(callers[e.caller], { query: COMMON })
      expect(r.errors, e.caller).toBeUndefined()
      const hits: Hit[] = r.data.search
      expect(ids(hits), e.caller).toEqual(e.own ? pairIds(e.own) : [`RESOURCE:${resourceId}`])
      for (const h of hits) {
        expect(h.mentorshipId, e.caller).toBe(h.type === 'RESOURCE' ? null : e.pair!.mentorshipId)
      }
      if (e.other) expectNothingOf(JSON.stringify(r), e.other.pair, e.other.docs, e.other.marker)
      else {
        expectNothingOf(JSON.stringify(r), a, docsA, marker('A'))
        expectNothingOf(JSON.stringify(r), b, docsB, marker('B'))
      }
    }
  })

  it('filtered by each type, every caller finds exactly its readable document of that type and no other pair’s', async () => {
    for (const e of expectations()) {
      for (const type of ALL_TYPES) {
        const r = await search(callers[e.caller], { query: COMMON, types: [type] })
        expect(r.errors, `${e.caller} ${type}`).toBeUndefined()
        const expected =
          type === 'RESOURCE' ? [`RESOURCE:${resourceId}`] : e.own ? [`${type}:${e.own[type]}`] : []
        expect(ids(r.data.search), `${e.caller} ${type}`).toEqual(expected)
        if (e.other) expectNothingOf(JSON.stringify(r), e.other.pair, e.other.docs, e.other.marker)
      }
    }
  })

  it('several types at once are the union of those types, within what the caller may read', async () => {
    const r = await search(callers['mentee A'], { query: COMMON, types: ['ANSWER', 'RESOURCE', 'REPLY'] })
    expect(ids(r.data.search)).toEqual(pairIds(docsA, ['ANSWER', 'RESOURCE', 'REPLY']))
  })

  it('Trellis-Acting-As widens nothing but a tool: a person or analytics key naming another person reads as before', async () => {
    const library = [`RESOURCE:${resourceId}`]
    const cases: Array<[string, Headers, string[]]> = [
      ['mentee A naming mentee B', bearer(a.menteeKey, b.menteeId), pairIds(docsA)],
      ['mentor A naming mentor B', bearer(a.mentorKey, b.mentorId), pairIds(docsA)],
      ['admin naming mentee B', bearer(a.adminKey, b.menteeId), library],
      [
        'projections:read naming mentee B',
        { ...callers['a projections:read key'], 'trellis-acting-as': b.menteeId },
        library,
      ],
      [
        'a tool acting for a person in no pair',
        {
          ...callers['a tool acting for nobody'],
          'trellis-acting-as': '00000000-0000-4000-8000-000000000000',
        },
        library,
      ],
      [
        'a tool acting for mentee A, id in upper case',
        { ...callers['a tool acting for nobody'], 'trellis-acting-as': a.menteeId.toUpperCase() },
        pairIds(docsA),
      ],
    ]
    for (const [name, headers, expected] of cases) {
      const r = await search(headers, { query: COMMON })
      expect(r.errors, name).toBeUndefined()
      expect(ids(r.data.search), name).toEqual(expected)
      expectNothingOf(JSON.stringify(r), b, docsB, marker('B'))
    }
    const hr = await search(
      { ...callers['an events:read key'], 'trellis-acting-as': a.menteeId },
      { query: COMMON },
    )
    expect(hr.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN'])
  })

  it('an events:read key may not search at all: FORBIDDEN, with no data', async () => {
    for (const variables of [
      { query: COMMON },
      { query: marker('A') },
      { query: COMMON, types: ['RESOURCE'] },
    ]) {
      const r = await search(callers['an events:read key'], variables)
      expect(r.status).toBeLessThan(500)
      expect(r.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN'])
      expect(r.data).toBeNull()
      expect(JSON.stringify(r)).not.toContain(COMMON)
    }
  })

  it('searching for another pair’s marker finds nothing: no leak through hits, snippets or counts', async () => {
    for (const e of expectations()) {
      const secrets = e.other ? [e.other.marker] : [marker('A'), marker('B')]
      for (const secret of secrets) {
        for (const query of [secret, `${COMMON} ${secret}`, `"${secret}"`, `${secret} or nothingelse`]) {
          const r = await search(callers[e.caller], { query, first: 50 })
          expect(r.errors, `${e.caller}: ${query}`).toBeUndefined()
          expect(r.data.search, `${e.caller}: ${query}`).toEqual([])
        }
      }
    }
    // Each pair finds its own marker: the empty answers above are privacy, not a broken index.
    const own = await search(callers['mentee A'], { query: marker('A') })
    expect(ids(own.data.search)).toEqual(pairIds(docsA, PAIR_TYPES))
    const ownB = await search(callers['mentee B'], { query: marker('B') })
    expect(ids(ownB.data.search)).toEqual(pairIds(docsB, PAIR_TYPES))
  })

  it('excluding the common word (`-zebracorn`) or or-ing with the other pair’s marker never surfaces the other pair', async () => {
    const r = await search(callers['mentee A'], { query: `${marker('B')} or parser`, first: 50 })
    expect(r.errors).toBeUndefined()
    expectNothingOf(JSON.stringify(r), b, docsB, marker('B'))
    for (const h of r.data.search as Hit[]) expect([a.mentorshipId, null]).toContain(h.mentorshipId)
    const minus = await search(callers['mentee A'], { query: `parser -${COMMON}`, first: 50 })
    expect(minus.errors).toBeUndefined()
    expectNothingOf(JSON.stringify(minus), b, docsB, marker('B'))
  })

  it('the mentorshipId filter naming another pair finds nothing; naming one’s own pair finds its five documents', async () => {
    for (const e of expectations()) {
      const others = e.other ? [e.other.pair] : [a, b]
      for (const other of others) {
        const r = await search(callers[e.caller], { query: COMMON, mentorshipId: other.mentorshipId })
        expect(r.errors, e.caller).toBeUndefined()
        expect(r.data.search, e.caller).toEqual([])
      }
      if (e.own) {
        const r = await search(callers[e.caller], { query: COMMON, mentorshipId: e.pair!.mentorshipId })
        expect(ids(r.data.search), e.caller).toEqual(pairIds(e.own, PAIR_TYPES))
      }
    }
    const random = await search(callers['mentee A'], {
      query: COMMON,
      mentorshipId: '00000000-0000-4000-8000-000000000000',
    })
    expect(random.data.search).toEqual([])
  })

  it('suggestAnswers offers a member only answers, decisions and resources of their own pair or the library', async () => {
    const r = await server.gql(
      SUGGEST,
      { mentorshipId: a.mentorshipId, text: `How should I cache the ${COMMON} tokens?`, first: 50 },
      callers['mentee A'],
    )
    expect(r.errors).toBeUndefined()
    const hits: Hit[] = r.data.suggestAnswers
    for (const h of hits) {
      expect(['ANSWER', 'DECISION', 'RESOURCE']).toContain(h.type)
      expect(h.mentorshipId).toBe(h.type === 'RESOURCE' ? null : a.mentorshipId)
    }
    expect(ids(hits)).toEqual(expect.arrayContaining(pairIds(docsA, ['ANSWER', 'DECISION', 'RESOURCE'])))
    expectNothingOf(JSON.stringify(r), b, docsB, marker('B'))

    const tool = await server.gql(
      SUGGEST,
      { mentorshipId: a.mentorshipId, text: `${COMMON} ${marker('B')}` },
      callers['a tool acting for mentee A'],
    )
    expect(tool.errors).toBeUndefined()
    expectNothingOf(JSON.stringify(tool), b, docsB, marker('B'))
  })

  it('suggestAnswers for another pair’s mentorship is NOT_FOUND, revealing nothing', async () => {
    for (const caller of ['mentee A', 'mentor A', 'a tool acting for mentee A'] as const) {
      const r = await server.gql(
        SUGGEST,
        { mentorshipId: b.mentorshipId, text: `${COMMON} ${marker('B')}` },
        callers[caller],
      )
      expect(
        r.errors?.map((e) => e.extensions.code),
        caller,
      ).toEqual(['NOT_FOUND'])
      expect(r.data, caller).toBeNull()
      expectNothingOf(JSON.stringify(r.errors), b, { ...docsB }, marker('B'))
    }
  })

  it('suggestAnswers is for members only: a tool for nobody is BAD_USER_INPUT, an events:read key FORBIDDEN', async () => {
    const nobody = await server.gql(
      SUGGEST,
      { mentorshipId: a.mentorshipId, text: COMMON },
      callers['a tool acting for nobody'],
    )
    expect(nobody.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT')
    expect(nobody.data).toBeNull()
    for (const caller of ['an events:read key', 'a projections:read key', 'the admin'] as const) {
      const r = await server.gql(SUGGEST, { mentorshipId: a.mentorshipId, text: COMMON }, callers[caller])
      expect(r.errors?.[0]?.extensions.code, caller).toBe('FORBIDDEN')
      expect(r.data, caller).toBeNull()
    }
  })
})

/** Hostile pieces of web-search, tsquery and SQL syntax. */
const HOSTILE = [
  '"',
  "'",
  '&&',
  '||',
  '&',
  '|',
  '!',
  '!!',
  ':*',
  ':A',
  ':*AB',
  '<->',
  '<2>',
  '<-1>',
  '(',
  ')',
  '()',
  '\\',
  '\\\\',
  '--',
  '/*',
  '*/',
  ';',
  "' or 1=1 --",
  "'; drop table search_documents; --",
  '" or "',
  'or',
  'OR',
  '-',
  '- -',
  '-or',
  'or or or',
  '"or"',
  '""',
  '"-"',
  'a:b:c',
  'a:*:*',
  'zebracorn:*',
  '!zebracorn',
  'zebracorn & !x',
  '$1',
  '%s',
  '%',
  '_',
  '\u0000',
  '\uD800',
  '\uDC00x',
  '\u200B',
  '\u00A0',
  '\t\n\r',
  'the',
  'a an the of',
  '🦓',
  'ẞ',
  'İ',
  'x'.repeat(499),
  'z'.repeat(499),
  'é'.repeat(499),
  '🦓'.repeat(249),
]

const queryString = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary-ascii', maxLength: 600 }),
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...HOSTILE, 'zebracorn', 'parser', 'quokkafly'), fc.string()), {
        maxLength: 8,
      })
      .chain((parts) => fc.constantFrom(parts.join(' '), parts.join(''))),
  },
)

/**
 * Whether a search must refuse its text: blank, too long (500 characters for `query`, 8,000 for a
 * question being written, `text`), or not storable text.
 */
const refusable = (s: string, max = 500) =>
  s.trim() === '' || s.length > max || /[\u0000\uD800-\uDFFF]/u.test(s)
const maxOf = (field: string) => (field === 'text' ? 8000 : 500)

describeWithStores('journey: any query string is safe, and search filters hold', (kind) => {
  let server: TestServer
  let p: Program
  let member: Headers

  beforeAll(async () => {
    server = await startServer(kind)
    p = await buildProgram(server)
    member = bearer(p.menteeKey)
    // Readable documents, so hostile queries that match run the ranking and the headline too.
    await must(
      server.gql(
        `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
        {
          input: {
            mentorshipId: p.mentorshipId,
            weekOf: '2026-11-16',
            markdown: `${CHECK_IN}\nThe zebracorn parser: a:b:c, 1=1, "quoted", x${'x'.repeat(498)} and <-> (or) -not.`,
          },
        },
        member,
      ),
    )
    await must(
      server.gql(
        `mutation($input: AddResourceInput!) { addResource(input: $input) { id } }`,
        { input: { title: 'Parser notes', body: 'zebracorn parser & tokens | or !', kind: 'ARTICLE' } },
        bearer(p.adminKey),
      ),
    )
  })
  afterAll(() => server?.close())

  const search = (variables: Record<string, unknown>, headers = member) =>
    server.gql(SEARCH, variables, headers)
  const fieldsOf = (r: GqlResponse<unknown>) =>
    r.errors?.flatMap((e) => e.extensions.fields?.map((f) => f.field) ?? [])

  it('every query string is either a list of hits or BAD_USER_INPUT naming `query`: never an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        const answers = [
          ['query', await search({ query })],
          ['text', await server.gql(SUGGEST, { mentorshipId: p.mentorshipId, text: query }, member)],
        ] as const
        for (const [field, r] of answers) {
          expect(r.status, field).toBeLessThan(500)
          if (r.errors) {
            expect(
              r.errors.map((e) => e.extensions.code),
              field,
            ).toEqual(['BAD_USER_INPUT'])
            expect(fieldsOf(r)).toEqual([field])
            expect(refusable(query, maxOf(field)), field).toBe(true)
          } else {
            const hits = Object.values(r.data as Record<string, Hit[]>)[0] ?? []
            expect(Array.isArray(hits), field).toBe(true)
            expect(Object.keys(r.data as object), field).toHaveLength(1)
            expect(refusable(query, maxOf(field)), field).toBe(false)
            for (const h of hits) expect([null, p.mentorshipId]).toContain(h.mentorshipId)
          }
        }
      }),
      { numRuns: 150 },
    )
  })

  it('a blank query is BAD_USER_INPUT naming `query`; so is one of 501 characters, while 500 is data', async () => {
    for (const query of ['', ' ', '   \t\n ', '\u3000', 'a'.repeat(501), 'zebracorn '.repeat(51)]) {
      const r = await search({ query })
      expect(r.status).toBeLessThan(500)
      expect(
        r.errors?.map((e) => e.extensions.code),
        JSON.stringify(query),
      ).toEqual(['BAD_USER_INPUT'])
      expect(fieldsOf(r)).toEqual(['query'])
    }
    const longest = await search({ query: 'a'.repeat(500) })
    expect(longest.errors).toBeUndefined()
    expect(longest.data.search).toEqual([])
  })

  it('`first` must be between 1 and 50: 0, -1 and 51 are BAD_USER_INPUT naming `first`', async () => {
    for (const first of [0, -1, 51, 1000]) {
      const r = await search({ query: 'zebracorn', first })
      expect(
        r.errors?.map((e) => e.extensions.code),
        String(first),
      ).toEqual(['BAD_USER_INPUT'])
      expect(fieldsOf(r)).toEqual(['first'])
      const s = await server.gql(SUGGEST, { mentorshipId: p.mentorshipId, text: 'zebracorn', first }, member)
      expect(
        s.errors?.map((e) => e.extensions.code),
        String(first),
      ).toEqual(['BAD_USER_INPUT'])
      expect(fieldsOf(s)).toEqual(['first'])
    }
    const one = await search({ query: 'zebracorn', first: 1 })
    expect(one.data.search).toHaveLength(1)
    const fifty = await search({ query: 'zebracorn', first: 50 })
    expect(fifty.data.search).toHaveLength(2)
  })

  it('`from` excludes what was written before it and `to` what was written at or after it', async () => {
    const ask = async (title: string) =>
      (
        await must(
          server.gql(
            `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id askedAt } }`,
            {
              input: {
                mentorshipId: p.mentorshipId,
                title,
                urgency: 'CAN_WAIT',
                context: { goal: 'Understand the wombatique', tried: 'Reading about wombatique' },
              },
            },
            member,
          ),
        )
      ).askQuestion as { id: string; askedAt: string }
    const before = await ask('Earlier wombatique question')
    const start = server.clock.now()
    server.clock.set(start.plus({ days: 2 }))
    const after = await ask('Later wombatique question')
    const midpoint = start.plus({ days: 1 }).toUTC().toISO()
    const found = async (variables: Record<string, unknown>) => {
      const r = await search({ query: 'wombatique', ...variables })
      expect(r.errors).toBeUndefined()
      return (r.data.search as Hit[]).map((h) => h.id).sort()
    }
    expect(await found({})).toEqual([before.id, after.id].sort())
    expect(await found({ from: midpoint })).toEqual([after.id])
    expect(await found({ to: midpoint })).toEqual([before.id])
    expect(await found({ from: midpoint, to: midpoint })).toEqual([])
    expect(
      await found({
        from: start.minus({ days: 1 }).toUTC().toISO(),
        to: start.plus({ days: 3 }).toUTC().toISO(),
      }),
    ).toEqual([before.id, after.id].sort())
    expect(await found({ from: after.askedAt })).toEqual([after.id])
    expect(await found({ to: after.askedAt })).toEqual([before.id])
  })

  it('`from` and `to` outside the years 1 to 9999, or not instants, are BAD_USER_INPUT', async () => {
    for (const [field, value] of [
      ['from', 'yesterday'],
      ['to', '10000-01-01T00:00:00Z'],
      ['from', '0000-12-31T00:00:00Z'],
    ] as const) {
      const r = await search({ query: 'zebracorn', [field]: value })
      expect(r.status).toBeLessThan(500)
      expect(r.errors?.[0]?.extensions.code, `${field}=${value}`).toBe('BAD_USER_INPUT')
    }
  })
})

describeWithStores('journey: search ranks titles first and marks matches in plain-text snippets', (kind) => {
  let server: TestServer
  let p: Program
  let member: Headers
  let titled: string
  let bodied: string
  let scripted: string

  beforeAll(async () => {
    server = await startServer(kind)
    p = await buildProgram(server)
    member = bearer(p.menteeKey)
    // The titled one first: if ranking ignored titles, the newer one would win the tie.
    const decision = await must(
      server.gql(
        `mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }`,
        {
          input: {
            mentorshipId: p.mentorshipId,
            title: 'Quokkafly rollout',
            context: 'We needed a plan.',
            decision: 'Roll out slowly.',
            why: 'Less risk.',
          },
        },
        member,
      ),
    )
    titled = decision.recordDecision.id
    server.clock.set(server.clock.now().plus({ minutes: 5 }))
    const question = await must(
      server.gql(
        `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`,
        {
          input: {
            mentorshipId: p.mentorshipId,
            title: 'Deployment worries',
            body: 'I read the runbook twice and asked around about the staging cluster, the flags, the quokkafly toggle and the dashboards before writing.',
            urgency: 'CAN_WAIT',
            context: { goal: 'Deploy safely', tried: 'Reading the runbook' },
          },
        },
        member,
      ),
    )
    bodied = question.askQuestion.id
    const checkIn = await must(
      server.gql(
        `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
        {
          input: {
            mentorshipId: p.mentorshipId,
            weekOf: '2026-11-16',
            markdown: `${CHECK_IN}\nI typed <script>alert(1)</script> into the numbat form & saw 1 < 2 > 0 printed as text.`,
          },
        },
        member,
      ),
    )
    scripted = checkIn.submitCheckIn.id
  })
  afterAll(() => server?.close())

  const search = (query: string) => server.gql(SEARCH, { query }, member)

  it('a document with the word in its title ranks above one with it once in the body', async () => {
    const r = await search('quokkafly')
    expect(r.errors).toBeUndefined()
    expect((r.data.search as Hit[]).map((h) => h.id)).toEqual([titled, bodied])
    expect(r.data.search[0]).toMatchObject({ type: 'DECISION', title: 'Quokkafly rollout' })
  })

  it('the snippet marks the match «like this» in plain text with the surrounding words', async () => {
    const r = await search('quokkafly')
    const hit = (r.data.search as Hit[]).find((h) => h.id === bodied)!
    expect(hit.snippet).toContain('«quokkafly»')
    expect(hit.snippet).toMatch(/the «quokkafly» toggle/)
    expect(hit.snippet).not.toMatch(/<\/?b>/)
    for (const h of r.data.search as Hit[]) expect(h.snippet).not.toContain('<')
  })

  it('a check-in holding `<script>` comes back as text: the API adds no tag, only «» around matches', async () => {
    const r = await search('numbat')
    expect(r.errors).toBeUndefined()
    const hits: Hit[] = r.data.search
    expect(hits.map((h) => h.id)).toEqual([scripted])
    const snippet = hits[0]!.snippet
    expect(snippet).toContain('«numbat»')
    // Whatever angle brackets remain are the user's own characters, never markup of ours.
    expect(snippet).not.toMatch(/<\/?(b|em|mark|span|strong)\b/i)
    const source = `I typed <script>alert(1)</script> into the numbat form & saw 1 < 2 > 0 printed as text.`
    const words = (s: string) => s.replace(/[«»]/g, '').split(/\s+/).filter(Boolean)
    for (const word of words(snippet)) expect(source + CHECK_IN).toContain(word)
    expect(snippet).not.toContain('&amp;')
    expect(snippet).not.toContain('&lt;')
  })
})

describe('search-privacy helpers', () => {
  it('refusable matches the API’s own rules for a query', () => {
    expect(refusable('')).toBe(true)
    expect(refusable(' \n')).toBe(true)
    expect(refusable('a'.repeat(501))).toBe(true)
    expect(refusable('\uD800')).toBe(true)
    expect(refusable('🦓')).toBe(false)
    expect(refusable('a'.repeat(500))).toBe(false)
  })
})
