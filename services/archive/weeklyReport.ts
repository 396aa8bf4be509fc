import type { Heading, Nodes, RootContent } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { SECTION_TITLES, type SectionKey } from '../rules/template.ts'
import { mondayOf } from '../rules/week.ts'
import { ArchiveError } from './format.ts'
import { headingWords, sectionForHeading } from './reportHeadings.ts'

/**
 * A real weekly report (front matter with a `date`, then headings of its own) → a check-in in the
 * article's template for the week of that date. Each heading is placed by `sectionForHeading`,
 * with everything under it; a heading that fits no section keeps its own text, verbatim, after
 * the template's sections under "## Not placed in the template", and its sub-headings are
 * placed one by one. Why there and not under the closest section: a mentor reading "What I
 * Accomplished" should find only what the mentee said they accomplished; the text still travels
 * with the check-in, whose parser then warns that it sits outside the template.
 */
export interface ConvertedReport {
  weekOf: string
  /** Noon UTC on the report's date: the same date in every zone a mentee could be in. */
  at: string
  markdown: string
  /** Headings no section fits, as written, in the report's order. */
  unplaced: string[]
}

export const NOT_PLACED = 'Not placed in the template'
const SECTION_KEYS = Object.keys(SECTION_TITLES) as SectionKey[]
const parser = unified().use(remarkParse).use(remarkGfm).freeze()

interface Part {
  heading: Heading | null
  own: RootContent[]
  children: Part[]
}

export function convertWeeklyReport(file: string, content: string): ConvertedReport {
  const text = content.replaceAll('\r\n', '\n')
  const { date, body } = frontMatterDate(file, text)
  const source = body
  const root = partsOf(parser.parse(source).children)
  const placed = new Map<SectionKey, string[]>(SECTION_KEYS.map((key) => [key, []]))
  const notPlaced: string[] = []
  const unplaced: string[] = []
  const headingSource = (heading: Heading) => inlineSource(source, heading)

  const walk = (part: Part) => {
    const title = headingSource(part.heading!)
    const key = sectionForHeading(plainText(part.heading!))
    if (key) {
      // The template's own heading needs no echo; another keeps its words one level down.
      const echo = headingWords(plainText(part.heading!)) !== headingWords(SECTION_TITLES[key])
      placed.get(key)!.push(...subtree(source, part, echo ? 4 : 3, echo))
      return
    }
    unplaced.push(title)
    notPlaced.push(`### ${title}`, ...chunk(source, part.own))
    part.children.forEach(walk)
  }
  // What comes before the first heading (a title block, a lint comment) has no heading to place it.
  const preamble = root.own.filter(
    (node) => !(node.type === 'html' && /^<!--[\s\S]*-->$/.test(node.value.trim())),
  )
  if (preamble.length) unplaced.push('(text before the first heading)')
  notPlaced.unshift(...chunk(source, preamble))
  root.children.forEach(walk)

  const weekOf = mondayOf(date)
  const blocks = [`## Week of ${weekOf}`]
  for (const key of SECTION_KEYS) blocks.push(`### ${SECTION_TITLES[key]}`, ...placed.get(key)!)
  if (notPlaced.length) blocks.push(`## ${NOT_PLACED}`, ...notPlaced)
  return { weekOf, at: `${date}T12:00:00.000Z`, markdown: blocks.join('\n\n') + '\n', unplaced }
}

function frontMatterDate(file: string, text: string): { date: string; body: string } {
  const match = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(text)
  const date = match && /^date:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(match[1]!)?.[1]
  if (!match || !date || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new ArchiveError(
      { file, line: 1 },
      'no "date: YYYY-MM-DD" in the front matter: the week is unknown',
    )
  }
  return { date, body: text.slice(match[0].length) }
}

/** Top-level nodes → a tree of parts: a heading owns what follows it up to a heading as high. */
function partsOf(nodes: readonly RootContent[]): Part {
  const root: Part = { heading: null, own: [], children: [] }
  const open: Array<{ depth: number; part: Part }> = [{ depth: 0, part: root }]
  for (const node of nodes) {
    if (node.type !== 'heading') {
      open.at(-1)!.part.own.push(node)
      continue
    }
    while (open.at(-1)!.depth >= node.depth) open.pop()
    const part: Part = { heading: node, own: [], children: [] }
    open.at(-1)!.part.children.push(part)
    open.push({ depth: node.depth, part })
  }
  return root
}

/** A part and everything under it, headings moved down to sit inside a section at depth 3. */
function subtree(source: string, part: Part, depth: number, withHeading: boolean): string[] {
  const hashes = '#'.repeat(Math.min(depth, 6))
  const out = withHeading ? [`${hashes} ${inlineSource(source, part.heading!)}`] : []
  out.push(...chunk(source, part.own))
  for (const child of part.children) {
    out.push(...subtree(source, child, depth + (child.heading!.depth - part.heading!.depth), true))
  }
  return out
}

/**
 * Nodes as written, from the start of the first's line (its indentation is part of it) to the
 * last's end; trailing rules (`---`) dropped.
 */
function chunk(source: string, nodes: readonly RootContent[]): string[] {
  const kept = [...nodes]
  while (kept.at(-1)?.type === 'thematicBreak') kept.pop()
  const first = kept[0]?.position?.start
  const start = first?.offset === undefined ? undefined : first.offset - (first.column - 1)
  const end = kept.at(-1)?.position?.end.offset
  return start === undefined || end === undefined ? [] : [source.slice(start, end)]
}

/** A heading's inline Markdown as written (links and emphasis kept), on one line. */
function inlineSource(source: string, heading: Heading): string {
  const start = heading.children[0]?.position?.start.offset
  const end = heading.children.at(-1)?.position?.end.offset
  if (start === undefined || end === undefined) return ''
  return source.slice(start, end).replace(/\s*\n\s*/g, ' ')
}

function plainText(node: Nodes): string {
  if ('value' in node) return node.value
  if ('children' in node) return node.children.map((child) => plainText(child)).join('')
  return ''
}
