import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../infra/db/database.ts'
import type { ArchiveFile } from '../../services/archive/record.ts'
import { manualClock } from '../../services/shared/clock.ts'
import { createTrellis } from '../../infra/trellis.ts'
import { createPostgresDatabase, dropPostgresDatabase, postgresAvailable } from '../support/databases.ts'
import { buildProgram } from '../support/program.ts'
import { EXPORT_QUERY, writeRecord } from '../support/recordPair.ts'
import { bearer, serve, testConfig, type TestServer } from '../support/server.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const reportsDir = fileURLToPath(new URL('../../../shared/data/weekly-reports/', import.meta.url))

/** Runs `npm run export` / `npm run import`'s script as its own process; resolves with what it said. */
function cli(script: 'exportMentorship' | 'importMentorship', args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    cwd: root,
    env: { ...process.env, TRELLIS_DATA_DIR: join(work, 'no-pglite-here'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  )
}

/** A folder as the files in it, by relative path, the way the GraphQL export lists them. */
function folder(dir: string): ArchiveFile[] {
  const files: ArchiveFile[] = []
  const walk = (at: string, prefix: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(at, entry.name), `${prefix}${entry.name}/`)
      else files.push({ path: `${prefix}${entry.name}`, content: readFileSync(join(at, entry.name), 'utf8') })
    }
  }
  walk(dir, '')
  return files.sort((a, b) => (a.path < b.path ? -1 : 1))
}

const byPath = (files: ArchiveFile[]) => [...files].sort((a, b) => (a.path < b.path ? -1 : 1))
const withoutReadme = (files: ArchiveFile[]) => files.filter((f) => f.path !== 'README.md')

let work = ''

/**
 * The operator's commands on a PostgreSQL database made for the test, while a server runs on it:
 * export to a folder, import into another pair, again (nothing more), and what each refuses.
 */
