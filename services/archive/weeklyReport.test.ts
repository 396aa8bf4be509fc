import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseCheckIn } from '../rules/template.ts'
import { ArchiveError } from './format.ts'
import { convertWeeklyReport, NOT_PLACED } from './weeklyReport.ts'

const REPORT = `---
title: "Week 03 Update"
date: "2026-11-19"
---

<!-- markdownlint-disable -->

# Week 03 Progress Report by Inês

**Project:** Trellis

---

## Goals for This Week
- Ship the export

## This Week's Achievements
1. **Shipped the export**
   - with tests

### Details
More words.

## Challenges & How I Overcame Them
- Flaky clock: passed it in

## Acknowledgments
Thanks, Maya.
`

describe('a weekly report as a check-in', () => {
  it('places each heading in its section, keeps the rest after the template, and says which', () => {
    const converted = convertWeeklyReport('r.md', REPORT)
    expect(converted.weekOf).toBe('2026-11-16')
    expect(converted.at).toBe('2026-11-19T12:00:00.000Z')
    expect(converted.unplaced).toEqual(['Week 03 Progress Report by Inês', 'Goals for This Week'])
    expect(converted.markdown).toBe(`## Week of 2026-11-16

### What I Accomplished

#### This Week's Achievements

1. **Shipped the export**
   - with tests

##### Details

More words.

### What I Struggled With

#### Challenges & How I Overcame Them

- Flaky clock: passed it in

### Questions I Have

### Next Week's Goals

### Feedback for Mentor

#### Acknowledgments

Thanks, Maya.

## ${NOT_PLACED}

### Week 03 Progress Report by Inês

**Project:** Trellis

### Goals for This Week

- Ship the export
`)
    const sections = parseCheckIn(converted.markdown).sections
    expect(sections.accomplished).toContain('More words.')
    expect(sections.struggled).toEqual(['Flaky clock: passed it in'])
  })

  it('reads CRLF reports, and refuses one without a date, naming it', () => {
    expect(convertWeeklyReport('r.md', REPORT.replaceAll('\n', '\r\n')).markdown).toBe(
      convertWeeklyReport('r.md', REPORT).markdown,
    )
    expect(() => convertWeeklyReport('undated.md', '# Week 1\n')).toThrow(
      new ArchiveError(
        { file: 'undated.md', line: 1 },
        'no "date: YYYY-MM-DD" in the front matter: the week is unknown',
      ),
    )
  })
})

// Shared data lives beside the project, never inside it (shared/data/README.md).
const reportsDir = fileURLToPath(new URL('../../../shared/data/weekly-reports/', import.meta.url))
const reports = existsSync(reportsDir) ? readdirSync(reportsDir).filter((name) => name.endsWith('.md')) : []
if (reports.length === 0) console.warn(`skipped: no weekly reports at ${reportsDir}`)

describe.skipIf(reports.length === 0)('every real weekly report (shared/data/weekly-reports)', () => {
  it('converts, keeps every line of its text, and fits in a check-in', () => {
    for (const name of reports) {
      const text = readFileSync(`${reportsDir}${name}`, 'utf8').replaceAll('\r\n', '\n')
      const converted = convertWeeklyReport(name, text)
      const body = text.replace(/^---\n[\s\S]*?\n---\n/, '')
      // Headings move down a level or two, rules between sections and lint comments go: all else stays.
      const lost = body
        .split('\n')
        .filter(
          (line) => line.trim() && !/^#{1,6}\s/.test(line) && !/^\s*(-{3,}|\*{3,}|_{3,})\s*$/.test(line),
        )
        .filter((line) => !/^<!--.*-->$/.test(line.trim()) && !converted.markdown.includes(line))
      expect(lost, name).toEqual([])
      expect(Buffer.byteLength(converted.markdown), name).toBeLessThanOrEqual(32 * 1024)
      expect(converted.markdown.startsWith(`## Week of ${converted.weekOf}\n`), name).toBe(true)
    }
  })
})
