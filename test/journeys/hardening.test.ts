import { request } from 'node:http'
import { connect } from 'node:net'
import { parse } from 'parse5'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_DEPTH, MAX_NESTING, MAX_TOKENS } from '../../infra/http/limits.ts'
import { FAILED_AUTH_LIMIT } from '../../infra/http/throttle.ts'
import { buildProgram, keyFor } from '../support/program.ts'
import { bearer, startServer, type TestServer } from '../support/server.ts'

/** Hostile requests are refused before they cost anything, in the GraphQL error shape. */
describe('journey: hostile requests are refused cheaply', () => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>
  let admin: Record<string, string>

  beforeAll(async () => {
    server = await startServer('pglite')
    p = await buildProgram(server)
    admin = bearer(p.adminKey)
  })
  afterAll(() => server?.close())

  const post = async (body: BodyInit, headers: Record<string, string> = admin) => {
    const started = performance.now()
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      duplex: 'half',
    } as RequestInit)
    const json = (await response.json()) as { data: unknown; errors?: any[] }
    return { status: response.status, ms: performance.now() - started, ...json }
  }
  const query = (text: string) => post(JSON.stringify({ query: text }))
  const refusal = (r: { status: number; data: unknown; errors?: any[] }) => ({
    status: r.status,
    data: r.data,
    code: r.errors?.[0]?.extensions?.code,
    reason: r.errors?.[0]?.extensions?.reason,
  })
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

  /** A real read that touches the read models: what refusals are measured against. */
  const normal = `{ mentorships(first: 5) { edges { node { id mentor { name } mentee { name } checkIns(first: 4) { edges { node { weekOf status } } } } } } }`
  async function stillAnswers() {
    const r = await query(normal)
    expect(r.errors).toBeUndefined()
    expect(r.status).toBe(200)
  }
  async function normalMs() {
    const times: number[] = []
    for (let i = 0; i < 5; i++) times.push((await query(normal)).ms)
    return median(times)
  }

  describe('bodies', () => {
    const tenMegabytes = 10 * 1024 * 1024

    it('a 10 MB body is 413 body_too_large in the GraphQL error shape, and the server answers on', async () => {
      const r = await post(JSON.stringify({ query: `{ me { id } } #${'x'.repeat(tenMegabytes)}` }))
      expect(refusal(r)).toEqual({
        status: 413,
        data: null,
        code: 'BAD_USER_INPUT',
        reason: 'body_too_large',
      })
      expect(r.errors![0].extensions.fields).toEqual([{ field: 'body', message: r.errors![0].message }])
      await stillAnswers()
    })

    it('is refused on its Content-Length alone: the answer comes before the body is sent', async () => {
      const head =
        `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
        `Authorization: Bearer ${p.adminKey}\r\nContent-Length: ${tenMegabytes}\r\n\r\n{"query":`
      const answer = await rawExchange(head, [])
      expect(answer.statusLine).toBe('HTTP/1.1 413 Payload Too Large')
      expect(JSON.parse(answer.body).errors[0].extensions.reason).toBe('body_too_large')
      expect(answer.bodyBytesSent).toBe(0)
    })

    it('a chunked upload without Content-Length is cut off once it passes the limit', async () => {
      const megabyte = 'x'.repeat(1024 * 1024)
      const head =
        `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
        `Authorization: Bearer ${p.adminKey}\r\nTransfer-Encoding: chunked\r\n\r\n`
      const chunk = `${megabyte.length.toString(16)}\r\n${megabyte}\r\n`
      const answer = await rawExchange(
        head,
        Array.from({ length: 10 }, () => chunk),
      )
      expect(answer.statusLine).toBe('HTTP/1.1 413 Payload Too Large')
      expect(JSON.parse(answer.body).errors[0].extensions.reason).toBe('body_too_large')
      // The answer came while the upload was still going: far fewer than 10 MB were sent.
      expect(answer.bodyBytesSent).toBeLessThan(tenMegabytes / 2)

      // The same through fetch (undici streams a ReadableStream body chunked): the server reads and
      // drops the rest of the upload rather than resetting it, so the client gets the answer.
      const streamed = await post(
        new ReadableStream({
          start(controller) {
            for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(megabyte))
            controller.close()
          },
        }),
      )
      expect(refusal(streamed)).toMatchObject({
        status: 413,
        code: 'BAD_USER_INPUT',
        reason: 'body_too_large',
      })
      await stillAnswers()
    })

    it('an upload that goes on after its 413 is read and dropped for a while, then cut off', async () => {
      const { hostname, port } = new URL(server.url)
      const socket = connect({ host: hostname, port: Number(port) })
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
          `Authorization: Bearer ${p.adminKey}\r\nTransfer-Encoding: chunked\r\n\r\n`,
      )
      let received = ''
      socket.on('data', (data) => (received += data.toString('latin1')))
      socket.on('error', () => undefined)
      const closed = new Promise<void>((done) => socket.on('close', () => done()))
      const piece = 'y'.repeat(64 * 1024)
      let writing = true
      void closed.then(() => (writing = false))
      const started = performance.now()
      // Never ends the body: only the server's linger limit stops this loop.
      while (writing && performance.now() - started < 30_000) {
        await new Promise<void>((done) =>
          socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`, () => done()),
        )
        await new Promise((later) => setTimeout(later, 10))
      }
      await closed
      expect(received.slice(0, received.indexOf('\r\n'))).toBe('HTTP/1.1 413 Payload Too Large')
      expect(writing).toBe(false)
      await stillAnswers()
    })

    it('batched operations (a JSON array) are refused as one BAD_USER_INPUT, however many', async () => {
      const batch = Array.from({ length: 5000 }, () => ({ query: '{ me { id } }' }))
      const r = await post(JSON.stringify(batch))
      expect(refusal(r)).toEqual({
        status: 400,
        data: null,
        code: 'BAD_USER_INPUT',
        reason: 'batched_operations',
      })
      expect(r.errors).toHaveLength(1)
      await stillAnswers()
    })
  })

  describe('documents', () => {
    const nested = (levels: number) => `{${'a{'.repeat(levels)}b${'}'.repeat(levels)}}`

    it.each([
      ['10,000 levels of {a{a{…}}}', nested(10_000), 'query_too_deep'],
      ['100,000 levels of {a{a{…}}}', nested(100_000), 'query_too_deep'],
      [
        'an argument 100,000 lists deep',
        `{ me(x: ${'['.repeat(100_000)}${']'.repeat(100_000)}) { id } }`,
        'query_too_deep',
      ],
      [`brackets just over ${MAX_NESTING} deep`, nested(MAX_NESTING), 'query_too_deep'],
      [
        `fields ${MAX_DEPTH + 1} deep`,
        `{ mentorships { edges { node { checkIns { edges { node { mentorship { checkIns { edges { node { mentorship { mentee { name } } } } } } } } } } } } }`,
        'query_too_deep',
      ],
      [
        '20,000 aliases',
        `{ ${Array.from({ length: 20_000 }, (_, i) => `a${i}: me { id }`).join(' ')} }`,
        'query_too_large',
      ],
      [
        '5,000 fragments',
        `{ ...F0 } ${Array.from({ length: 5000 }, (_, i) => `fragment F${i} on Query { me { id } }`).join(' ')}`,
        'query_too_large',
      ],
      [
        '30 fragments each spreading the next twice (2^30 paths)',
        `{ ...F0 } ${Array.from(
          { length: 30 },
          (_, i) => `fragment F${i} on Query { me { id } ${i < 29 ? `...F${i + 1} ...F${i + 1}` : ''} }`,
        ).join(' ')}`,
        'query_too_costly',
      ],
      [
        '300 fragments each one level deeper',
        `{ mentorships(first: 1) { edges { node { ...F0 } } } } ${Array.from(
          { length: 300 },
          (_, i) =>
            `fragment F${i} on Mentorship { mentor { id } checkIns(first: 1) { edges { node { mentorship { ${i < 299 ? `...F${i + 1}` : 'id'} } } } } }`,
        ).join(' ')}`,
        'query_too_deep',
      ],
    ])('%s: 400 BAD_USER_INPUT, refused about as fast as a normal read', async (_, text, reason) => {
      const baseline = await normalMs()
      const r = await query(text)
      expect(refusal(r)).toEqual({ status: 400, data: null, code: 'BAD_USER_INPUT', reason })
      expect(r.errors![0].extensions.fields).toEqual([{ field: 'query', message: r.errors![0].message }])
      // Before the fix the fragment bomb took over a minute; a refusal now costs about what a read does.
      expect(r.ms).toBeLessThan(Math.max(baseline, 5) * 20)
      await stillAnswers()
    })

    it('the token limit is one a real query never meets: GraphiQL’s introspection is far below it', async () => {
      const introspection = `{ __schema { queryType { name } mutationType { name } subscriptionType { name } types { kind name description fields(includeDeprecated: true) { name description args { name description type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } defaultValue } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } isDeprecated deprecationReason } inputFields { name type { kind name ofType { kind name } } } interfaces { kind name } enumValues(includeDeprecated: true) { name } possibleTypes { kind name } } } }`
      const r = await query(introspection)
      expect(r.errors).toBeUndefined()
      expect(MAX_TOKENS).toBeGreaterThan(20 * introspection.split(/\s+/).length)
    })

    it('a deep query in a GET is refused the same way', async () => {
      const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent(nested(1000))}`, {
        headers: admin,
      })
      const json = (await response.json()) as any
      expect(refusal({ status: response.status, ...json })).toEqual({
        status: 400,
        data: null,
        code: 'BAD_USER_INPUT',
        reason: 'query_too_deep',
      })
    })
  })

  /**
   * Sends `head`, then each of `parts` while the server lets it, and reads the answer. Counts the
   * body bytes that were sent before the answer came.
   */
  function rawExchange(head: string, parts: string[]) {
    const { hostname, port } = new URL(server.url)
    return new Promise<{ statusLine: string; body: string; bodyBytesSent: number }>((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) })
      let received = ''
      let sent = 0
      let answered = false
      const answer = () => {
        const end = received.indexOf('\r\n\r\n')
        const length = /content-length: (\d+)/i.exec(received)?.[1]
        if (answered || end < 0 || !length || received.length < end + 4 + Number(length)) return
        answered = true
        socket.destroy()
        resolve({
          statusLine: received.slice(0, received.indexOf('\r\n')),
          body: received.slice(end + 4, end + 4 + Number(length)),
          bodyBytesSent: sent,
        })
      }
      socket.on('data', (data) => {
        received += data.toString('latin1')
        answer()
      })
      // The server may close its side once it has answered, while parts are still being written.
      socket.on('error', () => answer())
      socket.on('close', () => (answered ? undefined : reject(new Error(`no answer: ${received}`))))
      socket.write(head, async () => {
        for (const part of parts) {
          if (answered || socket.destroyed) return
          // Each part is counted once the kernel took it, not while it waits in a buffer here.
          await new Promise<void>((done) => socket.write(part, () => done()))
          if (!answered) sent += part.length
          await new Promise((later) => setTimeout(later, 5))
        }
      })
    })
  }
})

