import { HTTP, type CloudEvent } from 'cloudevents'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifySignature } from '../../services/webhooks/signature.ts'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { bearer, callerWith, startServer, type TestServer } from '../support/server.ts'
import { describeWithStores } from '../support/stores.ts'
import { startReceiver, type Received } from '../support/webhookReceiver.ts'

const CREATE = `mutation($input: CreateWebhookInput!) {
  createWebhook(input: $input) { secret webhook { id url types status pending } }
}`
const DELIVERIES = `query($id: ID!, $status: WebhookDeliveryStatus, $after: String, $first: Int) {
  webhookDeliveries(webhookId: $id, status: $status, after: $after, first: $first) {
    deliveries { eventId position type mentorshipId status attempts lastStatusCode lastError nextAttemptAt deliveredAt failingSince }
    nextAfter
  }
}`
const WEBHOOK = `query($id: ID!) { webhook(id: $id) { id status pausedReason pending } }`

const MARK = 'PRIVATE-WEBHOOK-TEXT'

const parse = (r: Received) => HTTP.toEvent({ headers: r.headers, body: r.body }) as CloudEvent<any>

/** An HR system subscribes; events reach it signed, redacted, in order, and once. */
describeWithStores('journey: an HR system receives events by webhook', (kind) => {
  let server: TestServer
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let p: Awaited<ReturnType<typeof buildProgram>>
  let as: ReturnType<typeof callerWith>
  let hook: { id: string; secret: string }

  beforeAll(async () => {
    server = await startServer(kind, { now: '2026-11-20T12:00:00Z', config: { webhookAllowPrivate: true } })
    await server.trellis.startLifecycle()
    receiver = await startReceiver()
    p = await buildProgram(server)
    as = callerWith(server)
    const { createWebhook } = await as(p.adminKey)(CREATE, { input: { url: receiver.url } })
    hook = { id: createWebhook.webhook.id, secret: createWebhook.secret }
    expect(createWebhook.webhook).toMatchObject({
      url: receiver.url,
      types: null,
      status: 'ACTIVE',
      pending: 0,
    })
    expect(createWebhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
  })
  afterAll(async () => {
    await server?.close()
    await receiver?.close()
  })

  const submit = (key: string, mentorshipId: string, weekOf: string) =>
    as(key)(`mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`, {
      input: {
        mentorshipId,
        weekOf,
        markdown: CHECK_IN.replace('Fixed the flaky', `${MARK} fixed the flaky`),
      },
    })

  it('delivers each event after the webhook as a signed CloudEvent without the pair’s text', async () => {
    const { submitCheckIn } = await submit(p.menteeKey, p.mentorshipId, '2026-11-16')
    await as(p.mentorKey)(`mutation($input: ReplyToCheckInInput!) { replyToCheckIn(input: $input) { id } }`, {
      input: { checkInId: submitCheckIn.id, markdown: `${MARK} in the reply` },
    })
    await server.trellis.deliverWebhooks()
    const events = receiver.received.map(parse)
    const types = events.map((e) => e.type)
    expect(types).toContain('trellis.CheckInSubmitted')
    expect(types).toContain('trellis.ReplyWritten')
    // The admin's own acts (keys, the audit trail, the webhook itself) never leave.
    expect(types.filter((t) => /ApiKey|AdminAction|Webhook|Setup|CalendarFeed/.test(t))).toEqual([])
    for (const r of receiver.received) {
      expect(r.headers['content-type']).toMatch(/^application\/cloudevents\+json/)
      expect(verifySignature(hook.secret, r.headers as Record<string, string>, r.body)).toBe(true)
      expect(verifySignature(hook.secret, r.headers as Record<string, string>, r.body + ' ')).toBe(false)
      expect(r.body).not.toContain(MARK)
    }
    const submitted = events.find((e) => e.type === 'trellis.CheckInSubmitted')!
    expect(submitted).toMatchObject({
      specversion: '1.0',
      subject: p.mentorshipId,
      datacontenttype: 'application/json',
    })
    expect(submitted.data.markdown).toBeNull()
    expect(String(submitted.redacted).split(',')).toContain('markdown')
    expect(receiver.received.find((r) => r.headers['webhook-id'] === submitted.id)).toBeDefined()
    // The feed's event id, so a receiver can de-duplicate against the feed too.
    const feed = await as(p.adminKey)(
      `{ events(first: 100, types: ["CheckInSubmitted"]) { edges { node { id } } } }`,
    )
    expect(feed.events.edges.map((e: any) => e.node.id)).toContain(submitted.id)
    const positions = events.map((e) => BigInt(e.sequence as string))
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)))
    const page = await as(p.adminKey)(DELIVERIES, { id: hook.id, status: 'DELIVERED' })
    expect(page.webhookDeliveries.deliveries).toHaveLength(events.length)
    expect(page.webhookDeliveries.deliveries[0]).toMatchObject({
      status: 'DELIVERED',
      attempts: 1,
      lastStatusCode: 200,
    })
  })

  it('sends nothing twice, however often deliveries run', async () => {
    const before = receiver.received.length
    await server.trellis.deliverWebhooks()
    await server.trellis.deliverWebhooks()
    expect(receiver.received.length).toBe(before)
    const ids = receiver.received.map((r) => r.headers['webhook-id'])
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('delivers only the types asked for', async () => {
    const { createWebhook } = await as(p.adminKey)(CREATE, {
      input: { url: `${receiver.url}?only=checkins`, types: ['CheckInSubmitted'] },
    })
    await submit(p.menteeKey, p.mentorshipId, '2026-11-09')
    await server.trellis.deliverWebhooks()
    const page = await as(p.adminKey)(DELIVERIES, { id: createWebhook.webhook.id })
    expect(page.webhookDeliveries.deliveries.map((d: any) => d.type)).toEqual(['CheckInSubmitted'])
    await as(p.adminKey)(`mutation($input: WebhookIdInput!) { deleteWebhook(input: $input) }`, {
      input: { id: createWebhook.webhook.id },
    })
  })

  it('retries a failing receiver with backoff, holding that pair’s later events back', async () => {
    const other = await buildProgram(server)
    await server.trellis.deliverWebhooks()
    receiver.answer(503)
    await submit(p.menteeKey, p.mentorshipId, '2026-11-02')
    await server.trellis.deliverWebhooks()
    const pending = await as(p.adminKey)(DELIVERIES, { id: hook.id, status: 'PENDING' })
    const head = pending.webhookDeliveries.deliveries[0]
    expect(head).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastStatusCode: 503,
      lastError: 'answered 503',
    })
    expect(Date.parse(head.nextAttemptAt) - server.clock.now().toMillis()).toBe(30_000)
    // The other pair's events are not held up by this pair's failure…
    receiver.answer(200)
    const sentBefore = receiver.received.length
    await submit(other.menteeKey, other.mentorshipId, '2026-11-16')
    await server.trellis.deliverWebhooks()
    const sent = receiver.received.slice(sentBefore).map(parse)
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.every((e) => e.subject !== p.mentorshipId)).toBe(true)
    // …and once the backoff has passed, this pair's events follow in their order.
    server.clock.set(server.clock.now().plus({ seconds: 31 }))
    await server.trellis.deliverWebhooks()
    const ours = receiver.received.map(parse).filter((e) => e.subject === p.mentorshipId)
    const positions = ours.map((e) => BigInt(e.sequence as string))
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)))
    const left = await as(p.adminKey)(DELIVERIES, { id: hook.id, status: 'PENDING' })
    expect(left.webhookDeliveries.deliveries).toEqual([])
  })

  it('pauses a webhook after a day of failures, queues meanwhile, and resumes in order', async () => {
    const q = await buildProgram(server, { startedOn: '2026-10-05' })
    await server.trellis.deliverWebhooks()
    receiver.answer(500)
    await submit(q.menteeKey, q.mentorshipId, '2026-10-26')
    await server.trellis.deliverWebhooks()
    for (let hour = 0; hour < 25; hour++) {
      server.clock.set(server.clock.now().plus({ hours: 1 }))
      await server.trellis.deliverWebhooks()
    }
    const paused = await as(p.adminKey)(WEBHOOK, { id: hook.id })
    expect(paused.webhook.status).toBe('PAUSED')
    expect(paused.webhook.pausedReason).toMatch(/failed for 24 hours.*answered 500/)
    const failing = (await as(p.adminKey)(DELIVERIES, { id: hook.id, status: 'PENDING' })).webhookDeliveries
      .deliveries[0]
    expect(failing.attempts).toBeGreaterThan(20)
    expect(failing.attempts).toBeLessThan(40)
    // The pause is an event HR's admins see; nothing is sent while paused.
    const feed = await as(p.adminKey)(
      `{ events(first: 100, types: ["WebhookPaused"]) { edges { node { data } } } }`,
    )
    expect(feed.events.edges.map((e: any) => e.node.data.webhookId)).toContain(hook.id)
    receiver.answer(200)
    const sentBefore = receiver.received.length
    await submit(q.menteeKey, q.mentorshipId, '2026-10-19')
    server.clock.set(server.clock.now().plus({ hours: 2 }))
    await server.trellis.deliverWebhooks()
    expect(receiver.received.length).toBe(sentBefore)
    const resumed = await as(p.adminKey)(
      `mutation($input: WebhookIdInput!) { resumeWebhook(input: $input) { status pending } }`,
      {
        input: { id: hook.id },
      },
    )
    expect(resumed.resumeWebhook.status).toBe('ACTIVE')
    expect(resumed.resumeWebhook.pending).toBeGreaterThan(1)
    await server.trellis.deliverWebhooks()
    const after = receiver.received.slice(sentBefore).map(parse)
    expect(after.map((e) => e.type)).toContain('trellis.CheckInSubmitted')
    const positions = after
      .filter((e) => e.subject === q.mentorshipId)
      .map((e) => BigInt(e.sequence as string))
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)))
    expect((await as(p.adminKey)(WEBHOOK, { id: hook.id })).webhook.pending).toBe(0)
  })

  it('refuses bad input, naming the field', async () => {
    const admin = bearer(p.adminKey)
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url: 'not a url' }, 'input.url'],
      [{ url: 'ftp://hr.example.com/x' }, 'input.url'],
      [{ url: 'https://hr.example.com/x', types: ['NoSuchEvent'] }, 'input.types.0'],
      [{ url: 'https://hr.example.com/x', types: ['CheckInSubmitted', 'ApiKeyCreated'] }, 'input.types.1'],
      [{ url: 'https://hr.example.com/x', secret: 'short' }, 'input.secret'],
      [{ url: 'https://hr.example.com/x', secret: 'whsec_c2hvcnQ=' }, 'input.secret'],
    ]
    for (const [input, field] of cases) {
      const r = await server.gql(CREATE, { input }, admin)
      expect(r.errors?.[0]?.extensions.code, JSON.stringify(input)).toBe('BAD_USER_INPUT')
      expect(r.errors?.[0]?.extensions.fields?.map((f) => f.field)).toContain(field)
    }
    for (const after of ['x', '-1', '9296545620756585782']) {
      const bad = await server.gql(DELIVERIES, { id: hook.id, after }, admin)
      expect(bad.errors?.[0]?.extensions.fields?.[0]?.field, after).toBe('after')
    }
    const mentee = await server.gql(
      CREATE,
      { input: { url: 'https://hr.example.com/x' } },
      bearer(p.menteeKey),
    )
    expect(mentee.errors?.[0]?.extensions.code).toBe('FORBIDDEN')
  })
})

describe('journey: webhooks cannot be pointed inside the network', () => {
  let server: TestServer
  let adminKey: string
  beforeAll(async () => {
    server = await startServer('pglite')
    adminKey = (await buildProgram(server)).adminKey
  })
  afterAll(() => server?.close())

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.5/hook',
    'http://192.168.1.1/hook',
    'http://2130706433/hook',
    'http://metadata/computeMetadata',
    'https://user:pass@hr.example.com/hook',
  ])('refuses %s unless TRELLIS_WEBHOOK_ALLOW_PRIVATE=1', async (url) => {
    const r = await server.gql(CREATE, { input: { url } }, bearer(adminKey))
    expect(r.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT')
    expect(r.errors?.[0]?.extensions.fields?.[0]?.field).toBe('input.url')
  })
})
