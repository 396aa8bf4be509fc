import { z } from 'zod'
import { defineEvent, type EventOf } from '../shared/events.ts'
import { ScopeSchema, type Scope } from '../shared/scopes.ts'

export { ScopeSchema, type Scope }

/** The program's first admin: appended once, with expected revision "no stream". */
export const SetupCompleted = defineEvent('SetupCompleted', z.object({ adminId: z.string().uuid() }))

export const ApiKeyCreated = defineEvent(
  'ApiKeyCreated',
  z.object({
    keyId: z.string().uuid(),
    name: z.string().min(1),
    scopes: z.array(ScopeSchema).min(1),
    personId: z.string().uuid().nullable(),
    secretHash: z.string(),
  }),
  { secretFields: ['secretHash'] },
)

export const ApiKeyRevoked = defineEvent('ApiKeyRevoked', z.object({ keyId: z.string().uuid() }))

/** Every use of the admin scope is recorded (DESIGN "Auth and scopes"). */
export const AdminActionPerformed = defineEvent(
  'AdminActionPerformed',
  z.object({ keyId: z.string(), operation: z.string(), operationType: z.string() }),
)

export const accessEvents = [SetupCompleted, ApiKeyCreated, ApiKeyRevoked, AdminActionPerformed] as const
export type AccessEvent = EventOf<(typeof accessEvents)[number]>
