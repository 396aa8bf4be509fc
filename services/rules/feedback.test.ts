import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ACKNOWLEDGE_AFTER_WORDS,
  FEEDBACK_PRINCIPLES,
  feedbackHints,
  type FeedbackPrinciple,
} from './feedback.ts'

const principlesOf = (reply: string) => feedbackHints(reply).map((hint) => hint.principle)
const hintFor = (reply: string, principle: FeedbackPrinciple) =>
  feedbackHints(reply).find((hint) => hint.principle === principle)

/** A reply that follows every principle: about the code, with an example, asking, acknowledging. */
const GOOD_REPLY = `Nice work on the reset flow—the tests read much better than last week's.

In \`resetPassword\` the token check and the email send happen in one function. What would happen
if the mail server is down after the token is stored? One option is to split them, the way
[the signup handler](https://git.example.com/app/signup.ts#L30) does:

\`\`\`ts
const token = await issueToken(user)
await queue.send('reset-email', { user, token })
\`\`\`

How would you test the failure case?
`

describe('feedbackHints: a reply that follows all the article’s principles', () => {
  it('gets no hints', () => {
    expect(feedbackHints(GOOD_REPLY)).toEqual([])
  })

  it('an empty reply gets no hints', () => {
    expect(feedbackHints('')).toEqual([])
  })

  it('hints come one per principle, in the principles’ order, each with a reason and a rewrite hint', () => {
    const hints = feedbackHints(
      'You are careless. This is wrong. Rewrite the loop. Remove the global. ' +
        'Move the parsing out of the handler and into the service layer where it belongs, then rerun everything.',
    )
    expect(hints.map((h) => h.principle)).toEqual(FEEDBACK_PRINCIPLES)
    for (const hint of hints) {
      expect(hint.reason).not.toBe('')
      expect(hint.rewriteHint).not.toBe('')
    }
  })
})

describe('PERSON_FOCUSED: be specific about code, not people', () => {
  it.each([
    ['You are careless with null checks.', 'You are careless'], // a label for the person
    ['You always forget to run the linter before pushing.', 'You always forget'], // a generalisation
    ['You never write tests for the edge cases.', 'You never write'], // the other generalisation
    ['Honestly, you’re bad at naming things.', 'you’re bad at'], // curly apostrophe
    ['This PR is sloppy.', 'sloppy'], // a judgement word, even about the work
    ['Feels like a lazy fix to me.', 'lazy'], // lazy, but not a technique
    ['What were you thinking with this migration?', 'What were you thinking'], // a rhetorical jab
    ['you’re so careless with the config', 'you’re so careless'], // an intensifier in between
  ])('%j is about the person (%j)', (reply, phrase) => {
    const hint = hintFor(reply, 'PERSON_FOCUSED')
    expect(hint?.reason).toContain(`"${phrase}"`)
  })

  it.each([
    ['This function handles three responsibilities—consider extracting a helper.'], // the article's example
    ['We could lazy-load the chart component so the first paint is faster.'], // lazy loading is a technique
    ['Lazy evaluation would let us skip the expensive branch.'], // so is lazy evaluation
    ['You always want to validate input at the boundary.'], // a generic "you" giving advice
    ['You never know how big the list gets—what happens with 10k rows?'], // an idiom
    ['In `sloppyParse` the regex accepts trailing spaces.'], // a name in inline code
    ['```js\n// careless: you never free this\nconst buf = alloc()\n```\nWhere is it freed?'], // a code block
    ['> I was sloppy with the tests this week\n\nThanks for being candid. What would help next week?'], // a quote
  ])('%j is about the work', (reply) => {
    expect(principlesOf(reply)).not.toContain('PERSON_FOCUSED')
  })
})

describe('CORRECTION_WITHOUT_EXAMPLE: provide examples, not just corrections', () => {
  it.each([
    ['This is wrong.', 'wrong'], // a bare verdict
    ['The date math is incorrect around DST.', 'incorrect'], // a correction with no fix shown
    ['This is not how we handle errors here.', 'This is not how'], // a norm without the norm
    ['Don’t do network calls inside the reducer.', 'Don’t do'], // a prohibition without the alternative
    ['You should have added a test for the empty cart.', 'should have'], // hindsight
    ['Fix this before merging.', 'Fix this'], // an order to fix
    ['That’s not how the cache is meant to be used, please revisit.', 'That’s not how'], // curly apostrophe
    ['Looks fine overall, but the totals are incorrectly rounded when the cart is empty.', 'incorrectly'], // buried in praise
  ])('%j corrects without an example (%j)', (reply, phrase) => {
    expect(hintFor(reply, 'CORRECTION_WITHOUT_EXAMPLE')?.reason).toContain(`"${phrase}"`)
  })

  it.each([
    ['This is wrong: `if (user = null)` assigns. Compare with `===` instead.'], // inline code shows the fix
    [
      'The retry logic is incorrect; see how [the payment client](https://git.example.com/pay.ts#L40) does it.',
    ], // a link
    ['This is not how we log errors here, see https://wiki.example.com/errors'], // a bare URL is a link
    ['Don’t do this:\n\n```js\nfor (const id of ids) await fetchUser(id)\n```\nbut batch them.'], // a code block
    ['This is wrong, see [the guide][guide].\n\n[guide]: https://wiki.example.com/guide'], // a reference link
    ['What could go wrong if two requests arrive at once?'], // "go wrong" is a question, not a verdict
    ['Nothing wrong with the approach—it reads well.'], // "nothing wrong" is praise
    ['Great progress on the migration this week.'], // no correction at all
  ])('%j is not a correction without an example', (reply) => {
    expect(principlesOf(reply)).not.toContain('CORRECTION_WITHOUT_EXAMPLE')
  })
})

