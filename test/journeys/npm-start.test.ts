import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url).pathname

/** Runs `infra/main.ts` as `npm start` does and collects what it prints until `until` appears. */
function start(dataDir: string, until: RegExp, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/main.ts'], {
    cwd: root,
    env: { ...process.env, TRELLIS_DATA_DIR: dataDir, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const ready = new Promise<string>((resolve, reject) => {
    const check = (chunk: Buffer) => {
      output += chunk
      if (until.test(output)) resolve(output)
    }
    child.stdout!.on('data', check)
    child.stderr!.on('data', check)
    child.on('exit', (code) =>
      until.test(output) ? resolve(output) : reject(new Error(`exited ${code}: ${output}`)),
    )
  })
  return { child, ready }
}

function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

async function mentorshipCount(url: string, key: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ mentorships { totalCount } }' }),
  })
  return ((await response.json()) as any).data.mentorships.totalCount
}

/** The demo mentee's record: a call with a flagged question on its agenda, and searchable text. */
async function demoRecord(url: string, key: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      query: `{ mentorships { edges { node { calls { edges { node { kind agenda { source } } } } } } }
        search(query: "database") { type } }`,
    }),
  })
  const data = ((await response.json()) as any).data
  return {
    agendas: data.mentorships.edges.flatMap((m: any) =>
      m.node.calls.edges.flatMap((c: any) => c.node.agenda.map((a: any) => a.source)),
    ),
    found: data.search.map((h: any) => h.type),
  }
}

describe('journey: npm start on the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'trellis-start-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('seeds a demo, prints the URLs and keys, keeps its data across a restart, and refuses a second process', async () => {
    const first = start(dataDir, /Demo mentee key.*\n/)
    const printed = await first.ready
    const url = /GraphQL\s+(\S+)\/graphql/.exec(printed)![1]!
    const adminKey = /Demo admin key:\s+(\S+)/.exec(printed)![1]!
    expect(printed).toMatch(/GraphiQL\s+\S+\/graphiql/)
    expect(await mentorshipCount(url, adminKey)).toBe(6)
    const menteeKey = /Demo mentee key[^:]*:\s+(\S+)/.exec(printed)![1]!
    const record = await demoRecord(url, menteeKey)
    expect(record.agendas).toContain('FLAGGED_QUESTION')
    expect(record.found).toEqual(expect.arrayContaining(['QUESTION', 'DECISION']))

    const second = start(dataDir, /in use by process/)
    expect(await second.ready).toMatch(/is in use by process \d+: the embedded database serves one process/)
    await new Promise((resolve) => second.child.once('exit', resolve))
    expect(second.child.exitCode).toBe(2)

    await stop(first.child)
    const again = start(dataDir, /Health\s+\S+/)
    const reprinted = await again.ready
    expect(reprinted).not.toMatch(/Demo admin key/)
    const url2 = /GraphQL\s+(\S+)\/graphql/.exec(reprinted)![1]!
    expect(await mentorshipCount(url2, adminKey)).toBe(6)
    await stop(again.child)
  }, 120_000)
})
