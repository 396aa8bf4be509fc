import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { trickyText } from './arbitraries.ts'
import {
  ArchiveError,
  encodeValue,
  linesOf,
  readElements,
  readFrontMatter,
  writeBlock,
  writeFrontMatter,
} from './format.ts'

const roundTrip = (text: string, attributes: Record<string, string> = {}) => {
  const lines = linesOf(writeBlock('reply', text, attributes).join('\n') + '\n')
  return readElements(lines, 0, 'f.md', { reply: 'block' })
}

describe('a verbatim block', () => {
  it('gives back exactly the text it was given, whatever it holds', () => {
    fc.assert(
      fc.property(trickyText, fc.string(), (text, value) => {
        const [element, ...rest] = roundTrip(text, { author: value })
        expect(rest).toEqual([])
        expect(element!.text).toBe(text)
        expect(element!.attributes).toEqual({ author: value })
      }),
      { numRuns: 500 },
    )
  })

  it('writes ordinary Markdown as itself, so the file reads as what it holds', () => {
    expect(writeBlock('reply', '## Week of 2026-11-16\n\n- done\n', { author: 'mentor' })).toEqual([
      '<!-- trellis:reply author=mentor -->',
      '## Week of 2026-11-16',
      '',
      '- done',
      '<!-- /trellis:reply -->',
    ])
  })

  it('marks a text without a final line break, and one with CRLF breaks, so both survive', () => {
    expect(writeBlock('reply', 'no end')[0]).toBe('<!-- trellis:reply end=none -->')
    expect(writeBlock('reply', 'a\r\nb\r\n')).toEqual([
      '<!-- trellis:reply eol=crlf -->',
      'a',
      'b',
      '<!-- /trellis:reply -->',
    ])
  })

  it('falls back to one JSON line for a stray CR or a line that would close the block', () => {
    const closing = 'before\n<!-- /trellis:reply -->\nafter\n'
    expect(writeBlock('reply', closing)[0]).toBe('<!-- trellis:reply encoding=json -->')
    expect(roundTrip(closing)[0]!.text).toBe(closing)
    expect(writeBlock('reply', 'a\rb')[1]).toBe('"a\\rb"')
  })

  it('never lets an attribute close the HTML comment it sits in', () => {
    const value = 'x --> <script>'
    expect(encodeValue(value)).not.toMatch(/[<>]/)
    expect(roundTrip('t\n', { title: value })[0]!.attributes.title).toBe(value)
  })
})

describe('front matter', () => {
  it('reads back what it wrote', () => {
    const lines = writeFrontMatter([
      ['week', '2026-11-16'],
      ['title', 'a "quoted": value'],
    ])
    expect(readFrontMatter(lines, 'f.md')).toEqual({
      fields: { week: '2026-11-16', title: 'a "quoted": value' },
      next: 4,
    })
  })

  it('names the file and line of what it cannot read', () => {
    expect(() => readFrontMatter(['---', 'week: 2026-11-16', 'oops', '---'], 'check-ins/x.md')).toThrow(
      'check-ins/x.md:3: not a front matter line',
    )
    expect(() => readFrontMatter(['week: 1'], 'x.md')).toThrow(ArchiveError)
  })
})

describe('reading elements', () => {
  const kinds = { reply: 'block', entry: 'marker' } as const

  it('refuses text outside a block rather than dropping it', () => {
    expect(() => readElements(['# Title', '', 'stray words'], 0, 'd.md', kinds)).toThrow(
      'd.md:3: text outside a trellis block, not imported: "stray words"',
    )
  })

  it('names an unclosed block, an unknown kind and bad attributes by line', () => {
    expect(() => readElements(['', '<!-- trellis:reply -->', 'text'], 0, 'd.md', kinds)).toThrow(
      'd.md:2: block "reply" is not closed',
    )
    expect(() => readElements(['<!-- trellis:other -->'], 0, 'd.md', kinds)).toThrow(
      'd.md:1: unknown block "other"',
    )
    expect(() => readElements(['<!-- trellis:entry at="unclosed -->'], 0, 'd.md', kinds)).toThrow(
      'd.md:1: malformed attributes',
    )
  })
})
