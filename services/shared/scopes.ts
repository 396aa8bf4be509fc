import { z } from 'zod'

/** What a key or token may do (DESIGN "Auth and scopes"): every area checks these, so they live here. */
export const ScopeSchema = z.enum(['admin', 'person', 'tool', 'events:read', 'projections:read'])
export type Scope = z.infer<typeof ScopeSchema>
