import type { Heading, ListItem, Nodes, RootContent } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

/**
 * Quarterly goals for the monthly goal review (PRODUCT §1), in the article's tracking list:
 *
 *     ## Q1 2026 Goals
 *
 *     ### Technical Skills
 *     - [ ] Complete TypeScript migration on feature module
 *
 * Parsing is forgiving and never fails — people keep this list by hand — and what cannot be placed
 * becomes a warning. Decisions:
 * - A goal's `text` is its inline Markdown as written (so `code`, **emphasis** and links survive),
 *   on one line: whitespace runs collapse to one space. A category is plain text (a grouping
 *   label), read from the heading's rendered text.
 * - Every heading that is not the period heading starts a category, whatever its level. Headings
 *   that name a default category in another case, or with a trailing colon, take its spelling.
 * - Goals before any category heading go to {@link UNCATEGORIZED}, with a warning; so do goals
 *   under a heading with no text.
 * - A list item without a checkbox is a goal not done, with a warning. A nested "Ready when: …"
 *   item gives the goal's `readyWhen`; any other nested item is not placed (warning).
 * - `readyWhen` is the text of a trailing "(ready when: …)" on the goal line; blank means null.
 *   Inside a goal's text, "(ready when:" is written as "\(ready when:" so it is not read as one;
 *   parsing undoes exactly that escape. Nothing else needs escaping: after "- [ ] " the line is
 *   one paragraph, so "#", ">", "1." or "[x]" at the start of a text are just text.
 */
export const DEFAULT_CATEGORIES = ['Technical Skills', 'Process Understanding', 'Communication'] as const
/** Where goals written before any category heading go. */
export const UNCATEGORIZED = 'Uncategorized'

export interface GoalItem {
  category: string
  text: string
  done: boolean
  readyWhen: string | null
}

export interface ParsedGoals {
  /** "2026-Q1", from the "## Q1 2026 Goals" heading; null when there is none. */
  period: string | null
  goals: GoalItem[]
  warnings: string[]
}

const PERIOD = /^(\d{4})-Q([1-4])$/

/** "2026-Q3" → { year: 2026, quarter: 3 } or null. Only the canonical spelling is a period. */
export function parsePeriod(period: string): { year: number; quarter: 1 | 2 | 3 | 4 } | null {
  const match = typeof period === 'string' ? PERIOD.exec(period) : null
  if (!match) return null
  return { year: Number(match[1]), quarter: Number(match[2]) as 1 | 2 | 3 | 4 }
}

// "Q1 2026 Goals" as the article writes it, and the spellings people type: "2026 Q1 goals",
// "Q1-2026", "Goals: Q1 2026", "Goals for 2026-Q1".
const PERIOD_HEADING =
  /^(?:goals\b[\s:–—-]*(?:for\s+)?)?(?:q([1-4])[\s-]*(\d{4})|(\d{4})[\s-]*q([1-4]))(?:\s+goals)?[\s:]*$/i
