/**
 * A small algebra over sets of instants, each set a list of half-open intervals `[start, end)` in
 * epoch milliseconds. Scheduling asks "when is this person working", "when are both", "when is
 * either asleep" — unions, intersections and differences of such sets — and answering them on
 * numbers rather than minute by minute over DateTimes keeps a quarter's worth of calendar cheap.
 *
 * Every result is normalized: sorted by start, no empty range, and no two ranges overlapping or
 * touching (`[0, 5)` and `[5, 9)` are one range `[0, 9)`), so two equal sets have one spelling.
 */
export interface Range {
  /** epoch milliseconds, inclusive */
  start: number
  /** epoch milliseconds, exclusive */
  end: number
}

function check(range: Range): void {
  if (Number.isNaN(range.start) || Number.isNaN(range.end)) {
    throw new RangeError(`a range needs numeric bounds: [${range.start}, ${range.end})`)
  }
}

/** Sorted by start, overlapping or touching ranges merged, empty ones (end ≤ start) dropped. */
export function normalize(ranges: readonly Range[]): Range[] {
  const sorted = ranges
    .filter((range) => {
      check(range)
      return range.end > range.start
    })
    .sort((a, b) => a.start - b.start)
  const merged: Range[] = []
  for (const { start, end } of sorted) {
    const last = merged.at(-1)
    if (last && start <= last.end) last.end = Math.max(last.end, end)
    else merged.push({ start, end })
  }
  return merged
}

/** Every instant in `a` or in `b`. */
export function merge(a: readonly Range[], b: readonly Range[]): Range[] {
  return normalize([...a, ...b])
}

/** Every instant in both `a` and `b`. */
export function intersect(a: readonly Range[], b: readonly Range[]): Range[] {
  const left = normalize(a)
  const right = normalize(b)
  const both: Range[] = []
  let i = 0
  let j = 0
  while (i < left.length && j < right.length) {
    const x = left[i]!
    const y = right[j]!
    const start = Math.max(x.start, y.start)
    const end = Math.min(x.end, y.end)
    if (start < end) both.push({ start, end })
    // The range that ends first can meet nothing further along the other list.
    if (x.end <= y.end) i++
    else j++
  }
  return both // disjoint pieces of disjoint, non-touching ranges: already normalized
}

/** Every instant in `a` and not in `b`. */
export function subtract(a: readonly Range[], b: readonly Range[]): Range[] {
  const removed = normalize(b)
  const left: Range[] = []
  let j = 0
  for (const range of normalize(a)) {
    let start = range.start
    // Ranges of `b` that end before this one starts cannot cut it, nor any later one.
    while (j < removed.length && removed[j]!.end <= start) j++
    for (let k = j; k < removed.length && removed[k]!.start < range.end; k++) {
      const cut = removed[k]!
      if (cut.start > start) left.push({ start, end: cut.start })
      start = Math.max(start, cut.end)
    }
    if (start < range.end) left.push({ start, end: range.end })
  }
  return left
}