describe.skipIf(!(await postgresAvailable()))(
  'journey: npm run export / npm run import on PostgreSQL',
  () => {
    let url: string
    let database: Database
    let server: TestServer
    let a: Awaited<ReturnType<typeof buildProgram>>
    let env: Record<string, string>

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'trellis-archive-'))
      url = await createPostgresDatabase()
      database = await openDatabase({ url })
      const clock = manualClock(DateTime.fromISO('2026-11-12T09:00:00Z', { zone: 'utc' }))
      const trellis = await createTrellis(testConfig(), { clock, database, lifecyclePollMs: 0 })
      server = await serve(trellis, clock)
      env = { DATABASE_URL: url }
      a = await buildProgram(server)
      await writeRecord(server, a)
    })
    afterAll(async () => {
      await server?.close()
      await database?.close()
      if (url) await dropPostgresDatabase(url)
      if (work) rmSync(work, { recursive: true, force: true })
    })

    const exportOf = async (key: string, id: string) =>
      (await server.gql(EXPORT_QUERY, { id }, bearer(key))).data.exportMentorship.files as ArchiveFile[]

    it('exports to a folder the same files GraphQL gives, imports them into another pair, and again adds nothing', async () => {
      const out = join(work, 'a')
      const exported = await cli('exportMentorship', ['--mentorship', a.mentorshipId, '--out', out], env)
      expect(exported.stderr).toBe('')
      expect(exported.code).toBe(0)
      expect(folder(out)).toEqual(byPath(await exportOf(a.menteeKey, a.mentorshipId)))

      const b = await buildProgram(server)
      const imported = await cli('importMentorship', ['--dir', out, '--mentorship', b.mentorshipId], env)
      expect(imported.code, imported.stdout + imported.stderr).toBe(0)
      expect(imported.stdout).toContain('imported  check-ins/2026-11-09.md:')
      expect(imported.stdout).toMatch(/\n10 to import, 0 already there, 0 refused\n/)
      expect(withoutReadme(byPath(await exportOf(b.menteeKey, b.mentorshipId)))).toEqual(
        withoutReadme(folder(out)),
      )

      const head = await server.trellis.store.headPosition()
      const again = await cli('importMentorship', ['--dir', out, '--mentorship', b.mentorshipId], env)
      expect(again.code).toBe(0)
      expect(again.stdout).toMatch(/\n0 to import, 10 already there, 0 refused\n/)
      expect(again.stdout).toContain('skipped   decisions.md:')
      expect(await server.trellis.store.headPosition()).toBe(head)
    })

    it('refuses a malformed folder, naming the file and line, and writes nothing', async () => {
      const bad = join(work, 'bad')
      cpSync(join(work, 'a'), bad, { recursive: true })
      const file = join(bad, 'check-ins/2026-11-16.md')
      writeFileSync(file, readFileSync(file, 'utf8').replace('<!-- /trellis:check-in -->', 'oops'))
      const c = await buildProgram(server)
      const head = await server.trellis.store.headPosition()
      const run = await cli('importMentorship', ['--dir', bad, '--mentorship', c.mentorshipId], env)
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('malformed check-ins/2026-11-16.md:6: block "check-in" is not closed')
      expect(run.stderr).toContain('nothing imported')
      expect(await server.trellis.store.headPosition()).toBe(head)
    })

    it('says what is wrong, and exits non-zero, for a missing argument, an unknown pair or a folder it cannot write', async () => {
      const missing = await cli('exportMentorship', ['--mentorship', a.mentorshipId], env)
      expect([missing.code, missing.stderr]).toEqual([
        1,
        expect.stringContaining('--mentorship and --out are required'),
      ])
      const unknown = await cli(
        'exportMentorship',
        ['--mentorship', '00000000-0000-4000-8000-000000000000', '--out', join(work, 'x')],
        env,
      )
      expect([unknown.code, unknown.stderr]).toEqual([
        1,
        'export: no mentorship 00000000-0000-4000-8000-000000000000\n',
      ])
      writeFileSync(join(work, 'a-file'), '')
      const unwritable = await cli(
        'exportMentorship',
        ['--mentorship', a.mentorshipId, '--out', join(work, 'a-file', 'x')],
        env,
      )
      expect([unwritable.code, unwritable.stderr]).toEqual([
        1,
        expect.stringContaining('export: cannot write to '),
      ])
      const noPair = await cli('importMentorship', ['--dir', join(work, 'a'), '--mentorship', 'nope'], env)
      expect([noPair.code, noPair.stderr]).toEqual([1, 'import: no mentorship nope\n'])
      const both = await cli('importMentorship', ['--mentorship', a.mentorshipId], env)
      expect(both.code).toBe(1)
    })

    it('exits 2 with a clear message when a running Trellis holds the embedded database', async () => {
      const dataDir = join(work, 'held')
      cpSync(join(work, 'a'), join(dataDir, 'ignored'), { recursive: true })
      // The lock `npm start` leaves: a live process's id (this test's).
      writeFileSync(join(dataDir, 'trellis.lock'), String(process.pid))
      const run = await cli('exportMentorship', ['--mentorship', a.mentorshipId, '--out', join(work, 'y')], {
        DATABASE_URL: '',
        TRELLIS_DATA_DIR: dataDir,
      })
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/^export: .* is in use by process \d+/)
    })

    describe.skipIf(!existsSync(reportsDir))('the real weekly reports (shared/data/weekly-reports)', () => {
      it('places or reports every report, never dropping one, and a dry run writes nothing', async () => {
        const reports = readdirSync(reportsDir).filter((name) => name.endsWith('.md'))
        const pair = await buildProgram(server, { startedOn: '2025-05-19', mentee: { timeZone: 'UTC' } })
        const args = ['--weekly-reports', reportsDir, '--mentorship', pair.mentorshipId]
        const head = await server.trellis.store.headPosition()
        const dry = await cli('importMentorship', [...args, '--dry-run'], env)
        expect(dry.stdout).toContain('dry run: nothing written')
        expect(await server.trellis.store.headPosition()).toBe(head)

        const run = await cli('importMentorship', args, env)
        // Several mentees reported on the same weeks: a pair has one check-in a week, so some are refused.
        expect(run.code).toBe(1)
        const lines = run.stdout.split('\n')
        const outcome = (name: string) =>
          lines.find((l) => l.startsWith(`imported  ${name}:`) || l.startsWith(`refused   ${name}:`))
        for (const name of reports) {
          expect(
            lines.some((l) => l.startsWith(`read      ${name}: week of `)),
            name,
          ).toBe(true)
          expect(outcome(name), name).toBeDefined()
        }
        const imported = reports.filter((name) => outcome(name)!.startsWith('imported'))
        const refused = lines.filter((l) => l.startsWith('refused '))
        expect(imported.length + refused.length).toBe(reports.length)
        expect(refused.every((l) => l.includes('CONFLICT check_in_exists'))).toBe(true)
        expect(lines).toContain('ignored   LICENSE-sugarlabs-www-v2: not a Markdown report')
        const files = await exportOf(pair.menteeKey, pair.mentorshipId)
        expect(files.filter((f) => f.path.startsWith('check-ins/'))).toHaveLength(imported.length)
        expect(files.find((f) => f.path.startsWith('check-ins/'))!.content).toContain(
          '## Not placed in the template',
        )
      })
    })
  },
)
