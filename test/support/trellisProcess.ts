import { spawn } from 'node:child_process'
import { DateTime } from 'luxon'

const root = new URL('../../', import.meta.url).pathname

/** Where every process's clock starts: a Friday, so the pairs' check-in day is today. */
const EPOCH = DateTime.fromISO('2026-11-20T12:00:00Z', { zone: 'utc' })
const origin = Date.now()

export interface TrellisProcess {
  readonly url: string
  readonly pid: number
  /** POSTs a GraphQL operation; rejects only when the process gives no answer (dead, reset). */
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<any>
  health(): Promise<{ status: string; projectedPosition: string }>
  /** SIGKILL: no shutdown hook runs, as in a power cut or an OOM kill. */
  kill(): Promise<void>
  /** SIGTERM: the process closes its server, projector and database, then exits. */
  stop(): Promise<void>
}

/**
 * Trellis as `npm start` runs it (infra/main.ts), in its own process, on a free port. Every
 * process's clock starts where the first one's has got to (TRELLIS_NOW), so a restart does not
 * step the program's time back.
 */
export async function startTrellisProcess(env: Record<string, string>): Promise<TrellisProcess> {
  const now = EPOCH.plus({ milliseconds: Date.now() - origin }).toISO()!
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', TRELLIS_DEMO: '0', TRELLIS_NOW: now, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk
      const match = /GraphQL\s+(\S+)\/graphql/.exec(output)
      if (match && /Health/.test(output)) resolve(match[1]!)
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.once('exit', (code) => reject(new Error(`trellis exited (${code}) before listening:\n${output}`)))
  })
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[trellis ${child.pid}] ${chunk}`))

  async function post(path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    })
    return response.json() as Promise<any>
  }

  function signal(name: NodeJS.Signals) {
    if (child.exitCode === null && child.signalCode === null) child.kill(name)
    return exited
  }

  return {
    url,
    pid: child.pid!,
    gql: (query, variables = {}, headers = {}) => post('/graphql', { query, variables }, headers),
    health: () => post('/healthz'),
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
  }
}
