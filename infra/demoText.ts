/** Text for the demo program: realistic, varied, and in the article's template. */
const accomplished = [
  'Fixed the flaky date-picker test by freezing the clock in the fixture',
  'Shipped the CSV export behind a feature flag',
  'Paired with Sam on the payments retry logic',
  'Read the architecture decision record on event sourcing',
  'Wrote my first migration and rolled it back safely on staging',
  'Reviewed two small PRs and left questions instead of commands',
]
const struggled = [
  'Docker build cache kept invalidating: I tried reordering the COPY lines, the cache still missed on package-lock changes',
  'Understanding why the retry loop doubled requests: I added logging and saw two subscribers on the same queue',
  'Estimating the export ticket: I split it into three tasks but the second one grew',
  'TypeScript generics in the API client: I read the handbook section, the inference still fails on optional fields',
]
const questions = [
  'How do you decide when a test should use the real database instead of a fake?',
  'Is it normal to ask for a design review before writing code here?',
  'What would you look for in my first on-call shadow shift?',
  'Should the export stream rows or build the file in memory?',
]
const goals = [
  'Finish the export ticket with tests',
  'Write a short design note for the retry fix',
  'Stretch: profile the slow dashboard query',
]
const replies = [
  'Great progress on the export: your PR description explained the edge cases clearly. What would happen if the file had a million rows? Here is how we stream in `reports/stream.ts`.',
  'Nice work on the migration rollback. For the generics question, see [this example](https://www.typescriptlang.org/docs/handbook/2/generics.html) — could you try a conditional type for the optional fields?',
  'This function handles three responsibilities — consider extracting a helper. What would a test for each part look like?',
  'You are clearly thinking about failure modes now, compared with your first week. On the Docker cache: what changes if you copy only the lockfile first?',
]

export function demoCheckIn(weekOf: string, n: number): string {
  const pick = <T>(list: T[], k: number) => list[(n + k) % list.length]!
  return [
    `## Week of ${weekOf}`,
    '',
    '### What I Accomplished',
    `- ${pick(accomplished, 0)}`,
    `- ${pick(accomplished, 3)}`,
    '',
    '### What I Struggled With',
    `- ${pick(struggled, 0)}`,
    '',
    '### Questions I Have',
    `1. ${pick(questions, 0)}`,
    `2. ${pick(questions, 1)}`,
    '',
    "### Next Week's Goals",
    ...goals.map((g) => `- ${g}`),
    '',
    '### Feedback for Mentor',
    '- The written replies with links are working well',
    '- Could we keep the call agenda in the check-in doc?',
    '',
  ].join('\n')
}

export function demoReply(n: number): string {
  return replies[n % replies.length]!
}