describe('journey: every response carries the security headers', () => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>

  beforeAll(async () => {
    server = await startServer('pglite')
    p = await buildProgram(server)
  })
  afterAll(() => server?.close())

  const answers = () =>
    [
      ['a query', () => gqlRaw(`{ me { id } }`, p.adminKey)],
      ['a refused query', () => gqlRaw(`{ nope }`, p.adminKey)],
      ['a refused key', () => gqlRaw(`{ me { id } }`, 'trl_nope')],
      ['health', () => fetch(`${server.url}/healthz`)],
      ['an unknown route', () => fetch(`${server.url}/nowhere`)],
      ['GraphiQL', () => fetch(`${server.url}/graphiql`)],
    ] as const
  const gqlRaw = (text: string, key: string) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: text }),
    })

  it('nosniff, no referrer, no framing, and a content security policy on each', async () => {
    for (const [what, send] of answers()) {
      const headers = (await send()).headers
      expect({ what, nosniff: headers.get('x-content-type-options') }).toEqual({ what, nosniff: 'nosniff' })
      expect(headers.get('referrer-policy')).toBe('no-referrer')
      expect(headers.get('x-frame-options')).toBe('DENY')
      const csp = policyOf(headers.get('content-security-policy'))
      expect(csp['frame-ancestors']).toEqual(["'none'"])
      expect(csp['default-src']).toEqual(["'none'"])
    }
  })

  it('JSON answers allow nothing to load or run', async () => {
    const csp = policyOf((await fetch(`${server.url}/healthz`)).headers.get('content-security-policy'))
    expect(Object.keys(csp).filter((d) => d.endsWith('-src'))).toEqual(['default-src'])
  })

  it('GraphiQL’s policy allows exactly what its page loads, and no inline or eval’d script', async () => {
    const page = await fetch(`${server.url}/graphiql`)
    expect(page.status).toBe(200)
    const csp = policyOf(page.headers.get('content-security-policy'))
    // The page's own scripts: all external, all from this server.
    const scripts = elements(parse(await page.text()), 'script')
    expect(scripts.length).toBeGreaterThan(0)
    for (const script of scripts) {
      const src = script.attrs.find((a) => a.name === 'src')?.value
      expect(src, 'an inline script').toBeTruthy()
      expect(new URL(src!, `${server.url}/graphiql`).origin).toBe(server.url)
      expect((await fetch(new URL(src!, `${server.url}/graphiql`))).status).toBe(200)
    }
    // What main.js loads from elsewhere, and what the service worker caches.
    const main = await (await fetch(`${server.url}/graphiql/main.js`)).text()
    const worker = await (await fetch(`${server.url}/graphiql/sw.js`)).text()
    const external = (text: string) => [...new Set(text.match(/https:\/\/[^'"\s]+/g) ?? [])]
    const loadedScripts = external(main).filter((u) => u.endsWith('.js'))
    const loadedStyles = external(main).filter((u) => u.endsWith('.css'))
    expect(loadedScripts.length).toBeGreaterThan(0)
    expect(loadedStyles.length).toBeGreaterThan(0)
    expect(csp['script-src']!.sort()).toEqual(["'self'", ...loadedScripts].sort())
    for (const style of loadedStyles) expect(csp['style-src']).toContain(style)
    for (const cached of external(worker)) expect(csp['connect-src']).toContain(cached)
    expect(csp['connect-src']).toContain("'self'")
    expect(csp['worker-src']).toEqual(["'self'"])
    for (const directive of Object.values(csp)) {
      expect(directive).not.toContain("'unsafe-eval'")
      expect(directive).not.toContain('*')
      expect(directive.filter((s) => /^https?:$|^https:\/\/[^/]+\/?$/.test(s))).toEqual([])
    }
    expect(csp['script-src']).not.toContain("'unsafe-inline'")
    expect(csp['object-src'] ?? csp['default-src']).toEqual(["'none'"])
  })

  function policyOf(header: string | null): Record<string, string[]> {
    expect(header).toBeTruthy()
    return Object.fromEntries(
      header!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...sources]) => [name!, sources]),
    )
  }
})

