import { conflict, notFound } from '../shared/errors.ts'
import type { AnyEvent } from '../shared/events.ts'
import type { AccessEvent, Scope } from './events.ts'

/** The `setup` stream: it exists once the first admin does. */
export interface SetupState {
  done: boolean
}
export const setupAggregate = {
  initialState: { done: false } as SetupState,
  evolve: (state: SetupState, event: AnyEvent): SetupState =>
    event.type === 'SetupCompleted' ? { done: true } : state,
}

export function decideSetup(state: SetupState, adminId: string): AccessEvent[] {
  if (state.done) throw conflict('setup_done', 'setup has already been completed; ask an admin for a key')
  return [{ type: 'SetupCompleted', data: { adminId } }]
}

export interface ApiKeyState {
  exists: boolean
  revoked: boolean
}
export const apiKeyAggregate = {
  initialState: { exists: false, revoked: false } as ApiKeyState,
  evolve(state: ApiKeyState, event: AnyEvent): ApiKeyState {
    if (event.type === 'ApiKeyCreated') return { exists: true, revoked: false }
    if (event.type === 'ApiKeyRevoked') return { ...state, revoked: true }
    return state
  },
}

export interface CreateApiKey {
  keyId: string
  name: string
  scopes: Scope[]
  personId: string | null
  secretHash: string
}

export function decideCreateKey(state: ApiKeyState, command: CreateApiKey): AccessEvent[] {
  if (state.exists) throw conflict('key_exists', 'this key already exists')
  return [{ type: 'ApiKeyCreated', data: command }]
}

export function decideRevokeKey(state: ApiKeyState, keyId: string): AccessEvent[] {
  if (!state.exists) throw notFound('api_key')
  return state.revoked ? [] : [{ type: 'ApiKeyRevoked', data: { keyId } }]
}
