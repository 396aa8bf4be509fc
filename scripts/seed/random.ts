/**
 * A seeded PRNG (sfc32, seeded through splitmix32), so `--seed N` gives the same program every
 * time. Math.random would make two runs of the benchmark seed different data.
 */
export function createRandom(seed: number) {
  let s = seed >>> 0
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = splitmix()
  let b = splitmix()
  let c = splitmix()
  let d = splitmix()

  function next(): number {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }

  const random = {
    next,
    /** An integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    between: (min: number, max: number) => min + next() * (max - min),
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    /** Picks by weight: `[[value, weight], …]`. */
    weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
      const total = entries.reduce((sum, [, w]) => sum + w, 0)
      let r = next() * total
      for (const [value, weight] of entries) if ((r -= weight) < 0) return value
      return entries.at(-1)![0]
    },
    /** Log-normal with the given median: reply delays have a long tail, not a bell. */
    logNormal: (median: number, sigma: number) => {
      const u = Math.max(next(), 1e-9)
      const v = next()
      const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
      return median * Math.exp(sigma * normal)
    },
    /** An independent stream for one part of the program, so adding a mentee does not reshuffle the rest. */
    fork: (salt: number) =>
      createRandom((Math.imul(seed, 0x27d4eb2d) ^ Math.imul(salt + 1, 0x165667b1)) >>> 0),
  }
  return random
}

export type Random = ReturnType<typeof createRandom>