describe('journey: production answers say nothing of the inside', () => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>
  const SECRET = 'connection to db-internal.example:5432 refused at /srv/trellis/infra/db/database.ts:42'

  beforeAll(async () => {
    server = await startServer('pglite', { config: { production: true } })
    p = await buildProgram(server)
  })
  afterAll(() => server?.close())

  const leaks = (text: string) => [SECRET, 'at ', '.ts:', 'stack', 'Error:'].filter((s) => text.includes(s))

  it('no GraphiQL', async () => {
    expect((await fetch(`${server.url}/graphiql`)).status).toBe(404)
  })

  it('a resolver that fails inside is "internal error", nothing more', async () => {
    const deps = server.trellis.deps
    const db = deps.db
    deps.db = new Proxy(db, {
      get: (target, property) =>
        property === 'selectFrom'
          ? () => {
              throw new Error(SECRET)
            }
          : Reflect.get(target, property),
    })
    try {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(p.menteeKey) },
        body: JSON.stringify({ query: `{ me { id person { name } } }` }),
      })
      const text = await response.text()
      expect(leaks(text)).toEqual([])
      const { errors } = JSON.parse(text)
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatchObject({
        message: 'internal error',
        path: ['me', 'person'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      })
      expect(Object.keys(errors[0].extensions)).toEqual(['code'])
    } finally {
      deps.db = db
    }
  })

  it('a failure while authenticating is a 500 "internal error"', async () => {
    const db = server.trellis.database.db
    const selectFrom = db.selectFrom
    db.selectFrom = () => {
      throw new Error(SECRET)
    }
    try {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(p.menteeKey) },
        body: JSON.stringify({ query: `{ me { id } }` }),
      })
      const text = await response.text()
      expect(response.status).toBe(500)
      expect(leaks(text)).toEqual([])
      expect(JSON.parse(text)).toEqual({
        data: null,
        errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      })
    } finally {
      db.selectFrom = selectFrom
    }
  })

  it('a failure outside GraphQL (health) is a 500 "internal error" too', async () => {
    const projector = server.trellis.projector
    Object.defineProperty(projector, 'failure', {
      configurable: true,
      get: () => {
        throw new Error(SECRET)
      },
    })
    try {
      const response = await fetch(`${server.url}/healthz`)
      const text = await response.text()
      expect(response.status).toBe(500)
      expect(leaks(text)).toEqual([])
      expect(JSON.parse(text).errors[0]).toEqual({
        message: 'internal error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      })
    } finally {
      Object.defineProperty(projector, 'failure', { configurable: true, get: () => null })
    }
  })
})

