import { parseArgs } from 'node:util'
import { loadConfig } from '../infra/config.ts'
import { openDatabase } from '../infra/db/database.ts'
import { createTrellis } from '../infra/trellis.ts'
import { createApiKey } from '../services/access/handlers.ts'
import { personIdFor } from '../services/people/handlers.ts'
import type { Actor } from '../services/shared/actor.ts'
import { createPostgresDatabase } from '../test/support/databases.ts'
import { planProgram } from './seed/plan.ts'
import { seedProgram } from './seed/program.ts'

/**
 * `npm run seed:large -- --mentees 1000 --mentors 200 --weeks 104 --seed 1 [--store pglite|postgres]`:
 * a program at scale, appended through the command handlers into an empty store. PostgreSQL is
 * DATABASE_URL, or a fresh database on the local server; PGlite is TRELLIS_DATA_DIR (./data).
 */
const { values } = parseArgs({
  options: {
    mentees: { type: 'string', default: '1000' },
    mentors: { type: 'string', default: '200' },
    weeks: { type: 'string', default: '104' },
    seed: { type: 'string', default: '1' },
    store: { type: 'string' },
    concurrency: { type: 'string' },
    runners: { type: 'string' },
  },
})
const int = (name: string, value: string | undefined) => {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${value}`)
  return n
}
const store = values.store ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite')
if (store !== 'postgres' && store !== 'pglite') throw new Error(`--store is pglite or postgres, not ${store}`)

const env: NodeJS.ProcessEnv = { ...process.env, TRELLIS_DEMO: '0' }
if (store === 'postgres' && !env.DATABASE_URL) {
  env.DATABASE_URL = await createPostgresDatabase()
  console.log(`created ${env.DATABASE_URL}`)
}
if (store === 'pglite') delete env.DATABASE_URL
const config = loadConfig(env)
const database = await openDatabase(
  config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
)
const size = {
  mentees: int('mentees', values.mentees),
  mentors: int('mentors', values.mentors),
  weeks: int('weeks', values.weeks),
  seed: int('seed', values.seed),
}
const result = await seedProgram(config, database, {
  ...size,
  // PGlite is one connection: more in flight only queues, but a few overlap the JavaScript work.
  concurrency: values.concurrency ? int('concurrency', values.concurrency) : store === 'postgres' ? 16 : 4,
  // More runners overlap their database round trips; PGlite's one connection has none to overlap.
  runners: values.runners ? int('runners', values.runners) : store === 'postgres' ? 4 : 1,
  log: (line) => console.log(line),
})

console.log(
  `\nseeded ${result.events} events in ${result.seconds.toFixed(1)} s (${(result.events / result.seconds).toFixed(0)} events/s)`,
)
console.log(
  `  people's commands ${result.commandSeconds.toFixed(1)} s; lifecycle: waiting for the dispatcher ` +
    `${result.dispatchSeconds.toFixed(1)} s, runner ${result.runnerSeconds.toFixed(1)} s`,
)
console.log(`  text: ${result.text}`)
console.log(`  commands: ${JSON.stringify(result.commands)}`)
if (Object.keys(result.failures).length) console.log(`  refused: ${JSON.stringify(result.failures)}`)
const types = await database.db
  .selectFrom('event_feed')
  .select(['type', (eb) => eb.fn.countAll<string>().as('n')])
  .groupBy('type')
  .orderBy('n', 'desc')
  .execute()
console.log(`  events: ${types.map((t) => `${t.type} ${t.n}`).join(', ')}`)

// Keys to look at the result with (npm start on the same DATABASE_URL / TRELLIS_DATA_DIR).
const trellis = await createTrellis({ ...config, temporal: null }, { database })
const admin: Actor = {
  id: `person:${result.adminId}`,
  keyId: null,
  scopes: new Set(['admin']),
  personId: result.adminId,
}
const plan = planProgram(size, trellis.deps.clock.now())
const keyFor = async (name: string, personId: string) =>
  (await createApiKey(trellis.deps, admin, { name, scopes: ['person'], personId })).apiKey
console.log(
  `  admin key:  ${(await createApiKey(trellis.deps, admin, { name: 'seed admin', scopes: ['admin'] })).apiKey}`,
)
console.log(
  `  mentor key: ${await keyFor('seed mentor', personIdFor(plan.mentors[0]!.email))} (${plan.mentors[0]!.name})`,
)
console.log(
  `  mentee key: ${await keyFor('seed mentee', personIdFor(plan.pairs[0]!.mentee.email))} (${plan.pairs[0]!.mentee.name})`,
)
if (config.databaseUrl) console.log(`  DATABASE_URL=${config.databaseUrl}`)
else console.log(`  TRELLIS_DATA_DIR=${config.dataDir}`)
await trellis.close()
await database.close()