const MARKER = /^[ \t]*([*+-]|\d{1,9}[.)])(?:[ \t]+|$)/
const CHECKBOX = /^\[([ xX])\](?:[ \t]+|$)/
const READY_WHEN_ITEM = /^ready\s+when\s*:\s*(.*)$/i
const READY_WHEN_MARK = /\(ready\s+when\s*:/gi
const ESCAPED_READY_WHEN_MARK = /\\(\(ready\s+when\s*:)/gi
const COMMENT = /^<!--[\s\S]*-->$/

const parser = unified().use(remarkParse).use(remarkGfm).freeze()

function plainText(node: Nodes): string {
  if ('value' in node) return node.value
  if ('children' in node) return node.children.map((child) => plainText(child)).join('')
  return ''
}

function sourceOf(source: string, from: Nodes, to: Nodes = from): string {
  const start = from.position?.start.offset
  const end = to.position?.end.offset
  return start === undefined || end === undefined ? '' : source.slice(start, end)
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()
const headingKey = (text: string) =>
  oneLine(text)
    .replace(/[\s:：]+$/, '')
    .toLowerCase()
const DEFAULT_BY_KEY = new Map<string, string>(DEFAULT_CATEGORIES.map((c) => [headingKey(c), c]))

function periodOf(heading: string): string | null {
  const match = PERIOD_HEADING.exec(oneLine(heading))
  if (!match) return null
  const quarter = match[1] ?? match[4]
  const year = match[2] ?? match[3]
  return `${year}-Q${quarter}`
}

function categoryOf(heading: string): string {
  const text = oneLine(heading)
  return DEFAULT_BY_KEY.get(headingKey(text)) ?? (text === '' ? UNCATEGORIZED : text)
}

/** Where the readyWhen mark starts: the first "(ready when:" not escaped, on a line ending in ")". */
function readyWhenMark(line: string): number {
  if (!line.endsWith(')')) return -1
  for (const match of line.matchAll(READY_WHEN_MARK)) {
    if (line[match.index - 1] !== '\\') return match.index
  }
  return -1
}

/** A goal line (after marker and checkbox) → its text and trailing readyWhen. */
function splitGoalLine(line: string): { text: string; readyWhen: string | null } {
  const mark = readyWhenMark(line)
  const text = mark < 0 ? line : line.slice(0, mark)
  const readyWhen = mark < 0 ? '' : oneLine(line.slice(line.indexOf(':', mark) + 1, -1))
  return { text: oneLine(text.replace(ESCAPED_READY_WHEN_MARK, '$1')), readyWhen: readyWhen || null }
}

/** A list item's own first line(s), without its marker: the item's source up to its first block. */
function itemLine(source: string, item: ListItem): string | null {
  const first = item.children[0]
  if (!first) return ''
  if (first.type !== 'paragraph') return null
  return oneLine(sourceOf(source, item, first).replace(MARKER, ''))
}

const quote = (text: string) => `"${text.length > 80 ? `${text.slice(0, 77)}…` : text}"`

/** The article's Markdown → goals, with warnings for what could not be placed. */
export function parseGoalMarkdown(markdown: string): ParsedGoals {
  const source = markdown.replace(/\r\n?/g, '\n')
  const goals: GoalItem[] = []
  const warnings: string[] = []
  let period: string | null = null
  let category: string | null = null
  let categoryHasGoals = true
  const endCategory = () => {
    if (category !== null && !categoryHasGoals) warnings.push(`category without goals: ${quote(category)}`)
  }

  const readGoal = (item: ListItem) => {
    const line = itemLine(source, item)
    if (line === null) {
      warnings.push(`not a goal, not placed: ${quote(oneLine(sourceOf(source, item)))}`)
      return
    }
    const checkbox = CHECKBOX.exec(line)
    const { text, readyWhen } = splitGoalLine(checkbox ? line.slice(checkbox[0].length) : line)
    if (text === '') {
      warnings.push('goal without text, not placed')
      return
    }
    if (!checkbox) warnings.push(`goal without a checkbox, read as not done: ${quote(text)}`)
    if (category === null)
      warnings.push(`goal before any category, placed in ${UNCATEGORIZED}: ${quote(text)}`)
    const goal: GoalItem = {
      category: category ?? UNCATEGORIZED,
      text,
      done: checkbox ? checkbox[1] !== ' ' : false,
      readyWhen,
    }
    for (const child of item.children.slice(1)) readNested(goal, child)
    goals.push(goal)
    categoryHasGoals = true
  }

  const readNested = (goal: GoalItem, node: RootContent) => {
    const nested = node.type === 'list' ? node.children : []
    if (node.type !== 'list') {
      const text = oneLine(sourceOf(source, node))
      if (text !== '' && !COMMENT.test(text)) {
        warnings.push(`text under goal ${quote(goal.text)} not placed: ${quote(text)}`)
      }
    }
    for (const item of nested) {
      const line = oneLine(itemLine(source, item) ?? sourceOf(source, item))
      const ready = READY_WHEN_ITEM.exec(line)
      if (ready && goal.readyWhen === null) goal.readyWhen = oneLine(ready[1]!) || null
      else if (ready)
        warnings.push(`second "ready when" for goal ${quote(goal.text)} not placed: ${quote(line)}`)
      else warnings.push(`item under goal ${quote(goal.text)} not placed: ${quote(line)}`)
    }
  }

  const readHeading = (heading: Heading) => {
    const text = plainText(heading)
    const headingPeriod = periodOf(text)
    endCategory()
    if (headingPeriod && period === null) {
      period = headingPeriod
      category = null
      categoryHasGoals = true
    } else if (headingPeriod) {
      warnings.push(`second period heading ignored: ${quote(oneLine(text))}`)
      category = null
      categoryHasGoals = true
    } else {
      category = categoryOf(text)
      categoryHasGoals = false
    }
  }

  for (const node of parser.parse(source).children) {
    if (node.type === 'heading') readHeading(node)
    else if (node.type === 'list') node.children.forEach(readGoal)
    else if (node.type !== 'thematicBreak' && node.type !== 'definition') {
      const text = oneLine(sourceOf(source, node))
      if (text !== '' && !COMMENT.test(text)) warnings.push(`text not placed: ${quote(text)}`)
    }
  }
  endCategory()
  return { period, goals, warnings }
}

// A category is plain text in a heading: escape what inline Markdown would read as formatting,
// and a trailing "#" run that ATX would read as a closing sequence.
function headingText(category: string): string {
  return oneLine(category)
    .replace(/[\\`*_[\]~]/g, '\\$&')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/(^|\s)(#+)$/, (_, before: string, hashes: string) => before + hashes.replace(/#/g, '\\#'))
}

function goalLine(goal: GoalItem): string {
  const text = oneLine(goal.text).replace(READY_WHEN_MARK, '\\$&')
  if (text === '') throw new RangeError(`a goal needs text (category ${goal.category})`)
  const readyWhen = oneLine(goal.readyWhen ?? '')
  return `- [${goal.done ? 'x' : ' '}] ${text}${readyWhen ? ` (ready when: ${readyWhen})` : ''}`
}

function periodHeading(period: string): string {
  const parsed = parsePeriod(period)
  if (!parsed) throw new RangeError(`not a period (YYYY-Qn): ${period}`)
  return `## Q${parsed.quarter} ${parsed.year} Goals`
}

/**
 * Goals → the article's shape: the period heading, then one "### Category" section per category —
 * the default categories first (in their order) when present, then the others in order of first
 * appearance — goals in their given order within it, a blank line between sections.
 */
export function goalMarkdown(period: string, goals: readonly GoalItem[]): string {
  const byCategory = new Map<string, GoalItem[]>()
  for (const category of DEFAULT_CATEGORIES) byCategory.set(category, [])
  for (const goal of goals) {
    const category = oneLine(goal.category) || UNCATEGORIZED
    byCategory.set(category, [...(byCategory.get(category) ?? []), goal])
  }
  const sections = [...byCategory]
    .filter(([, items]) => items.length > 0)
    .map(([category, items]) => [`### ${headingText(category)}`, ...items.map(goalLine)].join('\n'))
  return [periodHeading(period), ...sections].join('\n\n') + '\n'
}
