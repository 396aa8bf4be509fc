import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { iso } from '../checkins/view.ts'
import { requireAdmin } from '../shared/actor.ts'
import { badField, notFound } from '../shared/errors.ts'
import { isUuid } from '../shared/ids.ts'
import { pageSize } from '../shared/paging.ts'
import { createWebhook, deleteWebhook, pauseWebhook, resumeWebhook } from './handlers.ts'
import { deliveriesOf, findWebhook, listWebhooks, pendingCount } from './queries.ts'

const isoOrNull = (at: Date | string | null) => (at === null ? null : iso(at))

async function found(db: Parameters<typeof findWebhook>[0], id: string) {
  return (await findWebhook(db, id)) ?? Promise.reject(notFound('webhook'))
}

export const webhooksResolvers: Resolvers = {
  Query: {
    async webhooks(_, __, ctx) {
      requireAdmin(ctx.actor)
      return listWebhooks(ctx.deps.db)
    },
    async webhook(_, { id }, ctx) {
      requireAdmin(ctx.actor)
      return isUuid(id) ? findWebhook(ctx.deps.db, id) : null
    },
    async webhookDeliveries(_, { webhookId, status, after, first }, ctx) {
      requireAdmin(ctx.actor)
      if (!isUuid(webhookId)) throw badField('webhookId', 'must be a webhook id')
      return deliveriesOf(ctx.deps.db, webhookId, {
        status: status ?? null,
        after: after ?? null,
        size: pageSize(first),
      })
    },
  },
  Mutation: {
    async createWebhook(_, { input }, ctx) {
      const { webhookId, secret } = await createWebhook(ctx.deps, ctx.actor, input)
      return { webhook: await found(ctx.deps.db, webhookId), secret }
    },
    async pauseWebhook(_, { input }, ctx) {
      return found(ctx.deps.db, await pauseWebhook(ctx.deps, ctx.actor, input))
    },
    async resumeWebhook(_, { input }, ctx) {
      return found(ctx.deps.db, await resumeWebhook(ctx.deps, ctx.actor, input))
    },
    async deleteWebhook(_, { input }, ctx) {
      return deleteWebhook(ctx.deps, ctx.actor, input)
    },
  },
  Webhook: {
    createdAt: (w) => iso(w.created_at),
    pausedReason: (w) => w.paused_reason,
    pending: (w, _, ctx) => pendingCount(ctx.deps.db, w.id),
  },
  WebhookDelivery: {
    eventId: (d) => d.event_id,
    mentorshipId: (d) => d.mentorship_id,
    lastAttemptAt: (d) => isoOrNull(d.last_attempt_at),
    lastStatusCode: (d) => d.last_status,
    lastError: (d) => d.last_error,
    nextAttemptAt: (d) => (d.status === 'PENDING' ? iso(d.next_attempt_at) : null),
    deliveredAt: (d) => isoOrNull(d.delivered_at),
    failingSince: (d) => isoOrNull(d.failing_since),
  },
}
