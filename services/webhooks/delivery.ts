import { sql } from 'kysely'
import type { Deps } from '../deps.ts'
import { systemActor } from '../shared/actor.ts'
import { failedForADay, retryDelayMs } from './backoff.ts'
import { pauseWebhook } from './handlers.ts'
import { signedHeaders } from './signature.ts'

/** How a delivery is sent: infra/webhooks/transport.ts posts over HTTP(S), refusing private addresses. */
export interface WebhookTransport {
  post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number }>
}

declare module '../deps.ts' {
  interface Ports {
    webhookTransport?: WebhookTransport
  }
}

/** Longer than a delivery may take (the transport gives up after 10 s): only a crash outlives it. */
const LEASE_MS = 60_000
const BATCH = 50
const PARALLEL = 4

interface Claimed {
  webhook_id: string
  position: string
  event_id: string
  body: string
  attempts: number
  failing_since: Date | string | null
  url: string
  secret: string
}

/**
 * Claims what is due: for each webhook and mentorship only the oldest pending delivery, so events
 * reach a receiver in their order; claimed rows are leased, so two instances never send one
 * together, and one that dies mid-send leaves it to be sent again after the lease.
 */
async function claim(deps: Deps): Promise<Claimed[]> {
  const now = deps.clock.now().toJSDate()
  const lease = new Date(now.getTime() + LEASE_MS)
  const { rows } = await sql<Claimed>`
    with due as (
      select d.webhook_id, d.position
      from webhook_deliveries d
      join webhooks w on w.id = d.webhook_id and w.status = 'ACTIVE'
      where d.status = 'PENDING'
        and d.next_attempt_at <= ${now}
        and (d.claimed_until is null or d.claimed_until < ${now})
        and not exists (
          select 1 from webhook_deliveries e
          where e.webhook_id = d.webhook_id and e.order_key = d.order_key
            and e.status = 'PENDING' and e.position < d.position
        )
      order by d.position
      limit ${BATCH}
      for update of d skip locked
    )
    update webhook_deliveries d
    set claimed_until = ${lease}
    from due, webhooks w
    where d.webhook_id = due.webhook_id and d.position = due.position and w.id = d.webhook_id
    returning d.webhook_id, d.position, d.event_id, d.body, d.attempts, d.failing_since, w.url, w.secret
  `.execute(deps.db)
  return rows
}

/** Sends every due delivery once; returns how many were attempted. Run by a sweep, or by hand. */
export async function deliverDueWebhooks(deps: Deps): Promise<number> {
  const transport = deps.webhookTransport
  if (!transport) return 0
  let attempted = 0
  for (;;) {
    const batch = await claim(deps)
    if (!batch.length) return attempted
    attempted += batch.length
    for (let i = 0; i < batch.length; i += PARALLEL)
      await Promise.all(batch.slice(i, i + PARALLEL).map((d) => attempt(deps, transport, d)))
  }
}

async function attempt(deps: Deps, transport: WebhookTransport, d: Claimed) {
  const started = deps.clock.now()
  const headers = signedHeaders(d.secret, d.event_id, Math.floor(started.toSeconds()), d.body)
  let status: number | null = null
  let error: string | null = null
  try {
    status = (
      await transport.post(
        d.url,
        { 'content-type': 'application/cloudevents+json; charset=utf-8', ...headers },
        d.body,
      )
    ).status
    if (status < 200 || status > 299) error = `answered ${status}`
  } catch (e) {
    error = e instanceof Error ? e.message : String(e)
  }
  const now = deps.clock.now().toJSDate()
  const key = (q: any) => q.where('webhook_id', '=', d.webhook_id).where('position', '=', d.position)
  if (!error) {
    await key(deps.db.updateTable('webhook_deliveries'))
      .set({
        status: 'DELIVERED',
        attempts: d.attempts + 1,
        last_attempt_at: now,
        last_status: status,
        last_error: null,
        delivered_at: now,
        claimed_until: null,
      })
      .execute()
    return
  }
  const failingSince = d.failing_since ? new Date(d.failing_since) : now
  await key(deps.db.updateTable('webhook_deliveries'))
    .set({
      attempts: d.attempts + 1,
      last_attempt_at: now,
      last_status: status,
      last_error: error.slice(0, 500),
      failing_since: failingSince,
      next_attempt_at: new Date(now.getTime() + retryDelayMs(d.attempts + 1)),
      claimed_until: null,
    })
    .execute()
  if (failedForADay(failingSince, now))
    await pauseWebhook(deps, systemActor, {
      id: d.webhook_id,
      reason: `deliveries failed for 24 hours; the last: ${error.slice(0, 200)}`,
    })
}
