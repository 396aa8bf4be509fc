import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { loadConfig } from '../infra/config.ts'
import { createTrellis } from '../infra/trellis.ts'
import { seedProgram } from '../scripts/seed/program.ts'
import { measureAppends } from './appends.ts'
import { startCannon } from './cannon.ts'
import { measureLag } from './lag.ts'
import { measureRebuild } from './projections.ts'
import { measureSearch } from './search.ts'
import { replicateEvents } from './replicate.ts'
import { printTable, writeResults, type Result } from './report.ts'
import { benchRoutes } from './serve.ts'
import { benchDatabase, type BenchDatabase, type StoreKind } from './stores.ts'

/**
 * `npm run bench [-- --quick] [--store postgres|pglite|both] [--pg-url URL] [--pglite-dir DIR]`:
 * seeds a program (or takes a seeded database), starts Trellis and a bare baseline on it, and
 * measures the routes, appends, projections, subscription lag and search on each store. Only
 * 127.0.0.1. `--only search` measures search alone (`--search-documents N`, 500,000 by default).
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    store: { type: 'string', default: 'both' },
    mentees: { type: 'string' },
    mentors: { type: 'string' },
    weeks: { type: 'string' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string' },
    connections: { type: 'string' },
    'pg-url': { type: 'string' },
    'pglite-dir': { type: 'string' },
    'search-documents': { type: 'string' },
    only: { type: 'string' },
    out: { type: 'string', default: new URL('./results.json', import.meta.url).pathname },
  },
})
const quick = values.quick
const settings = {
  mentees: Number(values.mentees ?? (quick ? 100 : 1000)),
  mentors: Number(values.mentors ?? (quick ? 20 : 200)),
  weeks: Number(values.weeks ?? (quick ? 12 : 104)),
  seed: Number(values.seed),
  seconds: Number(values.seconds ?? (quick ? 3 : 10)),
  connections: (values.connections ?? '1,8,32').split(',').map(Number),
  // --quick keeps PGlite to the ends of the range to stay under five minutes; the targets are PostgreSQL's.
  pgliteConnections: (values.connections ?? (quick ? '1,32' : '1,8,32')).split(',').map(Number),
  measureSeconds: quick ? 2 : 5,
  searchDocuments: Number(values['search-documents'] ?? (quick ? 20_000 : 500_000)),
  writers: 8,
}
const stores: StoreKind[] = values.store === 'both' ? ['postgres', 'pglite'] : [values.store as StoreKind]
if (!stores.every((s) => s === 'postgres' || s === 'pglite'))
  throw new Error('--store is postgres, pglite or both')

const config = { ...loadConfig({ TRELLIS_DEMO: '0' }), temporal: null }
const results: Result[] = []
const notes = new Map<string, string>()
const queries = new Set<string>()
const figure = (store: string, name: string, value: number, unit: string) =>
  results.push({ name, store, value, unit })
const began = performance.now()
const elapsed = () => `${((performance.now() - began) / 1000).toFixed(0)} s`
const say = (line: string) => console.error(`[${elapsed()}] ${line}`)
const cannon = startCannon()
let source: BenchDatabase | null = null
let seeded = 0n

if (values.only === 'search') {
  try {
    for (const kind of stores) await benchSearch(kind)
  } finally {
    cannon.close()
  }
} else
  try {
    // PostgreSQL is seeded through the handlers; PGlite then gets its log (or is seeded itself when alone).
    if (stores.includes('postgres') || values['pg-url']) {
      source = await benchDatabase('postgres', values['pg-url'])
      await seedIfEmpty(source)
      seeded = await headOf(source)
    }
    for (const kind of stores) {
      const data = kind === 'postgres' ? source! : await benchDatabase('pglite', values['pglite-dir'])
      try {
        if (kind === 'pglite' && source && !(await hasProgram(data))) {
          say(`pglite: appending the PostgreSQL log into ${data.where}`)
          const copy = await replicateEvents(source.database, data.database, seeded)
          figure(kind, 'append, replaying the seeded log', copy.eventsPerSecond, 'events/s')
        } else if (kind === 'pglite') await seedIfEmpty(data)
        say(`${kind}: rebuilding the read models`)
        const rebuild = await measureRebuild(data.database)
        figure(kind, 'projection catch-up', rebuild.eventsPerSecond, 'events/s')
        figure(kind, `rebuild all projections (${rebuild.events} events)`, rebuild.seconds, 's')
        figure(kind, 'rebuild 1,000,000 events (extrapolated)', 1e6 / rebuild.eventsPerSecond, 's')

        const trellis = await createTrellis(config, { database: data.database })
        try {
          const connections = kind === 'pglite' ? settings.pgliteConnections : settings.connections
          say(`${kind}: routes at ${connections.join(', ')} connections, ${settings.seconds} s each`)
          const routes = await benchRoutes(trellis, cannon, { ...settings, connections }, (line) =>
            say(`${kind}: ${line}`),
          )
          for (const r of routes.results) results.push({ ...r, store: kind })
          for (const [key, note] of routes.notes) notes.set(`${kind}/${key}`, note)
          for (const name of routes.queries) queries.add(name)
          say(`${kind}: subscription lag under write load`)
          const lag = await measureLag(trellis, settings.measureSeconds, 4)
          figure(kind, 'subscription lag p50', lag.p50Ms, 'ms')
          figure(kind, 'subscription lag p99', lag.p99Ms, 'ms')
          figure(kind, 'write load during lag (4 writers)', lag.writesPerSecond, 'events/s')
        } finally {
          await trellis.close()
        }
      } finally {
        if (data !== source) await data.close()
      }
      say(`${kind}: appends against raw inserts`)
      const appends = await measureAppends(kind, settings.measureSeconds, settings.writers)
      figure(kind, 'append, one stream', appends.oneStream, 'events/s')
      figure(kind, `append, many streams (${appends.writers} writers)`, appends.manyStreams, 'events/s')
      figure(kind, 'raw insert, 1 connection', appends.rawOne, 'rows/s')
      figure(kind, `raw insert, ${appends.writers} connections`, appends.rawMany, 'rows/s')
      figure(kind, 'append / raw insert, one stream', appends.oneStream / appends.rawOne, 'ratio')
      figure(kind, 'append / raw insert, many streams', appends.manyStreams / appends.rawMany, 'ratio')
      await benchSearch(kind)
    }
  } finally {
    cannon.close()
    await source?.close()
  }

writeResults(values.out, results)
printTable(results, queries, notes)
console.log(`\n${results.length} results in ${values.out}; the whole run took ${elapsed()}`)

/** Search latency on its own database of `--search-documents` documents (0 skips it). */
async function benchSearch(kind: StoreKind) {
  if (settings.searchDocuments <= 0) return
  say(`${kind}: search over ${settings.searchDocuments} documents`)
  const search = await measureSearch(kind, settings.searchDocuments, say)
  const docs = `${search.documents} documents`
  figure(
    kind,
    `search documents indexed per second (${docs})`,
    search.documents / search.fillSeconds,
    'docs/s',
  )
  figure(kind, `search p50, a pair's member (${docs})`, search.member.p50, 'ms')
  figure(kind, `search p95, a pair's member (${docs})`, search.member.p95, 'ms')
  figure(kind, `search p50, the library only (${docs})`, search.admin.p50, 'ms')
  figure(kind, `search p95, the library only (${docs})`, search.admin.p95, 'ms')
}

