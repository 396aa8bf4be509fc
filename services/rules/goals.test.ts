// eslint-disable-next-line no-restricted-imports -- the test reads the shared seed article; goals.ts itself stays pure
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ARTICLE_GOALS } from './articleGoals.ts'
import {
  DEFAULT_CATEGORIES,
  goalMarkdown,
  parseGoalMarkdown,
  parsePeriod,
  UNCATEGORIZED,
  type GoalItem,
} from './goals.ts'

const sharedDir = fileURLToPath(new URL('../../../shared/', import.meta.url))

const goal = (category: string, text: string, done = false, readyWhen: string | null = null): GoalItem => ({
  category,
  text,
  done,
  readyWhen,
})

const ARTICLE_ITEMS: GoalItem[] = [
  goal('Technical Skills', 'Complete TypeScript migration on feature module'),
  goal('Technical Skills', 'Lead code review for small PR'),
  goal('Technical Skills', 'Pass internal system design interview'),
  goal('Process Understanding', 'Ship feature through full product cycle'),
  goal('Process Understanding', 'Participate in on-call rotation'),
  goal('Process Understanding', 'Contribute to architecture decision'),
  goal('Communication', 'Write three technical blog posts'),
  goal('Communication', 'Present demo to team'),
  goal('Communication', 'Mentor an intern'),
]

describe('parsePeriod: "2026-Q3" is a year and a quarter', () => {
  it.each([
    ['2026-Q3', { year: 2026, quarter: 3 }], // the canonical spelling
    ['2026-Q1', { year: 2026, quarter: 1 }], // the article's quarter
    ['1999-Q4', { year: 1999, quarter: 4 }], // the last quarter
    ['2026-Q5', null], // there is no fifth quarter
    ['2026-Q0', null], // nor a quarter zero
    ['2026-q3', null], // only the canonical spelling: the heading parser is the forgiving one
    ['Q3 2026', null], // the heading's spelling is not the period's
    ['26-Q3', null], // a year has four digits
    [' 2026-Q3', null], // no surrounding space
    ['', null], // nothing
  ])('%j → %j', (period, expected) => {
    expect(parsePeriod(period)).toEqual(expected)
  })
})

describe('parseGoalMarkdown and goalMarkdown: the article’s list', () => {
  it('the article’s list parses to its nine goals in three categories, for 2026-Q1, without warnings', () => {
    expect(parseGoalMarkdown(ARTICLE_GOALS)).toEqual({
      period: '2026-Q1',
      goals: ARTICLE_ITEMS,
      warnings: [],
    })
  })

  it('the article’s list round-trips byte for byte: parse, then export', () => {
    const { period, goals } = parseGoalMarkdown(ARTICLE_GOALS)
    expect(goalMarkdown(period!, goals)).toBe(ARTICLE_GOALS)
  })

  it.skipIf(!existsSync(`${sharedDir}seed`))('the list we check against is the one in the article', () => {
    const article = readdirSync(`${sharedDir}seed`)
      .map((name) => readFileSync(`${sharedDir}seed/${name}`, 'utf8'))
      .find((text) => text.includes('## Q1 2026 Goals'))
    expect(article?.replace(/\r\n/g, '\n')).toContain(ARTICLE_GOALS.trim())
  })

  it('the default categories are the article’s three, in its order', () => {
    expect([...new Set(ARTICLE_ITEMS.map((g) => g.category))]).toEqual([...DEFAULT_CATEGORIES])
  })
})

