// eslint-disable-next-line no-restricted-imports -- the test reads shared corpora; template.ts itself stays pure
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCheckIn, renderCheckIn, SECTION_TITLES, type CheckInSections } from './template.ts'

// Shared data lives beside the project, never inside it (shared/data/README.md).
const sharedDir = fileURLToPath(new URL('../../../shared/', import.meta.url))

/** The article's template, exactly as printed under "The Weekly Async Check-In Template". */
const ARTICLE_TEMPLATE = `## Week of [Date]

### What I Accomplished
- [Completed task 1]
- [Completed task 2]
- [Learning milestone]

### What I Struggled With
- [Challenge 1: what I tried, what happened]
- [Challenge 2: specific blocker]

### Questions I Have
1. [Specific technical question]
2. [Process clarification]
3. [Career or growth question]

### Next Week's Goals
- [Primary objective]
- [Secondary objective]
- [Stretch goal if time permits]

### Feedback for Mentor
- [What's working well]
- [What could be improved]
`

const FILLED_IN = `## Week of 2026-03-16

### What I Accomplished
- Shipped the password-reset form behind the \`reset_v2\` flag
- Paired with Ana on the flaky checkout test; it was a shared fixture leaking state
- Read the team's ADR on event sourcing and wrote down three questions

### What I Struggled With
- Migrating \`UserService\` to TypeScript: I tried \`strict: true\` on the whole module, and got 214 errors
- CI is slow: a full run takes 25 minutes, so I batch my pushes and lose context

### Questions I Have
1. Should \`decide\` ever read the clock, or is \`now\` always passed in?
2. Who approves a schema change in \`checkins.graphql\`?
3. What would you look for in my first on-call week?

### Next Week's Goals
- Finish the TypeScript migration of \`UserService\`
- Write the projection for \`check_ins\`
- Stretch: demo the reset flow at Friday's team meeting

### Feedback for Mentor
- The annotated review on my PR helped a lot
- A short Loom for the architecture walkthrough would help me more than text
`

const sections = (partial: Partial<CheckInSections>): CheckInSections => ({
  accomplished: [],
  struggled: [],
  questions: [],
  nextWeekGoals: [],
  feedbackForMentor: [],
  ...partial,
})

describe('parseCheckIn: the article’s template, filled in', () => {
  it('a filled-in template gives every section its items and no warnings', () => {
    const parsed = parseCheckIn(FILLED_IN)
    expect(parsed.warnings).toEqual([])
    expect(parsed.weekOfHeading).toBe('2026-03-16')
    expect(parsed.sections.accomplished).toHaveLength(3)
    expect(parsed.sections.struggled[0]).toBe(
      'Migrating `UserService` to TypeScript: I tried `strict: true` on the whole module, and got 214 errors',
    )
    expect(parsed.sections.questions).toEqual([
      'Should `decide` ever read the clock, or is `now` always passed in?',
      'Who approves a schema change in `checkins.graphql`?',
      'What would you look for in my first on-call week?',
    ])
    expect(parsed.sections.nextWeekGoals[2]).toBe("Stretch: demo the reset flow at Friday's team meeting")
    expect(parsed.sections.feedbackForMentor).toHaveLength(2)
  })

  it('the blank template parses to its placeholders', () => {
    const parsed = parseCheckIn(ARTICLE_TEMPLATE)
    expect(parsed.weekOfHeading).toBe('[Date]')
    expect(parsed.sections.questions).toEqual([
      '[Specific technical question]',
      '[Process clarification]',
      '[Career or growth question]',
    ])
    expect(parsed.warnings).toEqual([])
  })
})

