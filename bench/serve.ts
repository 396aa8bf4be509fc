import type { Trellis } from '../infra/trellis.ts'
import { startBaseline } from './baseline.ts'
import type { startCannon } from './cannon.ts'
import type { RouteResult } from './report.ts'
import { routesFor, type Route } from './routes.ts'

type Cannon = ReturnType<typeof startCannon>

/**
 * Trellis on a free port and the baseline beside it, driven by the same requests at the same
 * concurrency, one after the other for each setting, so both see the same machine. Trellis's
 * answer to each request is captured once, and the baseline serves exactly that.
 */
export async function benchRoutes(
  trellis: Trellis,
  cannon: Cannon,
  settings: { connections: number[]; seconds: number },
  log: (line: string) => void,
) {
  const address = await trellis.app.listen({ port: 0, host: '127.0.0.1' })
  const url = `${address}/graphql`
  const routes = await routesFor(trellis)
  const answers = new Map<string, Record<string, unknown>>()
  const texts = new Map<string, string>()
  for (const route of routes) {
    const text = await post(url, route, route.bodies[0]!)
    const answer = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[] }
    if (answer.errors || !answer.data)
      throw new Error(`${route.name} failed on Trellis: ${text.slice(0, 500)}`)
    answers.set(route.operation, answer.data)
    texts.set(route.operation, text)
  }
  const baseline = await startBaseline(answers)
  const notes = new Map<string, string>()
  const results: Array<Omit<RouteResult, 'store'>> = []
  try {
    for (const route of routes.filter((r) => r.query)) {
      const same = (await post(baseline.url, route, route.bodies[0]!)) === texts.get(route.operation)
      if (!same) log(`the baseline's answer to ${route.name} differs from Trellis's`)
      log(`${route.name}: ${texts.get(route.operation)!.length} bytes${same ? ', baseline identical' : ''}`)
    }
    for (const route of routes) {
      const job = (target: string, connections: number, seconds: number) =>
        cannon.fire({
          url: target,
          headers: { authorization: `Bearer ${route.apiKey}` },
          bodies: route.bodies,
          connections,
          seconds,
        })
      // Warm-up: JIT, connection pools and mercurius's query cache on both sides.
      await job(baseline.url, 8, 1)
      await job(url, 8, 1)
      for (const connections of settings.connections) {
        const base = await job(baseline.url, connections, settings.seconds)
        const real = await job(url, connections, settings.seconds)
        const rps = real.requests / real.seconds
        const baselineRps = base.requests / base.seconds
        results.push({
          name: route.name,
          concurrency: connections,
          rps,
          p50Ms: real.p50Ms,
          p99Ms: real.p99Ms,
          baselineRps,
          ratio: rps / baselineRps,
          baselineP50Ms: base.p50Ms,
          baselineP99Ms: base.p99Ms,
        })
        const note = [
          real.failures || base.failures
            ? `FAILURES: ${real.failures} trellis, ${base.failures} baseline`
            : '',
          // Requests slower than the window never finish inside it: rps and latency are then understated.
          real.requests < 2 * connections ? `only ${real.requests} answers in the window` : '',
        ].filter(Boolean)
        if (note.length) notes.set(`${route.name}/${connections}`, note.join('; '))
        log(
          `${route.name} @${connections}: ${rps.toFixed(0)} rps (baseline ${baselineRps.toFixed(0)}), p99 ${real.p99Ms} ms (baseline ${base.p99Ms} ms)`,
        )
      }
    }
  } finally {
    await baseline.close()
    await trellis.app.close()
  }
  return { results, notes, queries: routes.filter((r) => r.query).map((r) => r.name) }
}

async function post(url: string, route: Route, body: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${route.apiKey}` },
    body,
  })
  return response.text()
}