describe('parseGoalMarkdown: messy variants of the article’s list read as the same goals', () => {
  const messy: Array<[string, string]> = [
    ['"*" bullets', ARTICLE_GOALS.replace(/^- /gm, '* ')],
    ['"+" bullets', ARTICLE_GOALS.replace(/^- /gm, '+ ')],
    ['extra blank lines everywhere', ARTICLE_GOALS.replace(/\n/g, '\n\n')],
    ['no blank lines at all', ARTICLE_GOALS.replace(/\n\n/g, '\n')],
    ['trailing spaces and tabs', ARTICLE_GOALS.replace(/\n/g, '  \t\n')],
    ['Windows line endings', ARTICLE_GOALS.replace(/\n/g, '\r\n')],
    ['categories as #### headings', ARTICLE_GOALS.replace(/^### /gm, '#### ')],
    [
      'categories as ## headings and the period as #',
      ARTICLE_GOALS.replace(/^## /gm, '# ').replace(/^### /gm, '## '),
    ],
    [
      'categories in lower case with a colon',
      ARTICLE_GOALS.replace(/^### (.*)$/gm, (_, c: string) => `### ${c.toLowerCase()}:`),
    ],
    ['an indented list', ARTICLE_GOALS.replace(/^- /gm, '  - ')],
    [
      'a goal wrapped over two lines',
      ARTICLE_GOALS.replace('migration on feature', 'migration\n  on feature'),
    ],
    ['extra spaces inside a goal', ARTICLE_GOALS.replace('Lead code review', 'Lead   code\treview')],
    ['an ATX closing sequence on headings', ARTICLE_GOALS.replace(/^(#+ .*)$/gm, '$1 ###')],
    ['the period heading as "2026 Q1 goals"', ARTICLE_GOALS.replace('Q1 2026 Goals', '2026 Q1 goals')],
    ['the period heading as "Goals: Q1-2026"', ARTICLE_GOALS.replace('Q1 2026 Goals', 'Goals: Q1-2026')],
    [
      'an HTML comment and a thematic break',
      ARTICLE_GOALS.replace('### Communication', '<!-- soft skills -->\n\n---\n\n### Communication'),
    ],
  ]
  it.each(messy)('%s', (_, markdown) => {
    expect(parseGoalMarkdown(markdown)).toEqual({ period: '2026-Q1', goals: ARTICLE_ITEMS, warnings: [] })
  })

  it.each([
    ['- [x] Ship it', true], // GFM's done mark
    ['- [X] Ship it', true], // a capital X is done too
    ['- [ ] Ship it', false], // open
    ['* [x]   Ship it', true], // extra spaces after the checkbox
    ['1. [x] Ship it', true], // a numbered list of goals
  ])('%j is done: %s', (line, done) => {
    expect(parseGoalMarkdown(`### Communication\n${line}\n`).goals).toEqual([
      goal('Communication', 'Ship it', done),
    ])
  })
})

describe('parseGoalMarkdown: readyWhen, trailing or nested', () => {
  it.each([
    ['a trailing "(ready when: …)"', '- [ ] Lead a review (ready when: two PRs reviewed with no misses)'],
    [
      'a capitalised "(Ready When: …)"',
      '- [ ] Lead a review (Ready When:   two PRs reviewed with no misses )',
    ],
    [
      'a nested "- Ready when: …" item',
      '- [ ] Lead a review\n  - Ready when: two PRs reviewed with no misses',
    ],
    [
      'a nested "* ready when:" item',
      '- [ ] Lead a review\n\n    * ready when:two PRs reviewed with no misses',
    ],
  ])('%s', (_, line) => {
    expect(parseGoalMarkdown(`### Technical Skills\n${line}\n`)).toEqual({
      period: null,
      goals: [goal('Technical Skills', 'Lead a review', false, 'two PRs reviewed with no misses')],
      warnings: [],
    })
  })

  it('parentheses inside the condition stay in it', () => {
    const { goals } = parseGoalMarkdown(
      '### Communication\n- [ ] Demo (live) (ready when: I can demo (and explain) it)\n',
    )
    expect(goals).toEqual([goal('Communication', 'Demo (live)', false, 'I can demo (and explain) it')])
  })

  it('an empty condition is no condition', () => {
    expect(parseGoalMarkdown('### Communication\n- [ ] Demo (ready when: )\n').goals).toEqual([
      goal('Communication', 'Demo'),
    ])
  })

  it('a trailing condition wins over a nested one, which is named in a warning', () => {
    const parsed = parseGoalMarkdown('### Communication\n- [ ] Demo (ready when: a)\n  - Ready when: b\n')
    expect(parsed.goals).toEqual([goal('Communication', 'Demo', false, 'a')])
    expect(parsed.warnings).toEqual(['second "ready when" for goal "Demo" not placed: "Ready when: b"'])
  })
})

describe('parseGoalMarkdown: what cannot be placed is a warning, never an error', () => {
  it('goals before any category go to Uncategorized, each named in a warning', () => {
    const parsed = parseGoalMarkdown('## Q3 2026 Goals\n- [ ] Read the ADRs\n### Communication\n- [ ] Demo\n')
    expect(parsed.period).toBe('2026-Q3')
    expect(parsed.goals).toEqual([goal(UNCATEGORIZED, 'Read the ADRs'), goal('Communication', 'Demo')])
    expect(parsed.warnings).toEqual([`goal before any category, placed in ${UNCATEGORIZED}: "Read the ADRs"`])
  })

  it('a plain item without a checkbox is a goal not done, with a warning', () => {
    const parsed = parseGoalMarkdown('### Communication\n- Present demo to team\n')
    expect(parsed.goals).toEqual([goal('Communication', 'Present demo to team')])
    expect(parsed.warnings).toEqual(['goal without a checkbox, read as not done: "Present demo to team"'])
  })

  it('a list without a period heading has a null period and no warning for it', () => {
    expect(parseGoalMarkdown('### Communication\n- [ ] Demo\n')).toEqual({
      period: null,
      goals: [goal('Communication', 'Demo')],
      warnings: [],
    })
  })

  it('paragraphs, empty goals, nested items, second periods and empty categories are named', () => {
    const parsed = parseGoalMarkdown(
      [
        '## Q1 2026 Goals',
        'Review these monthly.',
        '### Technical Skills',
        '- [ ]',
        '- [ ] Migrate the module',
        '  - [ ] step one',
        '',
        '  some notes',
        '### Communication',
        '## Q2 2026 Goals',
        '### Process Understanding',
        '- [x] On-call',
      ].join('\n'),
    )
    expect(parsed.period).toBe('2026-Q1')
    expect(parsed.goals).toEqual([
      goal('Technical Skills', 'Migrate the module'),
      goal('Process Understanding', 'On-call', true),
    ])
    expect(parsed.warnings).toEqual([
      'text not placed: "Review these monthly."',
      'goal without text, not placed',
      'item under goal "Migrate the module" not placed: "[ ] step one"',
      'text under goal "Migrate the module" not placed: "some notes"',
      'category without goals: "Communication"',
      'second period heading ignored: "Q2 2026 Goals"',
    ])
  })

  it('an empty document has no period, no goals and no warnings', () => {
    expect(parseGoalMarkdown('')).toEqual({ period: null, goals: [], warnings: [] })
  })
})

describe('goalMarkdown: the article’s shape', () => {
  it('categories come default ones first, in their order, then others by first appearance', () => {
    const markdown = goalMarkdown('2026-Q3', [
      goal('Security', 'Threat-model the login flow'),
      goal('Communication', 'Demo', true),
      goal('Technical Skills', 'Migrate', false, 'no `any` left'),
      goal('Security', 'Rotate a secret'),
      goal('Open Source', 'One upstream PR'),
    ])
    expect(markdown).toBe(
      [
        '## Q3 2026 Goals',
        '',
        '### Technical Skills',
        '- [ ] Migrate (ready when: no `any` left)',
        '',
        '### Communication',
        '- [x] Demo',
        '',
        '### Security',
        '- [ ] Threat-model the login flow',
        '- [ ] Rotate a secret',
        '',
        '### Open Source',
        '- [ ] One upstream PR',
        '',
      ].join('\n'),
    )
  })

  it('no goals is the period heading alone', () => {
    expect(goalMarkdown('2026-Q4', [])).toBe('## Q4 2026 Goals\n')
  })

  it('refuses a period that is not YYYY-Qn, and a goal without text', () => {
    expect(() => goalMarkdown('Q3 2026', [])).toThrow(RangeError)
    expect(() => goalMarkdown('2026-Q3', [goal('Communication', '  ')])).toThrow(RangeError)
  })

  it('a goal over several lines is written on one', () => {
    expect(goalMarkdown('2026-Q1', [goal('Communication', 'Present\n  the demo')])).toContain(
      '- [ ] Present the demo\n',
    )
  })
})

describe('goalMarkdown then parseGoalMarkdown: Markdown special characters survive', () => {
  // Decision: a goal's text is inline Markdown kept as written. After "- [ ] " the rest of the
  // line is one paragraph, so block markers at its start are text; only "(ready when:" needs an
  // escape, which parsing undoes. A category is plain text, escaped where Markdown would format it.
  it.each([
    ['a text starting with "#"', goal('Technical Skills', '# not a heading')],
    ['a text starting with ">"', goal('Technical Skills', '> not a quote')],
    ['a text starting with "1."', goal('Technical Skills', '1. not a list')],
    ['a text starting with "- "', goal('Technical Skills', '- not a nested list')],
    ['a text starting with "[x]"', goal('Technical Skills', '[x] is not a second checkbox', false)],
    ['a text starting with "[ ]" on a done goal', goal('Technical Skills', '[ ] still text', true)],
    ['a text containing "[x]"', goal('Technical Skills', 'Close every [x] in the backlog')],
    ['a text containing "(ready when:"', goal('Technical Skills', 'Explain (ready when: in our docs)')],
    [
      'a text containing "(ready when:" and a condition',
      goal('Communication', 'Say (Ready when: x)', false, 'y'),
    ],
    ['a text with a backslash before "(ready when:"', goal('Communication', 'a \\(ready when: b)')],
    ['a condition containing "(ready when:"', goal('Communication', 'Demo', true, 'a (ready when: b)')],
    [
      'code, emphasis and a link',
      goal('Technical Skills', 'Replace `any` in **auth** ([#42](https://x.test/42))'),
    ],
    ['a trailing backslash', goal('Technical Skills', 'Escape C:\\')],
    ['HTML', goal('Technical Skills', 'Learn <details> and &amp;')],
    ['a category with formatting characters', goal('*Front_end* [web] `ui` <b> &amp; \\', 'Ship')],
    ['a category ending in " #"', goal('Level #', 'Ship')],
    ['a category "C#"', goal('C#', 'Ship')],
    ['a category "#"', goal('#', 'Ship')],
  ])('%s', (_, item) => {
    const parsed = parseGoalMarkdown(goalMarkdown('2026-Q2', [item]))
    expect(parsed).toEqual({ period: '2026-Q2', goals: [item], warnings: [] })
  })
})

// Safe strings: words of letters, digits and inner punctuation, so no line starts with Markdown.
const word = fc.string({
  unit: fc.constantFrom(...Array.from("abcdefghXYZ0129é日-.,!?:;'/")),
  minLength: 1,
  maxLength: 8,
})
const phrase = fc
  .array(word, { minLength: 1, maxLength: 6 })
  .map((words) => words.join(' '))
  .filter((text) => /^[\p{L}\p{N}]/u.test(text))
const category = fc
  .oneof(fc.constantFrom(...DEFAULT_CATEGORIES, UNCATEGORIZED), phrase)
  // Not a spelling of a default category, nor a period heading.
  .filter(
    (name) =>
      (DEFAULT_CATEGORIES as readonly string[]).includes(name) ||
      ![...DEFAULT_CATEGORIES].some((c) => c.toLowerCase() === name.replace(/[\s:]+$/, '').toLowerCase()),
  )
  .filter((name) => !/q[1-4][\s-]*\d{4}|\d{4}[\s-]*q[1-4]/i.test(name))
const period = fc.record({
  year: fc.integer({ min: 1000, max: 9999 }),
  quarter: fc.integer({ min: 1, max: 4 }),
})

/** The export's order: default categories first in their order, then others by first appearance. */
function inExportOrder(goals: readonly GoalItem[]): GoalItem[] {
  const order = [...DEFAULT_CATEGORIES, ...goals.map((g) => g.category)]
  return [...goals].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category))
}

describe('goalMarkdown then parseGoalMarkdown: a property', () => {
  const goals = fc.array(
    fc.record({ category, text: phrase, done: fc.boolean(), readyWhen: fc.option(phrase, { nil: null }) }),
    { maxLength: 12 },
  )

  it('goals already in export order come back deep-equal, with the period and no warnings', () => {
    fc.assert(
      fc.property(period, goals, ({ year, quarter }, written) => {
        const ordered = inExportOrder(written)
        const parsed = parseGoalMarkdown(goalMarkdown(`${year}-Q${quarter}`, ordered))
        expect(parsed).toEqual({ period: `${year}-Q${quarter}`, goals: ordered, warnings: [] })
      }),
      { numRuns: 200 },
    )
  })

  it('goals in any order come back grouped by category, in a stable order within each', () => {
    fc.assert(
      fc.property(goals, (written) => {
        expect(parseGoalMarkdown(goalMarkdown('2026-Q1', written)).goals).toEqual(inExportOrder(written))
      }),
      { numRuns: 200 },
    )
  })

  it('exporting what was parsed is stable: export, parse, export gives the same text', () => {
    fc.assert(
      fc.property(goals, (written) => {
        const once = goalMarkdown('2026-Q1', written)
        expect(goalMarkdown('2026-Q1', parseGoalMarkdown(once).goals)).toBe(once)
      }),
      { numRuns: 200 },
    )
  })
})
