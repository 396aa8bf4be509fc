import { parseGoalMarkdown } from '../rules/goals.ts'
import {
  ArchiveError,
  linesOf,
  readElements,
  readFrontMatter,
  type Attributes,
  type Element,
} from './format.ts'
import type {
  ArchiveFile,
  CheckInRecord,
  DecisionRecord,
  GoalSetRecord,
  ImportItem,
  RecordContent,
  Role,
} from './record.ts'
import { DECISIONS_PATH } from './write.ts'

/**
 * Files of an exported record → what they hold, and the items to import in the order they
 * happened. Every malformed thing is an error naming its file and line; nothing is skipped
 * quietly. The README is an index, written for people, and is not read.
 */
export function readRecordFiles(files: readonly ArchiveFile[]): {
  content: RecordContent
  items: ImportItem[]
  errors: ArchiveError[]
} {
  const content: RecordContent = { checkIns: [], goalSets: [], decisions: [] }
  const items: ImportItem[] = []
  const errors: ArchiveError[] = []
  for (const { path, content: text } of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    try {
      const week = /^check-ins\/(\d{4}-\d{2}-\d{2})\.md$/.exec(path)
      const period = /^goals\/(\d{4}-Q[1-4])\.md$/.exec(path)
      if (path === 'README.md') continue
      else if (week) readCheckIn(path, week[1]!, linesOf(text), content, items)
      else if (period) readGoalSet(path, period[1]!, linesOf(text), content, items)
      else if (path === DECISIONS_PATH) readDecisions(path, linesOf(text), content, items)
      else {
        throw new ArchiveError(
          { file: path, line: 1 },
          'not a file of an exported record (check-ins/<YYYY-MM-DD>.md, goals/<YYYY-Qn>.md, decisions.md, README.md)',
        )
      }
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error
      errors.push(error)
    }
  }
  // Stable: what happened at the same instant keeps the order it was read in (a submission first).
  items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  return { content, items, errors }
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

function instant(value: string | undefined, what: string, source: Element['source']): string {
  const valid = value !== undefined && INSTANT.test(value) && !Number.isNaN(Date.parse(value))
  if (!valid || new Date(value).toISOString() !== value) {
    throw new ArchiveError(
      source,
      `${what} must be an instant like 2026-11-20T15:00:00.000Z, not ${JSON.stringify(value)}`,
    )
  }
  return value
}

function role(value: string | undefined, source: Element['source']): Role {
  if (value !== 'mentor' && value !== 'mentee') {
    throw new ArchiveError(source, `the author must be mentor or mentee, not ${JSON.stringify(value)}`)
  }
  return value
}

/** Only the attributes a thing has: an unknown one is a mistake worth naming. */
function only(attributes: Attributes, allowed: readonly string[], source: Element['source']) {
  const unknown = Object.keys(attributes).filter((key) => !allowed.includes(key))
  if (unknown.length)
    throw new ArchiveError(source, `unknown ${unknown.map((k) => `"${k}"`).join(', ')} here`)
}

function readCheckIn(
  file: string,
  week: string,
  lines: string[],
  content: RecordContent,
  items: ImportItem[],
) {
  const { fields, next } = readFrontMatter(lines, file)
  const top = { file, line: 1 }
  only(fields, ['week', 'submitted', 'edited'], top)
  if (fields.week !== week)
    throw new ArchiveError(top, `week is ${JSON.stringify(fields.week)}, the file name says ${week}`)
  const submitted = instant(fields.submitted, 'submitted', top)
  const elements = readElements(lines, next, file, {
    'check-in': 'block',
    reply: 'block',
    'earlier-version': 'block',
  })
  const [current, ...rest] = elements
  if (current?.kind !== 'check-in')
    throw new ArchiveError(current?.source ?? top, 'the check-in block comes first')
  only(current.attributes, [], current.source)
  const replies = rest.filter((e) => e.kind === 'reply')
  const earlier = rest.filter((e) => e.kind === 'earlier-version')
  const misplaced = rest.find((e) => e.kind === 'check-in')
  if (misplaced) throw new ArchiveError(misplaced.source, 'a check-in has one check-in block')

  const versions = earlier.map((e) => {
    only(e.attributes, ['at'], e.source)
    return { at: instant(e.attributes.at, 'at', e.source), markdown: e.text!, source: e.source }
  })
  if (versions.length > 0 && fields.edited === undefined)
    throw new ArchiveError(top, 'earlier versions need "edited": when the current text was written')
  if (versions.length === 0 && fields.edited !== undefined)
    throw new ArchiveError(top, '"edited" without earlier versions: the submitted text is missing')
  versions.push({
    at: fields.edited === undefined ? submitted : instant(fields.edited, 'edited', top),
    markdown: current.text!,
    source: current.source,
  })
  if (versions[0]!.at !== submitted)
    throw new ArchiveError(
      versions[0]!.source,
      `the first version is from ${versions[0]!.at}, submitted says ${submitted}`,
    )
  versions.forEach((v, i) => {
    if (i > 0 && v.at < versions[i - 1]!.at) throw new ArchiveError(v.source, 'versions go oldest first')
  })

  const record: CheckInRecord = {
    weekOf: week,
    versions: versions.map(({ at, markdown }) => ({ at, markdown })),
    replies: replies.map((e) => {
      only(e.attributes, ['author', 'at'], e.source)
      return {
        author: role(e.attributes.author, e.source),
        at: instant(e.attributes.at, 'at', e.source),
        markdown: e.text!,
      }
    }),
  }
  content.checkIns.push(record)
  versions.forEach(({ at, markdown, source }, i) =>
    items.push({ kind: i === 0 ? 'submitCheckIn' : 'editCheckIn', at, source, weekOf: week, markdown }),
  )
  record.replies.forEach((r, i) =>
    items.push({ kind: 'replyToCheckIn', source: replies[i]!.source, weekOf: week, ...r }),
  )
}

function readGoalSet(
  file: string,
  period: string,
  lines: string[],
  content: RecordContent,
  items: ImportItem[],
) {
  const { fields, next } = readFrontMatter(lines, file)
  const top = { file, line: 1 }
  only(fields, ['period', 'created'], top)
  if (fields.period !== period)
    throw new ArchiveError(top, `period is ${JSON.stringify(fields.period)}, the file name says ${period}`)
  const createdAt = instant(fields.created, 'created', top)
  const body = { file, line: next + 1 }
  const parsed = parseGoalMarkdown(lines.slice(next).join('\n'))
  if (parsed.period !== period)
    throw new ArchiveError(
      body,
      `the checklist's heading must be for ${period} ("## Q${period.slice(-1)} ${period.slice(0, 4)} Goals")`,
    )
  // The writer's checklist parses without a warning; anything it warns of would be lost on import.
  if (parsed.warnings.length)
    throw new ArchiveError(body, `the checklist does not read cleanly: ${parsed.warnings.join('; ')}`)
  if (parsed.goals.length === 0)
    throw new ArchiveError(body, 'a goal set needs at least one goal ("- [ ] …")')
  const record: GoalSetRecord = { period, createdAt, goals: parsed.goals }
  content.goalSets.push(record)
  items.push({ kind: 'createGoalSet', at: createdAt, source: top, period, goals: parsed.goals })
}

const DECISION_PARTS = ['context', 'decision', 'why'] as const

function readDecisions(file: string, lines: string[], content: RecordContent, items: ImportItem[]) {
  const elements = readElements(lines, 0, file, {
    entry: 'marker',
    context: 'block',
    decision: 'block',
    why: 'block',
  })
  for (let i = 0; i < elements.length; i += 4) {
    const entry = elements[i]!
    if (entry.kind !== 'entry')
      throw new ArchiveError(entry.source, 'expected a decision: an "entry" marker first')
    only(entry.attributes, ['at', 'by', 'title'], entry.source)
    const parts = DECISION_PARTS.map((kind, k) => {
      const part = elements[i + 1 + k]
      if (part?.kind !== kind)
        throw new ArchiveError(
          part?.source ?? entry.source,
          `this decision's "${kind}" block is missing here`,
        )
      only(part.attributes, [], part.source)
      return part.text!
    })
    const title = entry.attributes.title
    if (title === undefined) throw new ArchiveError(entry.source, 'a decision needs a title')
    const [context, decision, why] = parts as [string, string, string]
    const record: DecisionRecord = {
      at: instant(entry.attributes.at, 'at', entry.source),
      by: role(entry.attributes.by, entry.source),
      title,
      context,
      decision,
      why,
    }
    content.decisions.push(record)
    items.push({ kind: 'recordDecision', source: entry.source, ...record })
  }
}
