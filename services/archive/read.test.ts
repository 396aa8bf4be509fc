import { describe, expect, it } from 'vitest'
import { readRecordFiles } from './read.ts'

const errorsOf = (path: string, content: string) =>
  readRecordFiles([{ path, content }]).errors.map((e) => e.message)

const CHECK_IN = `---
week: 2026-11-16
submitted: 2026-11-20T10:00:00.000Z
---

<!-- trellis:check-in -->
## Week of 2026-11-16
<!-- /trellis:check-in -->
`

describe('reading a malformed record names the file and line', () => {
  it('reads a well-formed check-in without an error', () => {
    expect(errorsOf('check-ins/2026-11-16.md', CHECK_IN)).toEqual([])
  })

  it('a week that disagrees with the file name, or a time that is not an instant', () => {
    expect(errorsOf('check-ins/2026-11-23.md', CHECK_IN)).toEqual([
      'check-ins/2026-11-23.md:1: week is "2026-11-16", the file name says 2026-11-23',
    ])
    expect(errorsOf('check-ins/2026-11-16.md', CHECK_IN.replace('10:00:00.000Z', '10:00'))).toEqual([
      'check-ins/2026-11-16.md:1: submitted must be an instant like 2026-11-20T15:00:00.000Z, not "2026-11-20T10:00"',
    ])
  })

  it('a reply by someone who is neither member, and words left outside any block', () => {
    const reply = `${CHECK_IN}\n<!-- trellis:reply author=lead at=2026-11-20T11:00:00.000Z -->\nhi\n<!-- /trellis:reply -->\n`
    expect(errorsOf('check-ins/2026-11-16.md', reply)).toEqual([
      'check-ins/2026-11-16.md:10: the author must be mentor or mentee, not "lead"',
    ])
    expect(errorsOf('check-ins/2026-11-16.md', `${CHECK_IN}\nP.S. stray\n`)).toEqual([
      'check-ins/2026-11-16.md:10: text outside a trellis block, not imported: "P.S. stray"',
    ])
  })

  it('a goal checklist that would not import cleanly', () => {
    const goals =
      '---\nperiod: 2026-Q1\ncreated: 2026-01-05T09:00:00.000Z\n---\n\n## Q1 2026 Goals\n\n- [ ] no category\n'
    expect(errorsOf('goals/2026-Q1.md', goals)).toEqual([
      'goals/2026-Q1.md:5: the checklist does not read cleanly: goal before any category, placed in Uncategorized: "no category"',
    ])
    expect(errorsOf('goals/2026-Q2.md', goals)[0]).toMatch(/^goals\/2026-Q2.md:1: period is "2026-Q1"/)
  })

  it('a decision without its "why", and a file the export never writes', () => {
    const decisions = [
      '# Decision log',
      '<!-- trellis:entry at=2026-11-20T10:00:00.000Z by=mentee title="T" -->',
      '<!-- trellis:context -->',
      'c',
      '<!-- /trellis:context -->',
      '<!-- trellis:decision -->',
      'd',
      '<!-- /trellis:decision -->',
      '',
    ].join('\n')
    expect(errorsOf('decisions.md', decisions)).toEqual([
      'decisions.md:2: this decision\'s "why" block is missing here',
    ])
    expect(errorsOf('notes/todo.md', 'hello')).toEqual([
      'notes/todo.md:1: not a file of an exported record (check-ins/<YYYY-MM-DD>.md, goals/<YYYY-Qn>.md, decisions.md, README.md)',
    ])
  })

  it('collects every file’s error rather than stopping at the first', () => {
    const { errors } = readRecordFiles([
      { path: 'a.md', content: '' },
      { path: 'check-ins/2026-11-16.md', content: 'no front matter' },
    ])
    expect(errors.map((e) => e.source.file)).toEqual(['a.md', 'check-ins/2026-11-16.md'])
  })
})
