import { execute } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { requireAdmin, type Actor } from '../shared/actor.ts'
import { badField } from '../shared/errors.ts'
import { newId } from '../shared/ids.ts'
import { parseInput } from '../shared/validation.ts'
import { refusedUrl } from './addresses.ts'
import { decide, evolve, initialState, type WebhookCommand } from './decider.ts'
import { CreateWebhookInput, PauseWebhookInput, WebhookIdInput } from './inputs.ts'
import { newWebhookSecret, refusedSecret } from './signature.ts'
import { deliverableTypes } from './types.ts'

declare module '../deps.ts' {
  interface Ports {
    /** TRELLIS_WEBHOOK_ALLOW_PRIVATE=1: webhooks may reach loopback and private addresses. */
    webhookAllowPrivate?: boolean
  }
}

export const webhookStream = (id: string) => `webhook-${id}`
const aggregate = { initialState, evolve }

function run(
  deps: Deps,
  actor: Actor,
  operation: string,
  command: WebhookCommand,
  idempotencyKey?: string | null,
) {
  return execute(deps, {
    streamId: webhookStream(command.webhookId),
    aggregate,
    actor,
    idempotencyKey,
    operation,
    decide: (state) => decide(command, state),
  })
}

/** A new subscription; the secret is returned here once and never again. */
export async function createWebhook(deps: Deps, actor: Actor, input: unknown) {
  requireAdmin(actor)
  const c = parseInput(CreateWebhookInput, input)
  const url = new URL(c.url)
  const refused = refusedUrl(url, deps.webhookAllowPrivate === true)
  if (refused) throw badField('input.url', refused)
  const known = deliverableTypes(deps.codec.definitions)
  c.types?.forEach((type, i) => {
    if (!known.has(type))
      throw badField(`input.types.${i}`, `is not an event type a webhook can receive: ${type}`)
  })
  if (c.secret) {
    const why = refusedSecret(c.secret)
    if (why) throw badField('input.secret', why)
  }
  const webhookId = newId('webhook', actor.id, c.idempotencyKey)
  const secret = c.secret ?? newWebhookSecret()
  const outcome = await run(
    deps,
    actor,
    'createWebhook',
    { type: 'create', webhookId, url: url.href, types: c.types ? [...new Set(c.types)] : null, secret },
    c.idempotencyKey,
  )
  // A repeated request gets the secret first issued, not the one drawn for this call.
  const created = outcome.events.find((e) => e.type === 'WebhookCreated')
  return { webhookId, secret: created ? (created.data.secret as string) : secret }
}

export async function pauseWebhook(deps: Deps, actor: Actor, input: unknown) {
  requireAdmin(actor)
  const { id, reason } = parseInput(PauseWebhookInput, input)
  await run(deps, actor, 'pauseWebhook', { type: 'pause', webhookId: id, reason })
  return id
}

export async function resumeWebhook(deps: Deps, actor: Actor, input: unknown) {
  requireAdmin(actor)
  const { id } = parseInput(WebhookIdInput, input)
  await run(deps, actor, 'resumeWebhook', { type: 'resume', webhookId: id })
  // What waited while it was paused is due now, and its day of failures starts again.
  await deps.db
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: deps.clock.now().toJSDate(), failing_since: null })
    .where('webhook_id', '=', id)
    .where('status', '=', 'PENDING')
    .execute()
  return id
}

export async function deleteWebhook(deps: Deps, actor: Actor, input: unknown) {
  requireAdmin(actor)
  const { id } = parseInput(WebhookIdInput, input)
  await run(deps, actor, 'deleteWebhook', { type: 'delete', webhookId: id })
  return id
}
