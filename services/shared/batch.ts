/**
 * Collects the keys asked for in one tick and fetches them together: a list of 50 mentorships
 * asks for its mentors in one query, not fifty.
 */
export function batchLoader<K, V>(fetch: (keys: K[]) => Promise<Map<K, V>>) {
  let pending: Map<K, Array<(value: V | undefined) => void>> | null = null
  let failures: Array<(error: unknown) => void> = []
  const cache = new Map<K, Promise<V | undefined>>()

  function run() {
    const batch = pending!
    const rejects = failures
    pending = null
    failures = []
    fetch([...batch.keys()]).then(
      (found) => batch.forEach((resolvers, key) => resolvers.forEach((resolve) => resolve(found.get(key)))),
      (error) => rejects.forEach((reject) => reject(error)),
    )
  }

  return function load(key: K): Promise<V | undefined> {
    const cached = cache.get(key)
    if (cached) return cached
    const promise = new Promise<V | undefined>((resolve, reject) => {
      if (!pending) {
        pending = new Map()
        queueMicrotask(run)
      }
      pending.set(key, [...(pending.get(key) ?? []), resolve])
      failures.push(reject)
    })
    cache.set(key, promise)
    return promise
  }
}
