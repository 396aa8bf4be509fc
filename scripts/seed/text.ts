import type { Random } from './random.ts'
import { templateMarkdown, type Report, type Sections } from './reports.ts'

/**
 * The words of the program: check-ins from the real weekly reports when they are there (mapped to
 * the template), generated ones otherwise; mentor replies are always generated from parts, since
 * no real replies came with the reports.
 */
const verbs = [
  'Fixed',
  'Shipped',
  'Refactored',
  'Wrote tests for',
  'Reviewed',
  'Documented',
  'Profiled',
  'Paired on',
]
const things = [
  'the flaky date-picker test',
  'the CSV export',
  'the payments retry loop',
  'the login rate limiter',
  'the search index rebuild',
  'the onboarding checklist page',
  'the Docker build cache',
  'the slow dashboard query',
  'the i18n strings for the settings page',
  'the webhook signature check',
]
const details = [
  'behind a feature flag',
  'with a regression test first',
  'after reading the ADR on it',
  'and split the PR in two so it was easier to review',
  'with Sam, who showed me the profiler',
  'and rolled it back safely on staging once',
]
const struggles = [
  'Understanding why the retry loop doubled requests: I added logging and saw two subscribers on one queue',
  'Estimating the export ticket: I split it into three tasks but the second one grew',
  'TypeScript generics in the API client: inference still fails on optional fields',
  'The migration locked the table on staging: I had not tried it on a copy with real row counts',
  'Reading the legacy billing code: I drew the call graph, it helped but took a day',
  'Keeping the PR small: every fix pulled in another file',
]
export const QUESTIONS = [
  'How do you decide when a test should use the real database instead of a fake?',
  'Is it normal to ask for a design review before writing code here?',
  'What would you look for in my first on-call shadow shift?',
  'Should the export stream rows or build the file in memory?',
  'How much of a PR description is too much?',
  'When do you stop debugging alone and ask for help?',
  'How do I get better at estimating tickets?',
  'Which parts of the codebase should I read next to understand the release process?',
  'Is it worth learning the profiler properly now, or later?',
  'How do you keep notes on what you learn each week?',
]
const goals = [
  'Finish the open ticket with tests',
  'Write a short design note before starting the next feature',
  'Pair with someone from the platform team',
  'Read the incident review from last month',
  'Stretch: profile the slow dashboard query',
  'Get my first PR to the shared library merged',
]
const feedback = [
  'The written replies with links are working well',
  'Could we keep the call agenda in the check-in doc?',
  'A code example in the reply helped more than the explanation, thank you',
  'I would like more direct feedback on my PRs, even small things',
  'Replies on Monday morning are perfect for my week',
]

function some<T>(random: Random, list: readonly T[], min: number, max: number): T[] {
  const start = random.int(0, list.length - 1)
  const n = random.int(min, max)
  return Array.from({ length: n }, (_, i) => list[(start + i * 3) % list.length]!)
}

export function generatedSections(random: Random): Sections {
  return {
    accomplished: Array.from(
      { length: random.int(2, 4) },
      () => `${random.pick(verbs)} ${random.pick(things)} ${random.pick(details)}`,
    ),
    struggled: some(random, struggles, 1, 2),
    questions: some(random, QUESTIONS, 1, 2),
    nextWeekGoals: some(random, goals, 2, 3),
    feedbackForMentor: some(random, feedback, 0, 2),
  }
}

/**
 * A week's check-in. Most follow the template; a few paste their blog post as written (its
 * headings are not the template's, so the parser's warnings show up as they would for real).
 */
export function checkInText(random: Random, reports: readonly Report[], weekOf: string): string {
  if (reports.length === 0) return templateMarkdown(weekOf, generatedSections(random))
  const report = random.pick(reports)
  if (random.chance(0.08)) return report.body
  const sections: Sections = { ...report.sections }
  // Real reports seldom ask anything; juniors in the program are asked to.
  if (sections.questions.length === 0 && random.chance(0.7))
    sections.questions = some(random, QUESTIONS, 1, 2)
  if (sections.struggled.length === 0 && random.chance(0.5))
    sections.struggled = some(random, struggles, 1, 1)
  return templateMarkdown(weekOf, sections)
}

const openers = [
  'Great progress this week.',
  'Thanks for the clear write-up.',
  'Nice work —',
  'Good week.',
  'I enjoyed reading this one.',
  'This is a solid step up from last week.',
]
const advice = [
  'Consider extracting a helper here: the function handles three responsibilities.',
  'Try writing the failing test before the fix next time; it makes the PR review faster.',
  'Keep the PR description as you did: the edge cases were easy to follow.',
  'For the struggle you mention, see [this guide](https://martinfowler.com/articles/practical-test-pyramid.html).',
  'Look at how `reports/stream.ts` streams rows — the same pattern fits here.',
  'Time-box the debugging to an hour, then write down what you tried and ask.',
]
const prompts = [
  'What would happen if the input had a million rows?',
  'How would you test this without the network?',
  'What did you try first, and why did you drop it?',
  'Which of next week’s goals matters most to you, and why?',
  'What would you do differently if you started this again?',
]
const closings = ['Talk on our call.', 'Keep going!', 'Ping me if you get stuck.', '', 'See you next week.']

/** A mentor's reply: praise, a specific point about the check-in, a question back (PRODUCT §1). */
export function replyText(random: Random, checkIn: string): string {
  const item = /^- (.{12,90})/m.exec(checkIn)?.[1]?.replace(/[*_`[\]]/g, '')
  const about = item ? `On “${item.trim()}”: ` : ''
  return [random.pick(openers), `${about}${random.pick(advice)}`, random.pick(prompts), random.pick(closings)]
    .filter(Boolean)
    .join('\n\n')
}

export function followUpText(random: Random): string {
  return random.pick([
    'One more thought after our call: write the design note first, then the code.',
    'Following up — the PR looks good now, merge when CI is green.',
    'Also: I shared your question with the team; the answer is in #eng-help.',
    'Adding a link I promised: https://github.com/google/eng-practices',
  ])
}
