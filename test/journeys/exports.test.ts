import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildProgram } from '../support/program.ts'
import { bearer, callerWith, startServer, type TestServer } from '../support/server.ts'
import { describeWithStores } from '../support/stores.ts'

/** An analytics pipeline pulls the weekly metrics as NDJSON or CSV, page by page, and only that. */
describeWithStores('journey: analytics pulls the weekly metrics as files', (kind) => {
  let server: TestServer
  let analytics: Record<string, string>
  let p: Awaited<ReturnType<typeof buildProgram>>

  beforeAll(async () => {
    server = await startServer(kind, { now: '2026-11-20T12:00:00Z' })
    p = await buildProgram(server)
    const as = callerWith(server)
    const { createApiKey } = await as(p.adminKey)(
      `mutation { createApiKey(input: {name: "analytics", scopes: [PROJECTIONS_READ]}) { apiKey } }`,
    )
    analytics = bearer(createApiKey.apiKey)
    // Three weeks with questions, asked a week apart: three rows.
    for (let week = 0; week < 3; week++) {
      await as(p.menteeKey)(`mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`, {
        input: {
          mentorshipId: p.mentorshipId,
          title: 'PRIVATE question title',
          urgency: 'CAN_WAIT',
          context: { goal: 'PRIVATE goal', tried: 'PRIVATE tried' },
        },
      })
      server.clock.set(server.clock.now().plus({ weeks: 1 }))
    }
  })
  afterAll(() => server?.close())

  const get = (path: string, headers: Record<string, string> = analytics) =>
    fetch(`${server.url}${path}`, { headers })

  it('NDJSON in key order, in pages that chain by Trellis-Next-After, with no text', async () => {
    const first = await get('/exports/metrics_weekly.ndjson?limit=2')
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
    const next = first.headers.get('trellis-next-after')
    expect(next).toBeTruthy()
    const rows = (await first.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    const rest = await get(`/exports/metrics_weekly.ndjson?after=${next}`)
    expect(rest.headers.get('trellis-next-after')).toBeNull()
    const all = [
      ...rows,
      ...(await rest.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ]
    const mine = all.filter((r) => r.mentorship_id === p.mentorshipId)
    expect(mine.map((r) => [r.week_of, r.questions_can_wait])).toEqual([
      ['2026-11-16', 1],
      ['2026-11-23', 1],
      ['2026-11-30', 1],
    ])
    expect(JSON.stringify(all)).not.toContain('PRIVATE')
  })

  it('CSV with a header line and CRLF', async () => {
    const response = await get('/exports/metrics_weekly.csv')
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = (await response.text()).split('\r\n')
    expect(lines[0]).toBe(
      'mentorship_id,week_of,check_in,submitted_at,first_reply_hours,questions_blocking,questions_this_week,questions_can_wait,answered_within_window,answered_late,goals_done,calls_held,calls_skipped',
    )
    expect(lines.filter((l) => l.startsWith(p.mentorshipId))).toHaveLength(3)
  })

  it('refuses a person’s key, no key, a bad cursor and an unknown export', async () => {
    expect((await get('/exports/metrics_weekly.ndjson', bearer(p.menteeKey))).status).toBe(403)
    expect((await get('/exports/metrics_weekly.ndjson', {})).status).toBe(401)
    const bad = await get('/exports/metrics_weekly.ndjson?after=not-a-cursor')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' })
    expect((await get('/exports/metrics_weekly.ndjson?limit=0')).status).toBe(400)
    expect((await get('/exports/people.ndjson')).status).toBe(404)
    expect((await get('/exports/check_ins.csv')).status).toBe(404)
  })
})
