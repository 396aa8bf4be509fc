/** Runs `work` over `items` with at most `limit` in flight; resolves when all are done. */
export async function inPool<T>(items: Iterable<T>, limit: number, work: (item: T) => Promise<void>) {
  const iterator = items[Symbol.iterator]()
  async function worker() {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await work(next.value)
  }
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker))
}
