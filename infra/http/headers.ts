import type { FastifyReply } from 'fastify'

/**
 * What mercurius's GraphiQL page loads besides itself (node_modules/mercurius/static/main.js and
 * sw.js, GraphiQL 3.8.3): React and GraphiQL from unpkg, and GraphiQL's stylesheet. Exactly these
 * files are allowed; a mercurius upgrade that moves them shows in the GraphiQL test.
 */
export const GRAPHIQL_SCRIPTS = [
  'https://unpkg.com/react@18.3.1/umd/react.production.min.js',
  'https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js',
  'https://unpkg.com/graphiql@3.8.3/graphiql.min.js',
]
export const GRAPHIQL_STYLES = [
  'https://unpkg.com/graphiql@3.8.3/graphiql.min.css',
  // The service worker caches the unminified one too.
  'https://unpkg.com/graphiql@3.8.3/graphiql.css',
]

const policy = (directives: Record<string, string[]>) =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ')

/** The API answers JSON: nothing in a response may load, run or be framed. */
export const API_CSP = policy({
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
})

/**
 * GraphiQL: its own scripts and the files above. Styles also allow inline: the page has a
 * `<style>` block and GraphiQL's dialogs insert `<style>` elements at run time. Its fonts are
 * `data:` URLs inside its stylesheet. The service worker's fetches are `connect-src`, so the
 * files it caches are listed there too; 'self' covers the API and its WebSocket.
 */
export const GRAPHIQL_CSP = policy({
  'default-src': ["'none'"],
  'script-src': ["'self'", ...GRAPHIQL_SCRIPTS],
  'style-src': ["'self'", "'unsafe-inline'", ...GRAPHIQL_STYLES],
  'font-src': ['data:'],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'", ...GRAPHIQL_SCRIPTS, ...GRAPHIQL_STYLES],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
})

/** Headers every response carries; GraphiQL's page and files get their own policy. */
export function setSecurityHeaders(url: string, reply: FastifyReply) {
  const path = url.split('?')[0]!
  const graphiql = path === '/graphiql' || path.startsWith('/graphiql/')
  reply
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('content-security-policy', graphiql ? GRAPHIQL_CSP : API_CSP)
}
