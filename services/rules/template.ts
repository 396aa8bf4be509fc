import type { ListItem, Nodes, RootContent } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

/**
 * The article's weekly check-in template (PRODUCT §1). Parsing is forgiving — people type
 * headings by hand — and never fails: what does not fit the template becomes a warning, so a
 * check-in is always stored verbatim and the mentor still sees it.
 */
export type SectionKey = 'accomplished' | 'struggled' | 'questions' | 'nextWeekGoals' | 'feedbackForMentor'
export type CheckInSections = Record<SectionKey, string[]>

export interface ParsedCheckIn {
  /** The text after "Week of", as written: a date, usually. */
  weekOfHeading: string | null
  sections: CheckInSections
  warnings: string[]
}

/** The template's exact headings, in the template's order. */
export const SECTION_TITLES: Readonly<Record<SectionKey, string>> = {
  accomplished: 'What I Accomplished',
  struggled: 'What I Struggled With',
  questions: 'Questions I Have',
  nextWeekGoals: "Next Week's Goals",
  feedbackForMentor: 'Feedback for Mentor',
}
const SECTION_KEYS = Object.keys(SECTION_TITLES) as SectionKey[]

// Case, apostrophes (curly, straight or none), extra spaces and trailing colons do not matter.
function headingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/['‘’ʼ`´]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s:：]+$/, '')
    .trim()
}
const SECTION_BY_KEY = new Map(SECTION_KEYS.map((key) => [headingKey(SECTION_TITLES[key]), key]))
const WEEK_OF = /^week of\b[\s:]*(.*)$/i
const MARKER = /^([*+-]|\d{1,9}[.)])([ \t]*)/
const COMMENT = /^<!--[\s\S]*-->$/

const parser = unified().use(remarkParse).use(remarkGfm).freeze()

function plainText(node: Nodes): string {
  if ('value' in node) return node.value
  if ('children' in node) return node.children.map((child) => plainText(child)).join('')
  return ''
}

// Ends are clamped to where the next node starts: micromark can end a list item holding an
// unclosed HTML block (`<?`, `<!--`) past the next item's marker.
function sourceOf(source: string, node: Nodes, limit = source.length): string {
  const { start, end } = node.position ?? {}
  if (start?.offset === undefined || end?.offset === undefined) return ''
  return source.slice(start.offset, Math.min(end.offset, limit))
}

/** Drops up to `columns` columns of indentation (a tab reaches the next multiple of 4). */
function dedent(line: string, columns: number): string {
  let column = 0
  let i = 0
  for (; i < line.length && column < columns; i++) {
    if (line[i] === ' ') column++
    else if (line[i] === '\t') column += 4 - (column % 4)
    else break
  }
  return line.slice(i)
}

/**
 * A list item's own Markdown, as written, without its marker and the list's indentation: taken
 * from the source rather than re-serialised, so nested lists, code and checkboxes survive intact.
 */
function itemText(source: string, item: ListItem, limit: number): string {
  const raw = sourceOf(source, item, limit)
  const [first = '', ...rest] = raw.split('\n')
  const marker = MARKER.exec(first)
  if (!marker) return raw.trim()
  const afterMarker = first.slice(marker[0].length)
  const gap = marker[2]?.length ?? 0
  const contentStart = marker[1]!.length + (afterMarker === '' || gap > 4 ? 1 : gap)
  const indent = (item.position?.start.column ?? 1) - 1 + contentStart
  return [afterMarker, ...rest.map((line) => dedent(line, indent))].join('\n').trim()
}

function itemsOf(source: string, node: RootContent, limit: number): string[] {
  if (node.type === 'list') {
    const items = node.children
    return items
      .map((item, i) => itemText(source, item, items[i + 1]?.position?.start.offset ?? limit))
      .filter(Boolean)
  }
  if (node.type === 'thematicBreak' || node.type === 'definition') return []
  const text = sourceOf(source, node, limit).trim()
  return text === '' || COMMENT.test(text) ? [] : [text]
}

function emptySections(): CheckInSections {
  return { accomplished: [], struggled: [], questions: [], nextWeekGoals: [], feedbackForMentor: [] }
}

export function parseCheckIn(markdown: string): ParsedCheckIn {
  const source = markdown.replace(/\r\n?/g, '\n')
  const sections = emptySections()
  const seen = new Set<SectionKey>()
  const warnings: string[] = []
  let weekOfHeading: string | null = null
  let current: { key: SectionKey; depth: number } | null = null
  let unplaced = 0

  const nodes = parser.parse(source).children
  nodes.forEach((node, i) => {
    if (node.type === 'heading') {
      const text = plainText(node).replace(/\s+/g, ' ').trim()
      const week = WEEK_OF.exec(text)
      const key = SECTION_BY_KEY.get(headingKey(text))
      if (week) {
        weekOfHeading ??= week[1]?.trim() || null
        current = null
      } else if (key) {
        if (seen.has(key)) warnings.push(`duplicate section: ${SECTION_TITLES[key]}`)
        seen.add(key)
        current = { key, depth: node.depth }
      } else {
        warnings.push(`unknown heading: ${text}`)
        // A sub-heading inside a section keeps the section open; a sibling heading closes it.
        if (current && node.depth <= current.depth) current = null
      }
      return
    }
    const items = itemsOf(source, node, nodes[i + 1]?.position?.start.offset ?? source.length)
    if (current) sections[current.key].push(...items)
    else unplaced += items.length
  })

  if (weekOfHeading === null) warnings.push('missing heading: Week of [Date]')
  for (const key of SECTION_KEYS) {
    if (!seen.has(key)) warnings.push(`missing section: ${SECTION_TITLES[key]}`)
    else if (sections[key].length === 0) warnings.push(`empty section: ${SECTION_TITLES[key]}`)
  }
  if (unplaced > 0) warnings.push(`text outside the template's sections: ${unplaced} block(s) not placed`)
  return { weekOfHeading, sections, warnings }
}

/** A list item whose continuation lines are indented under its text, as parseCheckIn reads them. */
function listItem(marker: string, text: string): string {
  const [first = '', ...rest] = text.trim().split('\n')
  const pad = ' '.repeat(marker.length + 1)
  return [`${marker} ${first}`, ...rest.map((line) => (line === '' ? '' : pad + line))].join('\n')
}

// "- --" would read as a thematic break, not an item: such an item takes the other bullet.
function bulletFor(text: string): string {
  return /^[-\s]*$/.test(text.split('\n')[0] ?? '') ? '*' : '-'
}

/** The template's exact shape: questions numbered, everything else as '- ' items. */
export function renderCheckIn(weekOf: string, sections: CheckInSections): string {
  const blocks = SECTION_KEYS.map((key) => {
    const items = sections[key].map((item, i) =>
      key === 'questions' ? listItem(`${i + 1}.`, item) : listItem(bulletFor(item), item),
    )
    return [`### ${SECTION_TITLES[key]}`, ...items].join('\n')
  })
  return [`## Week of ${weekOf}`, ...blocks].join('\n\n') + '\n'
}