describe('parseCheckIn: forgiving of how people type the template', () => {
  it.each([
    ['a deeper heading level', '#### What I Accomplished'],
    ['a shallower heading level', '## What I Accomplished'],
    ['lower case', '### what i accomplished'],
    ['a trailing colon', '### What I Accomplished:'],
    ['extra spaces', '###    What  I   Accomplished   '],
    ['emphasis inside the heading', '### **What I Accomplished**'],
    ['a setext heading', 'What I Accomplished\n-------------------'],
  ])('a section heading with %s is still the section', (_, heading) => {
    expect(parseCheckIn(`${heading}\n- Did the thing\n`).sections.accomplished).toEqual(['Did the thing'])
  })

  it.each([
    ['a curly apostrophe', '### Next Week’s Goals'],
    ['no apostrophe', '### Next Weeks Goals'],
    ['a straight apostrophe in capitals', "### NEXT WEEK'S GOALS"],
  ])('"Next Week\'s Goals" with %s is still the section', (_, heading) => {
    expect(parseCheckIn(`${heading}\n- Ship it\n`).sections.nextWeekGoals).toEqual(['Ship it'])
  })

  it.each([
    ['*', '* one\n* two'],
    ['+', '+ one\n+ two'],
    ['numbered with dots', '1. one\n2. two'],
    ['numbered with parentheses', '1) one\n2) two'],
    ['loose (blank lines between items)', '- one\n\n- two'],
    ['indented by a space', ' - one\n - two'],
  ])('a %s list gives one item per entry', (_, list) => {
    expect(parseCheckIn(`### Questions I Have\n${list}\n`).sections.questions).toEqual(['one', 'two'])
  })

  it('an item over several lines, with a nested list and code, keeps its own Markdown', () => {
    const markdown = [
      '### What I Struggled With',
      '- Flaky checkout test: I tried',
      '  re-running it locally and it passed',
      '  - with `--runInBand`',
      '  - without the cache',
      '',
      '  ```ts',
      '  expect(cart.total).toBe(42) // fails on CI',
      '  ```',
      '- Slow CI',
    ].join('\n')
    expect(parseCheckIn(markdown).sections.struggled).toEqual([
      [
        'Flaky checkout test: I tried',
        're-running it locally and it passed',
        '- with `--runInBand`',
        '- without the cache',
        '',
        '```ts',
        'expect(cart.total).toBe(42) // fails on CI',
        '```',
      ].join('\n'),
      'Slow CI',
    ])
  })

  it('a numbered item wider than two digits dedents by its own marker', () => {
    const items = Array.from(
      { length: 10 },
      (_, i) => `${i + 1}. q${i + 1}\n${' '.repeat(`${i + 1}. `.length)}more`,
    )
    const parsed = parseCheckIn(`### Questions I Have\n${items.join('\n')}\n`)
    expect(parsed.sections.questions[9]).toBe('q10\nmore')
  })

  it('task-list items keep their checkbox', () => {
    const parsed = parseCheckIn(
      '### Next Week’s Goals\n- [ ] Primary: finish the migration\n- [x] Secondary: tests\n',
    )
    expect(parsed.sections.nextWeekGoals).toEqual([
      '[ ] Primary: finish the migration',
      '[x] Secondary: tests',
    ])
  })

  it('paragraphs without a list become one item each', () => {
    const parsed = parseCheckIn(
      '### What I Struggled With\nI tried to mock the clock,\nand the test still read Date.now().\n\nThen CI timed out.\n',
    )
    expect(parsed.sections.struggled).toEqual([
      'I tried to mock the clock,\nand the test still read Date.now().',
      'Then CI timed out.',
    ])
  })

  it('Windows line endings read the same as Unix ones', () => {
    expect(parseCheckIn(FILLED_IN.replace(/\n/g, '\r\n'))).toEqual(parseCheckIn(FILLED_IN))
  })

  it('HTML comments left from the template are not items', () => {
    expect(
      parseCheckIn('### Feedback for Mentor\n<!-- what is working, what could improve -->\n').sections
        .feedbackForMentor,
    ).toEqual([])
  })

  it.each([
    ['## Week of 2026-03-16', '2026-03-16'],
    ['# Week of: March 16, 2026', 'March 16, 2026'],
    ['### WEEK OF 16/03', '16/03'],
    ['## Week of', null],
  ])('the week heading %s reads as %s', (heading, week) => {
    expect(parseCheckIn(`${heading}\n`).weekOfHeading).toBe(week)
  })
})

describe('parseCheckIn: what does not fit the template is a warning, never an error', () => {
  it('a missing section and an empty section are named', () => {
    const parsed = parseCheckIn('## Week of 2026-03-16\n### What I Accomplished\n- a\n### Questions I Have\n')
    expect(parsed.warnings).toEqual([
      'missing section: What I Struggled With',
      'empty section: Questions I Have',
      "missing section: Next Week's Goals",
      'missing section: Feedback for Mentor',
    ])
  })

  it('an empty document warns about every heading and throws nothing', () => {
    const parsed = parseCheckIn('')
    expect(parsed.weekOfHeading).toBeNull()
    expect(parsed.warnings).toEqual([
      'missing heading: Week of [Date]',
      ...Object.values(SECTION_TITLES).map((title) => `missing section: ${title}`),
    ])
  })

  it('an unknown heading is named, and its content is not placed in the section before it', () => {
    const parsed = parseCheckIn(`${FILLED_IN}\n### Random Thoughts\n- coffee\n`)
    expect(parsed.warnings).toEqual([
      'unknown heading: Random Thoughts',
      "text outside the template's sections: 1 block(s) not placed",
    ])
    expect(parsed.sections.feedbackForMentor).toHaveLength(2)
  })

  it('an unknown sub-heading inside a section keeps the section open', () => {
    const parsed = parseCheckIn('### What I Struggled With\n#### The flaky test\n- tried X, Y happened\n')
    expect(parsed.sections.struggled).toEqual(['tried X, Y happened'])
    expect(parsed.warnings).toContain('unknown heading: The flaky test')
  })

  it('a section written twice keeps both halves and says so', () => {
    const parsed = parseCheckIn('### Questions I Have\n1. a\n### Questions I Have\n1. b\n')
    expect(parsed.sections.questions).toEqual(['a', 'b'])
    expect(parsed.warnings).toContain('duplicate section: Questions I Have')
  })
})

