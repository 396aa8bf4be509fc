import { DateTime } from 'luxon'
import type { Config } from '../../infra/config.ts'
import { createTrellis, type Trellis } from '../../infra/trellis.ts'
import { manualClock } from '../../services/shared/clock.ts'
import type { Deps } from '../../services/deps.ts'
import type { LifecycleEngine } from '../../workflows/engine.ts'
import { openTestDatabase, type StoreKind } from './databases.ts'

export const testConfig = (overrides: Partial<Config> = {}): Config => ({
  port: 0,
  host: '127.0.0.1',
  production: false,
  databaseUrl: null,
  dataDir: '',
  eventstoreUrl: null,
  now: null,
  demo: false,
  oidc: null,
  temporal: null,
  meetingBaseUrl: 'https://meet.jit.si',
  publicUrl: null,
  webhookAllowPrivate: false,
  ...overrides,
})

export interface TestServer {
  url: string
  trellis: Trellis
  clock: ReturnType<typeof manualClock>
  /** POSTs a GraphQL operation over real HTTP and returns status and body. */
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResponse<T>>
  close(): Promise<void>
}

export interface GqlResponse<T> {
  status: number
  data: T
  errors?: Array<{
    message: string
    extensions: { code: string; reason?: string; fields?: Array<{ field: string }> }
  }>
}

/** A whole Trellis on a fresh database, listening on a free loopback port, with a hand-moved clock. */
export async function startServer(
  kind: StoreKind,
  options: {
    now?: string
    config?: Partial<Config>
    lifecyclePollMs?: number
    engine?: (deps: Deps) => Promise<LifecycleEngine>
  } = {},
): Promise<TestServer> {
  const database = await openTestDatabase(kind)
  const clock = manualClock(DateTime.fromISO(options.now ?? '2026-11-20T12:00:00Z', { zone: 'utc' }))
  const trellis = await createTrellis(testConfig(options.config), {
    clock,
    database,
    lifecyclePollMs: options.lifecyclePollMs ?? 0,
    ...(options.engine && { engine: options.engine }),
  })
  const served = await serve(trellis, clock)
  return {
    ...served,
    async close() {
      await served.close()
      await database.close()
    },
  }
}

/** A Trellis already built, listening on a free loopback port; closing it leaves its database open. */
export async function serve(trellis: Trellis, clock: ReturnType<typeof manualClock>): Promise<TestServer> {
  const url = await trellis.app.listen({ port: 0, host: '127.0.0.1' })
  return {
    url,
    trellis,
    clock,
    async gql(query, variables = {}, headers = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      })
      return { status: response.status, ...((await response.json()) as object) } as GqlResponse<any>
    },
    close: () => trellis.close(),
  }
}

export const bearer = (key: string, actingAs?: string): Record<string, string> => ({
  authorization: `Bearer ${key}`,
  ...(actingAs ? { 'trellis-acting-as': actingAs } : {}),
})

/** A caller with one key: its answers' data, or a thrown error carrying the GraphQL errors. */
export const callerWith =
  (server: Pick<TestServer, 'gql'>) =>
  (key: string) =>
  async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await server.gql(query, variables, bearer(key))
    if (r.errors) throw new Error(JSON.stringify(r.errors))
    return r.data
  }
