import type { Kysely } from 'kysely'

/** Whether a key has been revoked (an unknown key counts as revoked). */
export async function isKeyRevoked(db: Kysely<any>, keyId: string): Promise<boolean> {
  const row = await db.selectFrom('api_keys').select('revoked_at').where('id', '=', keyId).executeTakeFirst()
  return !row || row.revoked_at !== null
}
