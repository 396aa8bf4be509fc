import autocannon from 'autocannon'
import type { LoadJob, LoadResult } from './cannon.ts'

/**
 * The load generator, in a process of its own: on one event loop with the server it would take
 * turns with it and halve both. Runs one autocannon job per message and answers with its figures.
 */
process.on('message', async (job: LoadJob) => {
  let next = 0
  let graphQLErrors = 0
  const result = await autocannon({
    url: job.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...job.headers },
    connections: job.connections,
    duration: job.seconds,
    timeout: 10,
    requests: [
      {
        // Several bodies (a reply to each of many check-ins) are taken in turn across connections.
        setupRequest: (request) => ({ ...request, body: job.bodies[next++ % job.bodies.length] }),
        onResponse: (status, body) => {
          if (status === 200 && body.includes('"errors"')) graphQLErrors++
        },
      },
    ],
  })
  const answer: LoadResult = {
    requests: result.requests.total,
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx + graphQLErrors,
  }
  process.send!(answer)
})
