import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Deps } from '../../services/deps.ts'
import { unsubscribe } from '../../services/reminders/handlers.ts'
import { personByUnsubscribeToken } from '../../services/reminders/queries.ts'

type Request = FastifyRequest<{ Querystring: { token?: string } }>

/** 32 random bytes, base64url: what services/reminders/handlers.ts issues. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/
/** The confirmation page may post its own form back, and nothing else. */
const PAGE_CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

const page = (reply: FastifyReply, status: number, body: string) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', PAGE_CSP)
    .header('cache-control', 'no-store')
    .send(
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>Trellis reminders</title>${body}</html>\n`,
    )

/**
 * The reminder mails' unsubscribe link (`?token=` a person's secret). GET only asks — link
 * scanners and previews follow links, and must not turn anyone's mail off (RFC 8058 §4) — with a
 * one-button form; POST, from that form or a mail client's one-click (`List-Unsubscribe=One-Click`),
 * turns the person's reminders off. An unknown secret is a 404 either way.
 */
export function unsubscribeRoutes(deps: Deps) {
  return async function reminderUnsubscribe(app: FastifyInstance) {
    // Mail clients post a form body (urlencoded or multipart); the secret in the URL is all that counts.
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body))

    app.get('/reminders/unsubscribe', async (request: Request, reply) => {
      const token = request.query.token ?? ''
      const person = TOKEN.test(token) ? await personByUnsubscribeToken(deps.db, token) : undefined
      if (!person) return page(reply, 404, '<p>This unsubscribe link is not valid.</p>')
      return page(
        reply,
        200,
        '<h1>Stop Trellis reminders?</h1><p>You will get no more reminder emails from Trellis.</p>' +
          '<form method="post"><button type="submit">Unsubscribe</button></form>',
      )
    })

    app.post('/reminders/unsubscribe', async (request: Request, reply) => {
      const token = request.query.token ?? ''
      const person = TOKEN.test(token) ? await unsubscribe(deps, token) : null
      const html = /text\/html/.test(request.headers.accept ?? '')
      if (!person)
        return html
          ? page(reply, 404, '<p>This unsubscribe link is not valid.</p>')
          : reply.code(404).send({ unsubscribed: false })
      return html
        ? page(reply, 200, '<p>Done: you will get no more reminder emails from Trellis.</p>')
        : reply.send({ unsubscribed: true })
    })
  }
}
