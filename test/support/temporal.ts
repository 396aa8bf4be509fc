import { execFile } from 'node:child_process'
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { TestWorkflowEnvironment } from '@temporalio/testing'
import { DefaultLogger, Runtime } from '@temporalio/worker'
import { describe, it } from 'vitest'

/**
 * Workflow tests run on Temporal's Java test server from a jar cache outside the repo (DESIGN
 * "Testing here"): `bash scripts/temporal-test-server.sh fetch` fills it once, tests never download.
 */
const executable = fileURLToPath(new URL('./temporal-test-server', import.meta.url))
const script = fileURLToPath(new URL('../../scripts/temporal-test-server.sh', import.meta.url))
const run = promisify(execFile)

export type TemporalAvailability = { ok: true; executable: string } | { ok: false; reason: string }

let availability: Promise<TemporalAvailability> | undefined

export function temporalAvailability(): Promise<TemporalAvailability> {
  availability ??= check()
  return availability
}

async function check(): Promise<TemporalAvailability> {
  try {
    await run('java', ['-version'])
  } catch {
    return { ok: false, reason: 'java is not on PATH (apt-get install -y default-jre-headless)' }
  }
  const { stdout } = await run('bash', [script, 'path'])
  const dir = stdout.trim()
  try {
    // The script writes this marker only after every jar is copied.
    await access(join(dir, '.complete'))
  } catch {
    return { ok: false, reason: `no jars in ${dir} (run: bash scripts/temporal-test-server.sh fetch)` }
  }
  return { ok: true, executable }
}

/** A fresh time-skipping server per call: time moves only while a client awaits a workflow result. */
export async function createTestEnv(): Promise<TestWorkflowEnvironment> {
  const temporal = await temporalAvailability()
  if (!temporal.ok) throw new Error(`Temporal test server unavailable: ${temporal.reason}`)
  quietRuntime()
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporal.executable } },
  })
}

let runtimeInstalled = false

/** The SDK logs every worker state change at INFO; tests want warnings only. */
function quietRuntime() {
  if (runtimeInstalled) return
  runtimeInstalled = true
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') })
  } catch {
    // A test installed its own runtime first: keep it.
  }
}

let warned = false

/**
 * Registers a suite that needs the Temporal test server. Without it a developer's run skips the
 * suite with one loud warning; CI fails instead, since a silent skip there would hide a broken set-up.
 */
export function describeWithTemporal(name: string, body: () => void) {
  // Vitest awaits an async suite factory while collecting, so the check runs once before any test.
  describe(name, async () => {
    const temporal = await temporalAvailability()
    if (temporal.ok) return body()
    if (process.env.CI === 'true') {
      it('has the Temporal test server (required in CI)', () => {
        throw new Error(`Temporal test server unavailable in CI: ${temporal.reason}`)
      })
      return
    }
    if (!warned) {
      warned = true
      console.warn(
        `\n*** Temporal test server unavailable: ${temporal.reason} — Temporal suites SKIPPED ***\n`,
      )
    }
    describe.skip('Temporal test server unavailable', body)
  })
}
