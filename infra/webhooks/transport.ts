import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { LookupFunction } from 'node:net'
import { isPrivateAddress, refusedUrl } from '../../services/webhooks/addresses.ts'
import type { WebhookTransport } from '../../services/webhooks/delivery.ts'

const TIMEOUT_MS = 10_000
/** A receiver's answer is read no further than this: only its status matters. */
const MAX_ANSWER_BYTES = 64 * 1024

/**
 * A name is resolved once, and the connection goes to the address that was checked: a DNS answer
 * that changes between the check and the connection (rebinding) cannot slip a private one in.
 */
type Resolve = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void

function guardedLookup(allowPrivate: boolean, resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0)
      const allowed = allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a.address))
      if (!allowed.length)
        return callback(
          Object.assign(new Error(`${hostname} resolves to a private address: refused`), {
            code: 'EPRIVATE',
          }),
          '',
          0,
        )
      if ((options as { all?: boolean }).all) return (callback as any)(null, allowed)
      callback(null, allowed[0]!.address, allowed[0]!.family)
    })
  }
}

/** POSTs over HTTP(S): no redirects followed, 10 s at most, loopback and private networks refused. */
export function createWebhookTransport(options: {
  allowPrivate: boolean
  resolve?: Resolve
}): WebhookTransport {
  const lookup = guardedLookup(options.allowPrivate, options.resolve ?? (dnsLookup as Resolve))
  return {
    post(url, headers, body) {
      const target = new URL(url)
      const refused = refusedUrl(target, options.allowPrivate)
      if (refused) return Promise.reject(new Error(`the URL ${refused}`))
      const request = target.protocol === 'https:' ? httpsRequest : httpRequest
      return new Promise((resolve, reject) => {
        const req = request(
          target,
          {
            method: 'POST',
            headers: {
              ...headers,
              'content-length': Buffer.byteLength(body),
              'user-agent': 'Trellis-Webhooks/1',
            },
            lookup,
            timeout: TIMEOUT_MS,
          },
          (res) => {
            let read = 0
            res.on('data', (chunk: Buffer) => {
              read += chunk.length
              if (read > MAX_ANSWER_BYTES) res.destroy()
            })
            res.on('close', () => resolve({ status: res.statusCode ?? 0 }))
            res.on('error', () => resolve({ status: res.statusCode ?? 0 }))
          },
        )
        req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)))
        req.on('error', reject)
        req.end(body)
      })
    },
  }
}
