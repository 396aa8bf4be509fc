import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  headers: IncomingHttpHeaders
  body: string
}

/**
 * An HR system's endpoint: a real HTTP server on loopback that keeps what it is sent and answers
 * with whatever status the test sets.
 */
export async function startReceiver() {
  const received: Received[] = []
  let status = 200
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (status >= 200 && status < 300)
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString() })
      res.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/trellis`,
    received,
    /** The status later requests get; only 2xx ones count as received. */
    answer(code: number) {
      status = code
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