describe('COMMANDS_WITHOUT_QUESTIONS: ask questions rather than giving commands', () => {
  it.each([
    ['Use a map here. Rename the variable.', 2], // two plain imperatives
    ['- Move the parsing into its own module\n- Add tests for the empty input\n- Remove the console.log', 3], // a list of orders
    ['Don’t mutate the props. Copy them first.', 2], // a prohibition counts
    ['Please split this PR. Then rebase on main.', 2], // softened by "please", still orders
    ['You need to add a migration. Update the README too.', 2], // "you need to" is an order
    ['Extract the `fetchUser` call. Wrap it in a try/catch!', 2], // inline code inside the order
    ['Make sure the job is idempotent. Never retry without a backoff.', 2], // "make sure", "never"
    ['Add caching.\n\nAlso, log the misses.', 2], // the article's "add caching", across paragraphs
  ])('%j gives %i orders and asks nothing', (reply, count) => {
    expect(hintFor(reply, 'COMMANDS_WITHOUT_QUESTIONS')?.reason).toMatch(new RegExp(`^${count} instructions`))
  })

  it.each([
    ['Use a map here. What would happen to lookups if we kept the array?'], // a question alongside
    ['Rename the variable.'], // a single order is not a pattern
    ['Test coverage is much better this week. Change looks good to me.'], // nouns, not verbs
    ['Update: I merged the PR. Fix is live on staging.'], // a label and a noun
    ['What would happen if we added caching here?'], // the article's question
    ['```\nUse a map.\nRemove the loop.\n```'], // orders inside code are code
    ['Let’s pair on it tomorrow. I’ll bring the failing test.'], // an offer, not an order
    ['Use of `any` is down to two places. Returns are typed now.'], // "use of" is a noun
  ])('%j is not commands without questions', (reply) => {
    expect(principlesOf(reply)).not.toContain('COMMANDS_WITHOUT_QUESTIONS')
  })

  it('a question mark inside code or a URL is not a question', () => {
    expect(principlesOf('Use `a?.b` here. Read https://example.com/docs?page=2 first.')).toContain(
      'COMMANDS_WITHOUT_QUESTIONS',
    )
  })
})

const words = (n: number) =>
  Array.from({ length: n }, (_, i) => ['the', 'handler', 'reads', 'rows'][i % 4]).join(' ')

describe('NO_ACKNOWLEDGEMENT: acknowledge progress explicitly', () => {
  it.each([
    [`${words(21)}.`], // just over the length, nothing kind
    [
      'The migration still has twelve places typed as any, and the reducer mutates state in two ' +
        'branches. I left comments on each one in the PR.',
    ], // a review that only lists problems
    [
      'It would be nice if the handler returned early on empty input, and the tests covered the ' +
        'timeout path as well as the retry path.',
    ], // "would be nice" is a wish, not praise
    [
      'This is not good enough yet for the release branch: the retry loop never stops and the ' +
        'logs include the full token.',
    ], // "not good" is negated
    [
      'Clean up the imports in the service, then take another pass over the naming in the ' +
        'reducer before we look at it together.',
    ], // "clean up" is an order
    [
      'The feature is still a work in progress, so keep the flag off on staging until the ' +
        'retry path has tests and a runbook.',
    ], // "work in progress" is a status
  ])('%j acknowledges nothing', (reply) => {
    expect(hintFor(reply, 'NO_ACKNOWLEDGEMENT')?.reason).toMatch(/^Nothing in this \d+-word reply/)
  })

  it.each([
    ['Merged. The flag stays off until Friday.'], // short replies need no praise
    [`${words(ACKNOWLEDGE_AFTER_WORDS)}.`], // exactly at the length: not longer than it
    [
      'Your PR description shows much clearer thinking about edge cases than your first ' +
        'submission—great progress. Let us look at the retry path next.',
    ], // the article's example
    [
      'Thanks for splitting the PR, it made the review much faster. The reducer still mutates ' +
        'state in two branches, see the comments.',
    ], // thanks
    [
      'The error handling has improved a lot since March: every handler now returns a typed ' +
        'result and the logs are free of tokens.',
    ], // improved
    [
      'Solid work on the migration. Twelve places are still typed as any; want to pick two of ' +
        'them for our call on Thursday afternoon?',
    ], // solid
    [
      'Well done on leading the review. Next time, try summarising the open threads at the top ' +
        'so the author knows where to start.',
    ], // well done
    [`Two things to check:\n\n\`\`\`ts\n${'const a = 1\n'.repeat(30)}\`\`\`\nthe rest later.`], // code is not words
  ])('%j acknowledges progress or is short', (reply) => {
    expect(principlesOf(reply)).not.toContain('NO_ACKNOWLEDGEMENT')
  })
})

describe('feedbackHints: a property', () => {
  it('never throws, and gives at most one hint per principle, in order', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (reply) => {
        const principles = principlesOf(reply)
        expect(principles).toEqual(FEEDBACK_PRINCIPLES.filter((p) => principles.includes(p)))
      }),
      { numRuns: 300 },
    )
  })

  it('wrapping the whole reply in a fenced code block leaves nothing to advise on', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...Array.from('abc XYZ.?!\n')), maxLength: 200 }),
        (reply) => {
          expect(feedbackHints('```\n' + reply.replace(/`/g, '') + '\n```')).toEqual([])
        },
      ),
      { numRuns: 200 },
    )
  })
})