async function headOf(target: BenchDatabase) {
  const row = await target.database.db
    .selectFrom('events')
    .select(sql<string>`coalesce(max(position), 0)::text`.as('head'))
    .executeTakeFirstOrThrow()
  return BigInt(row.head)
}

async function hasProgram(target: BenchDatabase) {
  const table = await target.database.db
    .selectFrom('information_schema.tables')
    .select('table_name')
    .where('table_name', '=', 'events')
    .executeTakeFirst()
  return !!table && (await headOf(target)) > 0n
}

async function seedIfEmpty(target: BenchDatabase) {
  if (await hasProgram(target)) {
    say(`${target.kind}: using the program already in ${target.where}`)
    return
  }
  say(`${target.kind}: seeding ${settings.mentees} mentees × ${settings.weeks} weeks into ${target.where}`)
  const seeded = await seedProgram(config, target.database, {
    ...settings,
    concurrency: target.kind === 'postgres' ? 16 : 4,
    runners: target.kind === 'postgres' ? 4 : 1,
    log: say,
  })
  figure(target.kind, 'seed: events written', seeded.events, 'events')
  figure(target.kind, 'seed: time', seeded.seconds, 's')
  figure(target.kind, 'seed: rate', seeded.events / seeded.seconds, 'events/s')
}
