import { afterAll, beforeAll, expect, it } from 'vitest'
import { importItems } from '../../services/archive/handlers.ts'
import { readRecordFiles } from '../../services/archive/read.ts'
import type { ArchiveFile } from '../../services/archive/record.ts'
import { buildProgram } from '../support/program.ts'
import { EXPORT_QUERY, TRICKY_CHECK_IN, writeRecord } from '../support/recordPair.ts'
import { bearer, startServer, type TestServer } from '../support/server.ts'
import { describeWithStores } from '../support/stores.ts'

/**
 * A pair keeps its record as Markdown (PRODUCT §4): a member exports it over GraphQL, nobody else
 * can, and the files import into another pair through the domain's handlers without loss.
 */
describeWithStores('journey: the record as Markdown, exported and imported back', (kind) => {
  let server: TestServer
  let a: Awaited<ReturnType<typeof buildProgram>>
  let files: ArchiveFile[]

  const exportAs = async (key: string, id: string, actingAs?: string) => {
    const r = await server.gql(EXPORT_QUERY, { id }, bearer(key, actingAs))
    if (r.errors) throw new Error(JSON.stringify(r.errors))
    return r.data.exportMentorship as { files: ArchiveFile[] } | null
  }
  const withoutReadme = (list: ArchiveFile[]) => list.filter((f) => f.path !== 'README.md')

  beforeAll(async () => {
    server = await startServer(kind, { now: '2026-11-12T09:00:00Z' })
    a = await buildProgram(server)
    await writeRecord(server, a)
    files = (await exportAs(a.menteeKey, a.mentorshipId))!.files
  })
  afterAll(() => server?.close())

  it('gives a member the pair’s record as files: a README, each check-in, the goals, the decisions', async () => {
    expect(files.map((f) => f.path)).toEqual([
      'README.md',
      'check-ins/2026-11-09.md',
      'check-ins/2026-11-16.md',
      'goals/2026-Q4.md',
      'decisions.md',
    ])
    expect((await exportAs(a.mentorKey, a.mentorshipId))!.files).toEqual(files)
    const [, first, second, goals, decisions] = files.map((f) => f.content)
    expect(first).toContain('submitted: 2026-11-12T09:30:00.000Z\nedited: 2026-11-13T08:00:00.000Z\n')
    expect(first).toContain('<!-- trellis:reply author=mentor at=2026-11-12T16:00:00.000Z -->\nGood start.')
    expect(first).toContain(
      '<!-- trellis:earlier-version at=2026-11-12T09:30:00.000Z -->\n## Week of 2026-11-09',
    )
    // CRLF text without a final break is kept as LF lines, marked; a reply holding its own
    // block's end becomes one exact JSON line.
    expect(second).toContain(
      `<!-- trellis:check-in eol=crlf end=none -->\n${TRICKY_CHECK_IN.replaceAll('\r\n', '\n')}\n<!-- /trellis:check-in -->`,
    )
    expect(second).toContain(
      '<!-- trellis:reply author=mentor at=2026-11-19T15:00:00.000Z encoding=json -->\n"Yes. Even as a line of its own:\\n\\u003c!-- /trellis:reply --\\u003e\\n"\n',
    )
    expect(second!.match(/Well done\./g)).toHaveLength(2)
    expect(goals).toContain('## Q4 2026 Goals\n\n### Technical Skills\n- [x] Fix the flaky test\n')
    expect(goals).toContain('### Communication\n- [x] Write a design note\n')
    expect(decisions).toContain('## Review \\<b\\>before\\</b\\> merge \\| always')
    for (const f of files) expect(f.content).not.toContain('\r')
  })

  it('is null for anyone outside the pair, the admin included', async () => {
    const other = await buildProgram(server)
    expect(await exportAs(other.menteeKey, a.mentorshipId)).toBeNull()
    expect(await exportAs(a.adminKey, a.mentorshipId)).toBeNull()
    expect(await exportAs(a.menteeKey, other.mentorshipId)).toBeNull()
  })

  it('imports into a fresh pair through the handlers, which then exports to the same files', async () => {
    const b = await buildProgram(server)
    const { items, errors } = readRecordFiles(files)
    expect(errors).toEqual([])
    const report = await importItems(server.trellis.deps, b.mentorshipId, items, { allOrNothing: true })
    expect(report.outcomes.map((o) => o.result)).toEqual(items.map(() => 'imported'))
    const exported = (await exportAs(b.menteeKey, b.mentorshipId))!.files
    // Only the README differs: it names the pair (its id and people), which no import carries.
    expect(withoutReadme(exported)).toEqual(withoutReadme(files))
    const readmeDiff = (list: ArchiveFile[]) =>
      list[0]!.content.split('\n').filter((line) => !/^- (Mentorship|Mentor|Mentee): /.test(line))
    expect(readmeDiff(exported)).toEqual(readmeDiff(files))

    // Again: every item is already there, and the store gains nothing.
    const head = await server.trellis.store.headPosition()
    const again = await importItems(server.trellis.deps, b.mentorshipId, items, { allOrNothing: true })
    expect(again.outcomes.map((o) => o.result)).toEqual(items.map(() => 'already'))
    expect(await server.trellis.store.headPosition()).toBe(head)
  })

  it('writes nothing at all when the domain refuses any item, and says which and why', async () => {
    // This pair's first week comes after the record's first check-in: the decider refuses it.
    const late = await buildProgram(server, { startedOn: '2026-11-16' })
    const { items } = readRecordFiles(files)
    const head = await server.trellis.store.headPosition()
    const report = await importItems(server.trellis.deps, late.mentorshipId, items, { allOrNothing: true })
    expect(report.written).toBe(false)
    const refused = report.outcomes.filter((o) => o.result === 'refused')
    expect(refused.map((o) => o.item.source.file)).toEqual([
      'check-ins/2026-11-09.md',
      'check-ins/2026-11-09.md',
      'check-ins/2026-11-09.md',
    ])
    expect(refused[0]!.reason).toMatch(/^BAD_USER_INPUT invalid_input: input.weekOf: must be on or after/)
    expect(await server.trellis.store.headPosition()).toBe(head)
    expect((await exportAs(late.menteeKey, late.mentorshipId))!.files.map((f) => f.path)).toEqual([
      'README.md',
    ])
  })
})
