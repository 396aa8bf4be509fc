import type { Trellis } from '../../infra/trellis.ts'

/** True once the lifecycle dispatcher has handed every stored event to its engine. */
export async function dispatched(trellis: Trellis) {
  const head = await trellis.store.headPosition()
  const row = await trellis.database.db
    .selectFrom('projection_checkpoints')
    .select('position')
    .where('name', '=', 'lifecycle_dispatch')
    .executeTakeFirst()
  return BigInt(row?.position ?? 0) >= head
}

/** Waits (bounded) until the dispatcher has caught up with the store. */
export async function untilDispatched(trellis: Trellis) {
  for (let i = 0; i < 1000; i++) {
    if (await dispatched(trellis)) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('the lifecycle dispatcher did not catch up')
}
