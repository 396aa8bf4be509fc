import { DateTime } from 'luxon'
import { afterAll, beforeAll, it } from 'vitest'
import { startServer, type TestServer } from '../test/support/server.ts'
import { untilDispatched } from '../test/support/lifecycle.ts'
import { describeWithStores } from '../test/support/stores.ts'
import type { EmbeddedEngine } from './embedded.ts'
import { checkExpectations, runScenario, type ScenarioDriver } from './runScenario.ts'
import { scenarios } from './scenarios.ts'

describeWithStores('lifecycle scenarios on the embedded runner', (kind) => {
  let server: TestServer
  let driver: ScenarioDriver

  beforeAll(async () => {
    server = await startServer(kind, { now: '2027-01-01T00:00:00Z', lifecyclePollMs: 0 })
    await server.trellis.startLifecycle()
    const { trellis, clock } = server
    const settle = () => untilDispatched(trellis)
    driver = {
      deps: trellis.deps,
      settle,
      async advanceTo(at) {
        clock.set(DateTime.fromISO(at, { zone: 'utc' }))
        // Firing records events that may signal again (a resumed leave): tick until quiet.
        for (let round = 0; round < 10; round++) {
          await settle()
          if ((await (trellis.engine as EmbeddedEngine).tick()) === 0) return
        }
      },
    }
  })
  afterAll(() => server?.close())

  for (const [i, scenario] of scenarios.entries()) {
    it(scenario.name, async () => {
      checkExpectations(scenario, await runScenario(scenario, driver, `${kind}-${i}`))
    })
  }
})
