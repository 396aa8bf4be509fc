import { goalMarkdown, parsePeriod } from '../rules/goals.ts'
import { headingText, writeBlock, writeFrontMatter, writeMarker } from './format.ts'
import type {
  ArchiveFile,
  CheckInRecord,
  DecisionRecord,
  GoalSetRecord,
  PairRecord,
  ReplyRecord,
} from './record.ts'

/**
 * A pair's record → Markdown files for a git repository: one per check-in (its text, replies and
 * earlier versions), one per goal set in the article's checklist, the decision log, and a README
 * index. The same record gives the same bytes: everything is sorted by what it says and when,
 * never by an id, so a record imported into another pair exports to the same files.
 */
export function recordFiles(record: PairRecord): ArchiveFile[] {
  const checkIns = [...record.checkIns].sort((a, b) => compare(a.weekOf, b.weekOf))
  const goalSets = [...record.goalSets].sort((a, b) => compare(a.period, b.period))
  const decisions = [...record.decisions].sort(byDecision)
  const files = [
    ...checkIns.map((c) => ({ path: checkInPath(c.weekOf), content: checkInFile(c) })),
    ...goalSets.map((g) => ({ path: goalSetPath(g.period), content: goalSetFile(g) })),
    ...(decisions.length ? [{ path: DECISIONS_PATH, content: decisionsFile(decisions) }] : []),
  ]
  return [{ path: 'README.md', content: readme(record, checkIns, goalSets, decisions) }, ...files]
}

export const DECISIONS_PATH = 'decisions.md'

// File names come from validated dates and periods only, never from text a person wrote.
export function checkInPath(weekOf: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(weekOf)) throw new RangeError(`not a week: ${weekOf}`)
  return `check-ins/${weekOf}.md`
}

export function goalSetPath(period: string) {
  if (!parsePeriod(period)) throw new RangeError(`not a period: ${period}`)
  return `goals/${period}.md`
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const byReply = (a: ReplyRecord, b: ReplyRecord) =>
  compare(a.at, b.at) || compare(a.markdown, b.markdown) || compare(a.author, b.author)
const byDecision = (a: DecisionRecord, b: DecisionRecord) =>
  compare(a.at, b.at) ||
  compare(a.title, b.title) ||
  compare(a.context, b.context) ||
  compare(a.decision, b.decision) ||
  compare(a.why, b.why) ||
  compare(a.by, b.by)

/** "2026-11-20T15:00:00.000Z" → "2026-11-20 15:00 UTC", for headings a person reads. */
const shown = (at: string) => `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`

const file = (lines: string[]) => lines.join('\n') + '\n'

function checkInFile(c: CheckInRecord): string {
  const current = c.versions.at(-1)
  if (!current) throw new RangeError(`check-in ${c.weekOf} has no text`)
  const earlier = c.versions.slice(0, -1)
  const lines = writeFrontMatter([
    ['week', c.weekOf],
    ['submitted', c.versions[0]!.at],
    ...(earlier.length ? [['edited', current.at] as const] : []),
  ])
  lines.push('', ...writeBlock('check-in', current.markdown))
  for (const reply of [...c.replies].sort(byReply)) {
    lines.push('', `## Reply from the ${reply.author}, ${shown(reply.at)}`, '')
    lines.push(...writeBlock('reply', reply.markdown, { author: reply.author, at: reply.at }))
  }
  for (const version of earlier) {
    lines.push('', `## Earlier version, ${shown(version.at)}`, '')
    lines.push(...writeBlock('earlier-version', version.markdown, { at: version.at }))
  }
  return file(lines)
}

function goalSetFile(g: GoalSetRecord): string {
  const front = writeFrontMatter([
    ['period', g.period],
    ['created', g.createdAt],
  ])
  return file(front) + '\n' + goalMarkdown(g.period, g.goals)
}

function decisionsFile(decisions: DecisionRecord[]): string {
  const lines = ['# Decision log']
  for (const d of decisions) {
    lines.push(
      '',
      `## ${headingText(d.title)}`,
      '',
      writeMarker('entry', { at: d.at, by: d.by, title: d.title }),
    )
    for (const [kind, heading, text] of [
      ['context', 'Context', d.context],
      ['decision', 'Decision', d.decision],
      ['why', 'Why', d.why],
    ] as const) {
      lines.push('', `### ${heading}`, '', ...writeBlock(kind, text))
    }
  }
  return file(lines)
}

function readme(
  record: PairRecord,
  checkIns: CheckInRecord[],
  goalSets: GoalSetRecord[],
  decisions: DecisionRecord[],
): string {
  const { pair } = record
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  const lines = [
    '# Mentorship record',
    '',
    'Exported by Trellis. `npm run import -- --dir <this folder> --mentorship <id>` reads it back;',
    'this README is an index and is not imported.',
    '',
    `- Mentorship: \`${pair.mentorshipId}\``,
    `- Mentor: ${headingText(pair.mentorName)}`,
    `- Mentee: ${headingText(pair.menteeName)}`,
    `- Started on: ${pair.startedOn}`,
    '',
    '## Check-ins',
    '',
    ...checkIns.map(
      (c) =>
        `- [Week of ${c.weekOf}](${checkInPath(c.weekOf)}): ${count(c.replies.length, 'reply', 'replies')}`,
    ),
    ...(checkIns.length ? [] : ['None.']),
    '',
    '## Goals',
    '',
    ...goalSets.map(
      (g) =>
        `- [${g.period}](${goalSetPath(g.period)}): ${g.goals.filter((x) => x.done).length} of ${count(g.goals.length, 'goal', 'goals')} done`,
    ),
    ...(goalSets.length ? [] : ['None.']),
    '',
    '## Decisions',
    '',
    decisions.length
      ? `- [Decision log](${DECISIONS_PATH}): ${count(decisions.length, 'decision', 'decisions')}`
      : 'None.',
  ]
  return file(lines)
}
