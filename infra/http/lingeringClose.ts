import type { FastifyReply, FastifyRequest } from 'fastify'

/** How long a refused upload may go on being read (and discarded) after its answer. */
export const LINGER_MS = 2000

/**
 * Answers sent before the request body was read (a 413) must not close the socket at once: data
 * still arriving on a closed socket makes the kernel reset the connection, and a client still
 * writing then sees the reset instead of our answer (RFC 9112 §9.6). So the rest of the body is
 * read and dropped for LINGER_MS, and the socket is closed only if the upload is still going then.
 */
export function lingerAfterEarlyAnswer(request: FastifyRequest, reply: FastifyReply) {
  const raw = request.raw
  if (raw.complete || reply.statusCode !== 413) return
  // Fastify asks for `connection: close`; Node would then destroy the socket right after the answer.
  reply.removeHeader('connection')
  raw.resume()
  const socket = raw.socket
  const timer = setTimeout(() => {
    if (!raw.complete) socket.destroy()
  }, LINGER_MS)
  timer.unref()
  raw.once('end', () => clearTimeout(timer))
  socket.once('close', () => clearTimeout(timer))
}