describe('journey: failed authentication is throttled per address and per key', () => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>

  beforeAll(async () => {
    server = await startServer('pglite')
    p = await buildProgram(server)
  })
  afterAll(() => server?.close())

  /** A query over real HTTP from a chosen loopback address (all of 127/8 is this machine). */
  function from(address: string, key: string | null) {
    const { hostname, port } = new URL(server.url)
    return new Promise<{ status: number; retryAfter: string | undefined; body: any }>((resolve, reject) => {
      const body = JSON.stringify({ query: '{ me { id } }' })
      const req = request(
        {
          host: hostname,
          port,
          localAddress: address,
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        },
        (response) => {
          let text = ''
          response.on('data', (chunk) => (text += chunk))
          response.on('end', () =>
            resolve({
              status: response.statusCode!,
              retryAfter: response.headers['retry-after'] as string | undefined,
              body: JSON.parse(text),
            }),
          )
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  }
  const unknownKey = () => `trl_${crypto.randomUUID().replaceAll('-', '')}_${'A'.repeat(43)}`
  const wrongSecret = (key: string) => key.replace(/_[A-Za-z0-9_-]{43}$/, `_${'B'.repeat(43)}`)
  const later = (seconds: number) => server.clock.set(server.clock.now().plus({ seconds }))

  it(`after ${FAILED_AUTH_LIMIT} failures an address gets 429 RATE_LIMITED with Retry-After, for any key, until the window passes`, async () => {
    for (let i = 0; i < FAILED_AUTH_LIMIT; i++) {
      const r = await from('127.0.0.2', unknownKey())
      expect(r.status).toBe(401)
    }
    const limited = await from('127.0.0.2', unknownKey())
    expect(limited.status).toBe(429)
    expect(limited.retryAfter).toBe('60')
    expect(limited.body).toEqual({
      data: null,
      errors: [
        {
          message: expect.stringContaining('try again in 60 s'),
          extensions: { code: 'RATE_LIMITED', reason: 'too_many_failed_authentications', retryAfter: 60 },
        },
      ],
    })
    // Blocked whatever it presents: checking a key now would tell a right guess from a wrong one.
    expect((await from('127.0.0.2', p.adminKey)).status).toBe(429)
    // Another address is not held back.
    expect((await from('127.0.0.3', p.adminKey)).status).toBe(200)

    later(30)
    expect((await from('127.0.0.2', p.adminKey)).retryAfter).toBe('30')
    later(31)
    expect((await from('127.0.0.2', p.adminKey)).status).toBe(200)
  })

  it('wrong secrets for one real key from many addresses hold back further wrong secrets, not its holder', async () => {
    const key = await keyFor(server, bearer(p.adminKey), p.menteeId)
    for (let i = 0; i < FAILED_AUTH_LIMIT; i++) {
      expect((await from(`127.0.1.${i + 1}`, wrongSecret(key))).status).toBe(401)
    }
    const limited = await from('127.0.1.100', wrongSecret(key))
    expect(limited.status).toBe(429)
    expect(limited.body.errors[0].extensions.code).toBe('RATE_LIMITED')
    expect((await from('127.0.1.102', wrongSecret(key))).status).toBe(429)
    // Its holder is not locked out by whoever knows the key's id, and other keys work.
    expect((await from('127.0.1.101', key)).status).toBe(200)
    expect((await from('127.0.1.101', p.menteeKey)).status).toBe(200)
    later(61)
    expect((await from('127.0.1.103', wrongSecret(key))).status).toBe(401)
  })

  it('successful requests are never counted: many in a row, and around failures', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, () => from('127.0.2.1', p.mentorKey)))
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200))
    for (let i = 0; i < FAILED_AUTH_LIMIT - 1; i++) {
      expect((await from('127.0.2.1', unknownKey())).status).toBe(401)
      expect((await from('127.0.2.1', p.mentorKey)).status).toBe(200)
    }
    // Successes did not reset the count: one more failure reaches the limit.
    expect((await from('127.0.2.1', unknownKey())).status).toBe(401)
    expect((await from('127.0.2.1', p.mentorKey)).status).toBe(429)
  })

  it('a caller without credentials is not throttled (it may only call setup)', async () => {
    for (let i = 0; i < FAILED_AUTH_LIMIT; i++) await from('127.0.3.1', unknownKey())
    expect((await from('127.0.3.1', unknownKey())).status).toBe(429)
    const anonymous = await from('127.0.3.1', null)
    expect(anonymous.status).toBe(200)
    expect(anonymous.body.errors?.[0]?.extensions.code).not.toBe('RATE_LIMITED')
  })
})

type Parse5Node = {
  nodeName: string
  attrs?: Array<{ name: string; value: string }>
  childNodes?: Parse5Node[]
}

function elements(
  node: Parse5Node,
  name: string,
): Array<Parse5Node & { attrs: Array<{ name: string; value: string }> }> {
  const found: any[] = []
  const stack = [node]
  while (stack.length) {
    const next = stack.pop()!
    if (next.nodeName === name) found.push(next)
    stack.push(...(next.childNodes ?? []), ...((next as any).content?.childNodes ?? []))
  }
  return found
}
