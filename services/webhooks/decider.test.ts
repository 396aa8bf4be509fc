import { describe, expect, it } from 'vitest'
import { given } from '../shared/givenWhenThen.ts'
import { decide, evolve, initialState, type WebhookCommand } from './decider.ts'

const id = '0b7f1e8a-9a1c-4e36-8d0a-3c1f2b4a5d6e'
const created = {
  type: 'WebhookCreated',
  data: { webhookId: id, url: 'https://hr.example.com/h', types: null, secret: 's' },
}
const paused = { type: 'WebhookPaused', data: { webhookId: id, reason: 'r' } }
const deleted = { type: 'WebhookDeleted', data: { webhookId: id } }
const create: WebhookCommand = {
  type: 'create',
  webhookId: id,
  url: 'https://hr.example.com/h',
  types: null,
  secret: 's',
}
const state = (events: Array<{ type: string; data: unknown }>) => given({ initialState, evolve }, events)
const code = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    return (error as { code: string }).code
  }
  return 'none'
}

describe('a webhook is created once, paused and resumed freely, deleted for good', () => {
  it('creates a new webhook, and not twice', () => {
    expect(decide(create, state([]))).toEqual([created])
    expect(code(() => decide(create, state([created])))).toBe('CONFLICT')
  })

  it('pausing a paused webhook, or resuming an active one, records nothing', () => {
    expect(decide({ type: 'pause', webhookId: id, reason: 'again' }, state([created, paused]))).toEqual([])
    expect(decide({ type: 'resume', webhookId: id }, state([created]))).toEqual([])
    expect(decide({ type: 'resume', webhookId: id }, state([created, paused]))).toEqual([
      { type: 'WebhookResumed', data: { webhookId: id } },
    ])
  })

  it('a deleted or unknown webhook is not found', () => {
    expect(code(() => decide({ type: 'resume', webhookId: id }, state([created, deleted])))).toBe('NOT_FOUND')
    expect(code(() => decide({ type: 'delete', webhookId: id }, state([])))).toBe('NOT_FOUND')
  })
})
