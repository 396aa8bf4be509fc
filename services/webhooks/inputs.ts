import { z } from 'zod'
import { idempotencyKey, text } from '../shared/validation.ts'

export const CreateWebhookInput = z.object({
  url: text()
    .max(2000)
    .regex(/^[^\s\u0000-\u001f\u007f]+$/, 'must be one URL with no spaces or control characters')
    .url('must be an absolute URL'),
  types: z
    .array(text().min(1).max(100))
    .min(1, 'name at least one type, or leave types out for all')
    .max(200)
    .nullish(),
  secret: text().max(200).nullish(),
  idempotencyKey: idempotencyKey(),
})

export const WebhookIdInput = z.object({ id: text().uuid('must be a webhook id') })

export const PauseWebhookInput = WebhookIdInput.extend({
  reason: text().trim().min(1, 'must not be empty').max(500).default('paused by an admin'),
})
