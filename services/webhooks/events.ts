import { z } from 'zod'
import { defineEvent, type EventOf } from '../shared/events.ts'

const webhookId = z.string().uuid()

/** An HR system's subscription: the signing secret never leaves the server after it is shown once. */
export const WebhookCreated = defineEvent(
  'WebhookCreated',
  z.object({
    webhookId,
    url: z.string(),
    /** Event types delivered; null for every type a feed reader may see. */
    types: z.array(z.string()).nullable(),
    secret: z.string(),
  }),
  { secretFields: ['secret'] },
)

/** Deliveries stop (and queue) until resumed: by an admin, or after a day of failures. */
export const WebhookPaused = defineEvent('WebhookPaused', z.object({ webhookId, reason: z.string() }))
export const WebhookResumed = defineEvent('WebhookResumed', z.object({ webhookId }))
export const WebhookDeleted = defineEvent('WebhookDeleted', z.object({ webhookId }))

export const webhookEvents = [WebhookCreated, WebhookPaused, WebhookResumed, WebhookDeleted] as const
export type WebhookEvent = EventOf<(typeof webhookEvents)[number]>
