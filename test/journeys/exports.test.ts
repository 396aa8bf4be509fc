import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { EXPORTS, type ExportName } from '../../services/metrics/exports.ts'
import { buildAnalyticsProgram } from '../support/analyticsProgram.ts'
import { parseCsv } from '../support/csv.ts'
import { bearer, startServer, type GqlResponse, type TestServer } from '../support/server.ts'
import { describeWithStores } from '../support/stores.ts'

type Row = Record<string, unknown>
const NAMES = Object.keys(EXPORTS) as ExportName[]

/**
 * An analytics pipeline pulls every exported read model, as NDJSON and CSV files and through the
 * `projection` query, page by page: it gets the tables' rows in key order, each once, and never a
 * word anyone typed.
 */
describeWithStores('journey: analytics pulls the projections as files and through GraphQL', (kind) => {
  let server: TestServer
  let program: Awaited<ReturnType<typeof buildAnalyticsProgram>>
  const pulled = new Map<ExportName, Row[]>()

  beforeAll(async () => {
    server = await startServer(kind, { now: '2026-11-25T12:00:00Z', lifecyclePollMs: 0 })
    await server.trellis.startLifecycle()
    program = await buildAnalyticsProgram(server)
  })
  afterAll(() => server?.close())

  const get = (path: string, headers: Record<string, string> = program.analytics) =>
    fetch(`${server.url}${path}`, { headers })

  /** The read model itself, whole, in key order: what every way of paging must add up to. */
  async function readModel(name: ExportName): Promise<Row[]> {
    const { columns, key, source } = EXPORTS[name]
    const db = server.trellis.deps.db
    let query = db.selectFrom(source(db).as('t')).select(columns.map((c) => `t.${c}`))
    for (const [column] of key) query = query.orderBy(sql.ref(`t.${column}`))
    const rows = await query.execute()
    return rows.map((r) =>
      Object.fromEntries(columns.map((c) => [c, r[c] instanceof Date ? r[c].toISOString() : r[c]])),
    )
  }

  const keyOf = (name: ExportName, row: Row) => JSON.stringify(EXPORTS[name].key.map(([c]) => row[c]))

  it('NDJSON: every table, one row a page, chained by Trellis-Next-After, equals the read model', async () => {
    for (const name of NAMES) {
      const rows: Row[] = []
      let after: string | null = null
      let pages = 0
      do {
        const response = await get(`/exports/${name}.ndjson?limit=1${after ? `&after=${after}` : ''}`)
        expect(response.status, name).toBe(200)
        expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
        const text = await response.text()
        expect(text.toLowerCase(), name).not.toContain(program.marker)
        rows.push(
          ...text
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as Row),
        )
        after = response.headers.get('trellis-next-after')
        pages++
      } while (after && pages < 100)
      const expected = await readModel(name)
      expect(expected.length, `${name} has rows`).toBeGreaterThan(1)
      expect(rows, name).toEqual(expected)
      expect(new Set(rows.map((r) => keyOf(name, r))).size, `${name} keys are unique`).toBe(rows.length)
      expect(
        rows.every((r) => Object.keys(r).join() === EXPORTS[name].columns.join()),
        name,
      ).toBe(true)
      pulled.set(name, rows)
    }
  })

  it('the rows say what happened, and the text stayed in the read models', async () => {
    const [a, b] = program.pairs.map((p) => p.mentorshipId)
    const mine = (name: ExportName, id = a) =>
      pulled.get(name)!.filter((r) => (name === 'mentorships' ? r.id : r.mentorship_id) === id)
    expect(
      mine('check_in_weeks').map((r) => [r.week_of, r.status, r.missed, r.first_reply_at !== null]),
    ).toEqual([
      ['2026-11-02', 'MISSED', true, false],
      ['2026-11-09', 'MISSED', true, false],
      ['2026-11-16', 'MISSED', true, false],
      ['2026-11-23', 'ON_TIME', false, true],
    ])
    expect(
      mine('questions')
        .map((r) => [r.urgency, r.status, r.within_window])
        .sort(),
    ).toEqual([
      ['BLOCKING', 'ANSWERED', true],
      ['CAN_WAIT', 'OPEN', null],
      ['THIS_WEEK', 'OPEN', null],
    ])
    expect(
      mine('calls')
        .map((r) => [r.status, r.skipped_by])
        .sort(),
    ).toEqual([
      ['HELD', null],
      ['SKIPPED', 'MENTEE'],
    ])
    const calls = await server.trellis.deps.db
      .selectFrom('calls')
      .select(['id', 'inconvenient_for'])
      .execute()
    for (const call of pulled.get('calls')!) {
      const raw = calls.find((c) => c.id === call.id)!.inconvenient_for as string[]
      expect([call.inconvenient_for_mentor, call.inconvenient_for_mentee]).toEqual([
        raw.includes('MENTOR'),
        raw.includes('MENTEE'),
      ])
    }
    expect(
      mine('goals')
        .map((r) => [r.period, r.done, r.has_evidence])
        .sort(),
    ).toEqual([
      ['2026-Q4', false, false],
      ['2026-Q4', false, false],
      ['2026-Q4', false, false],
      ['2026-Q4', true, true],
    ])
    expect(mine('reviews')).toHaveLength(1)
    expect(mine('health_signals').map((r) => r.kind)).toContain('STOPPED_SUBMITTING')
    expect(mine('mentorships', b)[0]).toMatchObject({
      paused: true,
      paused_until: '2026-12-31',
      phase: 'WEEKLY',
    })
    expect(mine('metrics_weekly').find((r) => r.week_of === '2026-11-23')).toMatchObject({
      check_in: 'ON_TIME',
      questions_blocking: 1,
      calls_held: 1,
      calls_skipped: 1,
    })
    // The control: the marker is in the read models, so its absence from the exports means something.
    const titles = await server.trellis.deps.db.selectFrom('questions').select('title').execute()
    expect(titles.some((t) => String(t.title).includes(program.marker))).toBe(true)
  })

  it('CSV: a header of the columns, RFC 4180 quoting, CRLF, the same rows as NDJSON', async () => {
    for (const name of NAMES) {
      const response = await get(`/exports/${name}.csv?limit=2`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/)
      const text = await response.text()
      expect(text.toLowerCase()).not.toContain(program.marker)
      expect(text.endsWith('\r\n')).toBe(true)
      const [header, ...rows] = parseCsv(text)
      expect(header, name).toEqual(EXPORTS[name].columns)
      const asText = (v: unknown) => (v === null ? '' : String(v))
      expect(rows, name).toEqual(
        pulled
          .get(name)!
          .slice(0, 2)
          .map((r) => header!.map((c) => asText(r[c]))),
      )
    }
    // A health signal's explanation lists weeks with commas: the cell is quoted, and reads back whole.
    const signals = await (await get('/exports/health_signals.csv')).text()
    expect(signals).toMatch(/,"[^"]*weeks of 2026-11-02, 2026-11-09 and 2026-11-16\)"\r\n/)
  })

  it('GraphQL: projection pages (first: 2) chain by nextAfter to the same rows', async () => {
    for (const name of NAMES) {
      const rows: Row[] = []
      let after: string | null = null
      let pages = 0
      do {
        const r: GqlResponse<any> = await server.gql(
          `query($name: ProjectionName!, $after: String) {
            projection(name: $name, after: $after, first: 2) { columns rows nextAfter } }`,
          { name: name.toUpperCase(), after },
          program.analytics,
        )
        expect(r.errors, name).toBeUndefined()
        expect(JSON.stringify(r.data).toLowerCase()).not.toContain(program.marker)
        expect(r.data.projection.columns).toEqual(EXPORTS[name].columns)
        rows.push(...r.data.projection.rows)
        after = r.data.projection.nextAfter
        pages++
      } while (after && pages < 100)
      expect(rows, name).toEqual(pulled.get(name))
    }
  })

  it('a cursor from one way of paging continues the other', async () => {
    const first = await get('/exports/questions.ndjson?limit=2')
    const after = first.headers.get('trellis-next-after')
    const r = await server.gql(
      `query($after: String) { projection(name: QUESTIONS, after: $after, first: 2) { rows } }`,
      { after },
      program.analytics,
    )
    expect(r.data.projection.rows).toEqual(pulled.get('questions')!.slice(2, 4))
  })

  it('HTTP refusals: no key 401, a person or HR key 403, bad cursor or limit 400 naming it, unknown 404', async () => {
    const [p] = program.pairs
    const { createApiKey } = (
      await server.gql(
        `mutation { createApiKey(input: {name: "HR", scopes: [EVENTS_READ]}) { apiKey } }`,
        {},
        bearer(p!.adminKey),
      )
    ).data
    expect((await get('/exports/questions.ndjson', {})).status).toBe(401)
    expect((await get('/exports/questions.ndjson', bearer(p!.menteeKey))).status).toBe(403)
    expect((await get('/exports/questions.csv', bearer(createApiKey.apiKey))).status).toBe(403)
    expect((await get('/exports/questions.ndjson', bearer(p!.adminKey))).status).toBe(200)

    const fromMentorships = (await get('/exports/mentorships.ndjson?limit=1')).headers.get(
      'trellis-next-after',
    )!
    const forged = (values: string[]) => Buffer.from(JSON.stringify(values)).toString('base64url')
    for (const [query, field] of [
      ['after=not-a-cursor', 'after'],
      [`after=${fromMentorships}`, 'after'],
      [
        `after=${forged(['questions', '2026-13-45T00:00:00.000000Z', program.pairs[0]!.mentorshipId])}`,
        'after',
      ],
      [`after=${forged(['questions', '2026-11-25T12:00:00.000000Z', 'x'])}`, 'after'],
      [`after=${forged(['questions', '2026-11-25T12:00:00.000Z', program.pairs[0]!.mentorshipId])}`, 'after'],
      ['limit=0', 'limit'],
      ['limit=50001', 'limit'],
      ['limit=ten', 'limit'],
    ]) {
      const bad = await get(`/exports/questions.ndjson?${query}`)
      expect(bad.status, query).toBe(400)
      const { extensions } = ((await bad.json()) as { errors: Array<{ extensions: Row }> }).errors[0]!
      expect(extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field }] })
    }
    for (const path of [
      'people.ndjson',
      'check_ins.csv',
      'search_documents.ndjson',
      'questions.json',
      'api_keys.csv',
    ])
      expect((await get(`/exports/${path}`)).status, path).toBe(404)
  })

  it('GraphQL refusals: no key UNAUTHENTICATED, a person FORBIDDEN, bad name, cursor or first BAD_USER_INPUT', async () => {
    const ask = (variables: Row, headers: Record<string, string> = program.analytics) =>
      server.gql(
        `query($name: ProjectionName!, $after: String, $first: Int) {
          projection(name: $name, after: $after, first: $first) { rows } }`,
        variables,
        headers,
      )
    const codeOf = (r: Awaited<ReturnType<typeof ask>>) => r.errors?.[0]?.extensions.code
    expect(codeOf(await ask({ name: 'CALLS' }, {}))).toBe('UNAUTHENTICATED')
    expect(codeOf(await ask({ name: 'CALLS' }, bearer(program.pairs[0]!.mentorKey)))).toBe('FORBIDDEN')
    expect((await ask({ name: 'CALLS' }, bearer(program.pairs[0]!.adminKey))).errors).toBeUndefined()
    for (const [variables, field] of [
      [{ name: 'PEOPLE' }, 'name'],
      [{ name: 'CALLS', after: 'nope' }, 'after'],
      [{ name: 'CALLS', first: 0 }, 'first'],
      [{ name: 'CALLS', first: 10_001 }, 'first'],
    ] as const) {
      const r = await ask(variables)
      expect(r.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field }],
      })
    }
  })
})
