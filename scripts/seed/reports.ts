import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SECTION_TITLES, type SectionKey } from '../../services/rules/template.ts'

/** The real weekly reports live beside the project (../shared/data), never inside it. */
export const REPORTS_DIR = new URL('../../../shared/data/weekly-reports/', import.meta.url).pathname

/** What a real report's heading means in our template; first match wins. Others are dropped. */
const HEADING_SECTIONS: ReadonlyArray<readonly [RegExp, SectionKey]> = [
  [/challenge|struggl|problem|blocker|difficult|obstacle|didn.?t ship/i, 'struggled'],
  [/question/i, 'questions'],
  [/next|roadmap|plan|ahead|upcoming|coming/i, 'nextWeekGoals'],
  [/acknowledg|feedback|thank/i, 'feedbackForMentor'],
  [
    /achiev|accomplish|progress|highlight|worked on|what i did|got done|learn|overview|new this week/i,
    'accomplished',
  ],
]

const MAX_ITEMS = 6
const MAX_ITEM_CHARS = 600

export type Sections = Record<SectionKey, string[]>

export interface Report {
  file: string
  /** The report as written, without its front matter: some mentees paste their blog post as is. */
  body: string
  sections: Sections
}

/** Reads and maps every report; an empty list when the folder is absent (the caller says so). */
export function loadReports(dir = REPORTS_DIR): Report[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => {
      const body = withoutFrontMatter(readFileSync(join(dir, file), 'utf8'))
      return { file, body, sections: sectionsOf(body) }
    })
    .filter((r) => r.sections.accomplished.length > 0)
}

function withoutFrontMatter(text: string) {
  return text
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim()
}

/** Splits on headings and keeps each section's top-level items (nested lines stay with their item). */
export function sectionsOf(body: string): Sections {
  const sections: Sections = {
    accomplished: [],
    struggled: [],
    questions: [],
    nextWeekGoals: [],
    feedbackForMentor: [],
  }
  let current: SectionKey | null = null
  let lines: string[] = []
  const flush = () => {
    if (current) sections[current].push(...itemsOf(lines).slice(0, MAX_ITEMS - sections[current].length))
    lines = []
  }
  for (const line of body.split('\n')) {
    const heading = /^(#{1,4})\s+(.*)$/.exec(line)
    if (heading) {
      flush()
      // The title (`# Week 03 Progress Report`) heads the project's details, not the week's work.
      const title = heading[1] === '#'
      current = title ? null : (HEADING_SECTIONS.find(([pattern]) => pattern.test(heading[2]!))?.[1] ?? null)
    } else lines.push(line)
  }
  flush()
  // Real reports rarely ask anything under a heading; their questions sit inside sentences.
  if (sections.questions.length === 0) {
    sections.questions = [...body.matchAll(/[A-Z][^.!?\n]{15,200}\?/g)].map((m) => m[0]).slice(0, 2)
  }
  return sections
}

function itemsOf(lines: string[]): string[] {
  const items: string[] = []
  let item: string[] | null = null
  const push = () => {
    const text = item?.join('\n').trim()
    if (text) items.push(text.length > MAX_ITEM_CHARS ? `${text.slice(0, MAX_ITEM_CHARS).trimEnd()}…` : text)
    item = null
  }
  for (const raw of lines) {
    const line = raw.replace(/!\[[^\]]*\]\([^)]*\)/g, '').replace(/\s+$/, '')
    const marker = /^(?:[-*+]|\d{1,3}[.)])\s+(.*)$/.exec(line)
    if (marker) {
      push()
      item = [marker[1]!]
    } else if (/^\s+\S/.test(line) && item) {
      item.push(line)
    } else if (line.trim() === '' || /^[-*_]{3,}$/.test(line.trim())) {
      push()
    } else if (!/^\|/.test(line) && !/^```/.test(line)) {
      // A paragraph is one item: prose reports have no lists.
      if (!item) item = []
      item.push(line.trim())
    }
  }
  push()
  return items.filter((i) => i.replace(/[*_`\s]/g, '').length > 3)
}

/** A check-in in the template's shape (PRODUCT §1), with the heading the template starts with. */
export function templateMarkdown(weekOf: string, sections: Sections): string {
  const out = [`## Week of ${weekOf}`, '']
  for (const key of Object.keys(SECTION_TITLES) as SectionKey[]) {
    if (sections[key].length === 0) continue
    out.push(`### ${SECTION_TITLES[key]}`)
    sections[key].forEach((item, i) => {
      const [first, ...rest] = item.split('\n')
      const marker = key === 'questions' ? `${i + 1}. ` : '- '
      out.push(`${marker}${first}`, ...rest.map((l) => `  ${l.trimStart()}`))
    })
    out.push('')
  }
  return out.join('\n')
}
