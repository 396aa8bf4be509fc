import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Database } from '../../infra/db/database.ts'
import { openTestDatabase } from '../../test/support/databases.ts'
import { describeWithStores } from '../../test/support/stores.ts'
import { decodeKeyCursor, keyCursor, keysetPage, type ExportTable } from './keyset.ts'

const ids = Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`)
// Ties on the instant (several rows each), and instants a microsecond apart, which a cursor
// rounded to the millisecond (as a JS Date is) would merge: it would skip or repeat rows.
const instants = [
  '2026-11-20 12:00:00+00',
  '2026-11-20 12:00:00.000001+00',
  '2026-11-20 12:00:00.000002+00',
  '2026-11-21 09:30:00+00',
]

const table: ExportTable = {
  columns: ['at', 'id', 'n'],
  key: [
    ['at', 'timestamptz'],
    ['id', 'uuid'],
  ],
  source: (db) => db.selectFrom('keyset_rows').select(['at', 'id', 'n']),
}

describeWithStores('keyset pages over a two-column key with ties', (kind) => {
  let database: Database
  let whole: Array<{ at: string; id: string }>

  beforeAll(async () => {
    database = await openTestDatabase(kind)
    await sql`create table keyset_rows (at timestamptz not null, id uuid not null, n int not null, primary key (at, id))`.execute(
      database.db,
    )
    // Inserted out of order, so the order comes from the key and not from how rows were written.
    const rows = instants.flatMap((at, i) =>
      ids.filter((_, j) => (i + j) % 2 === 0).map((id) => ({ at, id })),
    )
    await database.db
      .insertInto('keyset_rows')
      .values(rows.reverse().map((r, n) => ({ ...r, n })))
      .execute()
    whole = (
      await sql<{
        at: string
        id: string
      }>`select to_char(at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at, id::text as id
        from keyset_rows order by at, id`.execute(database.db)
    ).rows
  })
  afterAll(() => database?.close())

  it('every page size adds up to the whole table in key order, each row once', async () => {
    expect(whole).toHaveLength(12)
    for (let limit = 1; limit <= 13; limit++) {
      const seen: unknown[] = []
      let after: string | null = null
      let pages = 0
      do {
        const page = await keysetPage(database.db, 'keyset_rows', table, after, limit)
        expect(page.rows.length).toBeLessThanOrEqual(limit)
        seen.push(...page.rows.map((r) => r.n))
        after = page.next
      } while (after && ++pages < 20)
      const ns = await database.db.selectFrom('keyset_rows').select('n').orderBy('at').orderBy('id').execute()
      expect(seen, `limit ${limit}`).toEqual(ns.map((r) => r.n))
    }
  })

  it('a cursor holds the last key to the microsecond', async () => {
    const page = await keysetPage(database.db, 'keyset_rows', table, null, 4)
    const [at, id] = decodeKeyCursor(page.next, 'keyset_rows', table.key)
    expect(`${at!.slice(0, 10)} ${at!.slice(11, 26)}`).toBe(whole[3]!.at)
    expect(id).toBe(whole[3]!.id)
  })
})

it('a cursor is refused unless it is this export’s, with values of the key’s types', () => {
  const refused = (cursor: unknown) => () => decodeKeyCursor(cursor, 'keyset_rows', table.key)
  const ok = ['2026-11-20T12:00:00.000001Z', ids[0]!]
  expect(decodeKeyCursor(keyCursor('keyset_rows', ok), 'keyset_rows', table.key)).toEqual(ok)
  for (const bad of [
    'not-a-cursor',
    keyCursor('other_table', ok),
    keyCursor('keyset_rows', [ok[0]!]),
    keyCursor('keyset_rows', ['2026-11-20T12:00:00.001Z', ids[0]!]),
    keyCursor('keyset_rows', ['2026-02-30T12:00:00.000000Z', ids[0]!]),
    keyCursor('keyset_rows', ['0000-01-01T00:00:00.000000Z', ids[0]!]),
    keyCursor('keyset_rows', [ok[0]!, 'x']),
    keyCursor('keyset_rows', [ok[0]!, `${ids[0]}\u0000`]),
    'x'.repeat(3000),
    ['array'],
  ]) {
    expect(refused(bad)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ field: 'after' })],
      }),
    )
  }
})