describe('renderCheckIn: export in exactly the template’s shape', () => {
  const placeholders = parseCheckIn(ARTICLE_TEMPLATE).sections

  it('the article’s own template renders back byte for byte', () => {
    expect(renderCheckIn('[Date]', placeholders)).toBe(ARTICLE_TEMPLATE)
  })

  it.skipIf(!existsSync(`${sharedDir}seed`))(
    'the template we check against is the one in the article',
    () => {
      const article = readdirSync(`${sharedDir}seed`)
        .map((name) => readFileSync(`${sharedDir}seed/${name}`, 'utf8'))
        .find((text) => text.includes('The Weekly Async Check-In Template'))
      expect(article?.replace(/\r\n/g, '\n')).toContain(ARTICLE_TEMPLATE.trim())
    },
  )

  it('questions are numbered 1., 2., …; every other item is a "- " bullet', () => {
    const markdown = renderCheckIn(
      '2026-03-16',
      sections({ questions: ['a', 'b', 'c'], accomplished: ['x'] }),
    )
    expect(markdown).toContain('### Questions I Have\n1. a\n2. b\n3. c\n')
    expect(markdown).toContain('### What I Accomplished\n- x\n')
  })

  it('a multi-line item is indented under its marker, so it stays one item', () => {
    const markdown = renderCheckIn(
      '2026-03-16',
      sections({ struggled: ['tried X\n\n```\nerror\n```'], questions: ['why\nnot'] }),
    )
    expect(markdown).toContain('- tried X\n\n  ```\n  error\n  ```\n')
    expect(markdown).toContain('1. why\n   not\n')
  })

  it('an item of dashes is not mistaken for a thematic break', () => {
    expect(
      parseCheckIn(renderCheckIn('w', sections({ accomplished: ['- - -', '---'] }))).sections.accomplished,
    ).toEqual(['- - -', '---'])
  })

  it('render then parse gives back the same sections, for any safe item text', () => {
    const chars = Array.from('abcXYZ 019.,:;!?()[]{}*_`#>|~-+=<&"\'/\\é日😀\t')
    const item = fc
      .array(fc.string({ unit: fc.constantFrom(...chars), maxLength: 24 }), { minLength: 1, maxLength: 4 })
      .map((lines) => lines.join('\n').trim())
      .filter((text) => text !== '')
    const items = fc.array(item, { maxLength: 4 })
    fc.assert(
      fc.property(
        fc.record({
          accomplished: items,
          struggled: items,
          questions: items,
          nextWeekGoals: items,
          feedbackForMentor: items,
        }),
        (written) => {
          const parsed = parseCheckIn(renderCheckIn('2026-03-16', written))
          expect(parsed.sections).toEqual(written)
          expect(parsed.weekOfHeading).toBe('2026-03-16')
        },
      ),
      { numRuns: 300 },
    )
  })
})

const reportsDir = `${sharedDir}data/weekly-reports`
const reports = existsSync(reportsDir) ? readdirSync(reportsDir).filter((name) => name.endsWith('.md')) : []
if (reports.length === 0) console.warn(`skipped: no weekly reports at ${reportsDir}`)

describe.skipIf(reports.length === 0)(
  'parseCheckIn on real weekly reports (shared/data/weekly-reports)',
  () => {
    const read = (name: string) => readFileSync(`${reportsDir}/${name}`, 'utf8')

    it('parsing every real report never throws, and their own headings come back as unknown', () => {
      for (const name of reports) {
        const parsed = parseCheckIn(read(name))
        expect(
          parsed.warnings.some((w) => w.startsWith('unknown heading: ')),
          name,
        ).toBe(true)
        expect(
          parsed.warnings.some((w) => w.startsWith('missing section: ')),
          name,
        ).toBe(true)
      }
    })

    it('real report text placed in our sections survives export and re-import unchanged', () => {
      const titles = Object.values(SECTION_TITLES)
      for (const name of reports) {
        let n = 0
        const asCheckIn = read(name).replace(/^#{1,6}[ \t].*$/gm, () => `### ${titles[n++ % titles.length]}`)
        const first = parseCheckIn(asCheckIn)
        const again = parseCheckIn(renderCheckIn('2025-06-02', first.sections))
        expect(again.sections, name).toEqual(first.sections)
      }
    })
  },
)
