/**
 * A pure function of a string, remembered for the most recently used inputs. Text is written
 * once and read many times: a check-in is parsed and rendered on every read, not every write.
 * Results are shared between callers, so they must be treated as read-only.
 */
export function memoized<R>(fn: (input: string) => R, capacity = 1000): (input: string) => R {
  const recent = new Map<string, R>()
  return (input) => {
    let result = recent.get(input)
    if (result !== undefined) {
      // Map keeps insertion order: re-inserting marks it the most recent.
      recent.delete(input)
    } else {
      result = fn(input)
      if (recent.size >= capacity) recent.delete(recent.keys().next().value!)
    }
    recent.set(input, result)
    return result
  }
}
