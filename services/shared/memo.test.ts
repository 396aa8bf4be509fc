import { describe, expect, it } from 'vitest'
import { memoized } from './memo.ts'

describe('text is parsed once however often it is read', () => {
  it('computes each input once while it stays among the recent ones', () => {
    const seen: string[] = []
    const length = memoized((s: string) => (seen.push(s), s.length), 2)
    expect([length('a'), length('bb'), length('a')]).toEqual([1, 2, 1])
    expect(seen).toEqual(['a', 'bb'])
  })

  it('forgets the least recently used input beyond its capacity', () => {
    const seen: string[] = []
    const upper = memoized((s: string) => (seen.push(s), s.toUpperCase()), 2)
    upper('a')
    upper('b')
    upper('a') // a is now the most recent; b goes next
    upper('c')
    upper('a')
    upper('b')
    expect(seen).toEqual(['a', 'b', 'c', 'b'])
  })
})
