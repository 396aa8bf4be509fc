import { ConfigError, loadConfig } from './config.ts'
import { DataDirLocked } from './db/database.ts'
import { createTrellis } from './trellis.ts'
import { seedDemo } from './demo.ts'

/** `npm start`: Trellis on the embedded default (or DATABASE_URL / EVENTSTORE_URL), with a demo. */
async function main() {
  const config = loadConfig()
  const trellis = await createTrellis(config)
  const demo =
    config.demo && (await trellis.store.headPosition()) === 0n ? await seedDemo(trellis.deps) : null
  // After the demo: its history is written with a hand-moved clock; the lifecycle then catches up on it.
  await trellis.startLifecycle()
  const address = await trellis.app.listen({ port: config.port, host: config.host })
  const base = address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost')
  const engine = trellis.engine.kind === 'temporal' ? 'Temporal' : 'embedded runner'
  console.log(
    `Trellis is running (${trellis.store.kind} event store, ${trellis.database.kind} read models, lifecycle on ${engine})`,
  )
  console.log(`  GraphQL   ${base}/graphql`)
  if (!config.production) console.log(`  GraphiQL  ${base}/graphiql`)
  console.log(`  Health    ${base}/healthz`)
  if (demo) {
    console.log(`  Demo admin key:        ${demo.adminKey}`)
    console.log(`  Demo mentee key (${demo.menteeName}): ${demo.menteeKey}`)
    console.log('  Keys are shown once; the demo data stays in the data directory until you delete it.')
  } else if ((await trellis.store.headPosition()) === 0n) {
    console.log('  The store is empty: call the `setup` mutation to create the first admin and key.')
  }
  const stop = async () => {
    await trellis.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof DataDirLocked) {
    console.error(`trellis: ${error.message}`)
    process.exit(2)
  }
  console.error(error)
  process.exit(1)
})
