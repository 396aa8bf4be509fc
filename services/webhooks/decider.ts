import { conflict, notFound } from '../shared/errors.ts'
import type { AnyEvent } from '../shared/events.ts'
import type { WebhookEvent } from './events.ts'

export type WebhookStatus = 'NONE' | 'ACTIVE' | 'PAUSED' | 'DELETED'

export const initialState: WebhookStatus = 'NONE'

export function evolve(state: WebhookStatus, event: AnyEvent): WebhookStatus {
  switch ((event as WebhookEvent).type) {
    case 'WebhookCreated':
    case 'WebhookResumed':
      return 'ACTIVE'
    case 'WebhookPaused':
      return 'PAUSED'
    case 'WebhookDeleted':
      return 'DELETED'
    default:
      return state
  }
}

export type WebhookCommand =
  | { type: 'create'; webhookId: string; url: string; types: string[] | null; secret: string }
  | { type: 'pause'; webhookId: string; reason: string }
  | { type: 'resume'; webhookId: string }
  | { type: 'delete'; webhookId: string }

/**
 * A webhook's life: created once, paused and resumed any number of times, deleted for good.
 * Pausing a paused webhook or resuming an active one records nothing, so the delivery loop of two
 * instances may both decide to pause it.
 */
export function decide(command: WebhookCommand, state: WebhookStatus): WebhookEvent[] {
  const { webhookId } = command
  if (command.type === 'create') {
    if (state !== 'NONE') throw conflict('webhook_exists', 'this webhook was already created')
    const { url, types, secret } = command
    return [{ type: 'WebhookCreated', data: { webhookId, url, types, secret } }]
  }
  if (state === 'NONE' || state === 'DELETED') throw notFound('webhook')
  switch (command.type) {
    case 'pause':
      return state === 'PAUSED'
        ? []
        : [{ type: 'WebhookPaused', data: { webhookId, reason: command.reason } }]
    case 'resume':
      return state === 'ACTIVE' ? [] : [{ type: 'WebhookResumed', data: { webhookId } }]
    case 'delete':
      return [{ type: 'WebhookDeleted', data: { webhookId } }]
  }
}
