import { describe } from 'vitest'
import { postgresAvailable, type StoreKind } from './databases.ts'

const postgresUp = await postgresAvailable()

/** Runs the same block on PGlite and on PostgreSQL (DESIGN "Testing here"). */
export function describeWithStores(name: string, body: (kind: StoreKind) => void) {
  describe.each<StoreKind>(['pglite', 'postgres'])(`${name} [%s]`, (kind) => {
    if (kind === 'postgres' && !postgresUp) {
      describe.skip('PostgreSQL unreachable', () => body(kind))
      return
    }
    body(kind)
  })
}
