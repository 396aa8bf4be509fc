import { DateTime } from 'luxon'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { sendDueReminders } from '../../services/reminders/sweep.ts'
import type { EmbeddedEngine } from '../../workflows/embedded.ts'
import { untilDispatched } from './lifecycle.ts'
import type { TestServer } from './server.ts'

/** One mail as the SMTP server received it, and its MIME parts decoded. */
export interface ReceivedMail {
  /** RCPT TO of the envelope. */
  to: string[]
  headers: Map<string, string>
  subject: string
  text: string
  attachments: Array<{ filename: string; contentType: string; content: string }>
  raw: string
}

/**
 * A real SMTP server on a free loopback port (smtp-server, no TLS, no auth), collecting what
 * Trellis sends. `failNext(n)` answers the next n messages with a temporary failure (451).
 */
export async function startSmtpInbox() {
  const received: ReceivedMail[] = []
  let failures = 0
  let taken = 0
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (failures > 0) {
          failures--
          const error = Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 })
          return callback(error)
        }
        const raw = Buffer.concat(chunks).toString('utf8')
        received.push({ ...parseMail(raw), to: session.envelope.rcptTo.map((r) => r.address) })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** The mails received since the last call. */
    take() {
      const fresh = received.slice(taken)
      taken = received.length
      return fresh
    },
    failNext(n: number) {
      failures = n
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Just enough MIME (RFC 2045–2047) for what nodemailer writes: headers, multipart, base64, QP. */
export function parseMail(raw: string): Omit<ReceivedMail, 'to'> {
  const root = parsePart(raw)
  const leaves = flatten(root)
  const isAttachment = (p: Part) => /attachment/i.test(p.headers.get('content-disposition') ?? '')
  const text = leaves.find((p) => !isAttachment(p) && /^text\/plain/i.test(contentType(p)))
  return {
    headers: root.headers,
    subject: decodeWords(root.headers.get('subject') ?? ''),
    text: text ? decodeBody(text) : '',
    attachments: leaves.filter(isAttachment).map((p) => ({
      filename: /filename="?([^";]+)"?/i.exec(p.headers.get('content-disposition') ?? '')?.[1] ?? '',
      contentType: contentType(p),
      content: decodeBody(p),
    })),
    raw,
  }
}

interface Part {
  headers: Map<string, string>
  body: string
  parts: Part[]
}

function parsePart(raw: string): Part {
  const split = raw.indexOf('\r\n\r\n')
  const head = split < 0 ? raw : raw.slice(0, split)
  const body = split < 0 ? '' : raw.slice(split + 4)
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1]
  const parts = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1)
        .filter((chunk) => !chunk.startsWith('--'))
        .map((chunk) => parsePart(chunk.replace(/^\r\n/, '').replace(/\r\n$/, '')))
    : []
  return { headers, body, parts }
}

const flatten = (part: Part): Part[] => (part.parts.length ? part.parts.flatMap(flatten) : [part])
const contentType = (p: Part) => p.headers.get('content-type') ?? 'text/plain'

function decodeBody(part: Part) {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase()
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body.replace(/=\r\n/g, ''))
  return part.body
}

function decodeQuotedPrintable(text: string) {
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'))
  }
  return Buffer.from(bytes).toString('utf8')
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`); whitespace between two is dropped. */
function decodeWords(value: string) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    )
}

/**
 * Moves the clock, lets the embedded lifecycle fire what fell due and the read models catch up,
 * then sweeps reminders once: the mails that sweep sent.
 */
export async function sweepAt(server: TestServer, inbox: { take(): ReceivedMail[] }, at: string) {
  const { trellis } = server
  server.clock.set(DateTime.fromISO(at, { zone: 'utc' }))
  for (let round = 0; round < 10; round++) {
    await untilDispatched(trellis)
    if ((await (trellis.engine as EmbeddedEngine).tick()) === 0) break
  }
  await trellis.projector.waitFor(await trellis.store.headPosition())
  await sendDueReminders(trellis.deps)
  return inbox.take()
}
