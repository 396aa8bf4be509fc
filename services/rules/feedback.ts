import type { Nodes } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

/**
 * The article's principles for async feedback (PRODUCT §5), checked on a mentor's reply. A hint
 * is advice shown to the mentor, never a block: the heuristics are deliberately simple, and a
 * reply is always stored as written.
 *
 * The reply is read as Markdown: words inside code (fenced blocks and inline `code`) are not
 * checked, inline code reads as one neutral word, a bare URL as another, and links, images and
 * code count as examples. Block quotes are someone else's words (usually the mentee's check-in
 * quoted back) and are not checked at all.
 */
export type FeedbackPrinciple =
  'PERSON_FOCUSED' | 'CORRECTION_WITHOUT_EXAMPLE' | 'COMMANDS_WITHOUT_QUESTIONS' | 'NO_ACKNOWLEDGEMENT'

export interface FeedbackHint {
  principle: FeedbackPrinciple
  /** Why the hint was given, quoting the reply where it can. */
  reason: string
  /** What the article suggests instead. */
  rewriteHint: string
}

/** Hints come in this order, at most one per principle. */
export const FEEDBACK_PRINCIPLES: readonly FeedbackPrinciple[] = [
  'PERSON_FOCUSED',
  'CORRECTION_WITHOUT_EXAMPLE',
  'COMMANDS_WITHOUT_QUESTIONS',
  'NO_ACKNOWLEDGEMENT',
]

/** A reply longer than this many words (outside code) should acknowledge progress somewhere. */
export const ACKNOWLEDGE_AFTER_WORDS = 20

const REWRITE_HINTS: Readonly<Record<FeedbackPrinciple, string>> = {
  PERSON_FOCUSED:
    'Be specific about code, not people: describe what the code does and what would improve it, e.g. ' +
    '"This function handles three responsibilities—consider extracting a helper."',
  CORRECTION_WITHOUT_EXAMPLE:
    'Provide examples, not just corrections: show what good looks like with a code snippet, or link to a ' +
    'similar implementation in the codebase or an external example.',
  COMMANDS_WITHOUT_QUESTIONS:
    'Ask questions rather than giving commands: "What would happen if we added caching here?" prompts ' +
    'more thinking than "Add caching."',
  NO_ACKNOWLEDGEMENT:
    'Acknowledge progress explicitly: say what got better, e.g. "Your PR description shows much clearer ' +
    'thinking about edge cases than your first submission—great progress."',
}

const CODE_WORD = 'CODE'
const parser = unified().use(remarkParse).use(remarkGfm).freeze()

interface ReadReply {
  /** Prose units — paragraphs, headings, table cells — without code; inline code as one word. */
  units: string[]
  hasCode: boolean
  hasLink: boolean
}

function read(reply: string): ReadReply {
  const units: string[] = []
  let hasCode = false
  let hasLink = false
  const inline = (node: Nodes): string => {
    switch (node.type) {
      case 'inlineCode':
        hasCode = true
        return CODE_WORD
      case 'break':
        return '\n'
      case 'link': {
        // A bare URL reads as one word: its "?" and "/" are not prose.
        hasLink = true
        const text = node.children.map(inline).join('')
        return text === node.url || /^(?:https?:|www\.|mailto:)/i.test(text) ? 'LINK' : text
      }
      case 'linkReference':
      case 'image':
      case 'imageReference':
        hasLink = true
        break
      case 'html':
        return ' '
    }
    if ('value' in node) return node.value
    if ('children' in node) return node.children.map(inline).join('')
    return 'alt' in node && node.alt ? node.alt : ''
  }
  const block = (node: Nodes): void => {
    if (node.type === 'code') hasCode = true
    // A quotation is someone else's words (usually the mentee's check-in), not the mentor's.
    else if (node.type === 'blockquote') return
    else if (node.type === 'definition') hasLink = true
    else if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      units.push(inline(node))
    } else if ('children' in node) node.children.forEach(block)
  }
  block(parser.parse(reply.replace(/\r\n?/g, '\n')))
  return { units, hasCode, hasLink }
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()
/** Up to three distinct phrases, quoted: '"a", "b" and "c"'. */
function quoted(phrases: readonly string[]): string {
  const quotes = [...new Set(phrases.map((p) => `"${oneLine(p)}"`))].slice(0, 3)
  return quotes.length < 2 ? quotes.join('') : `${quotes.slice(0, -1).join(', ')} and ${quotes.at(-1)}`
}

/** The units' sentences: split after . ! ? and at line breaks. */
function sentencesOf(units: readonly string[]): string[] {
  return units
    .flatMap((unit) => unit.split(/(?<=[.!?…])\s+|\n+/))
    .map(oneLine)
    .filter((s) => /[\p{L}\p{N}]/u.test(s))
}

const wordsOf = (text: string) => text.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu) ?? []

function matchesOf(text: string, pattern: RegExp, keep: (match: RegExpExecArray) => boolean = () => true) {
  const found: string[] = []
  for (const match of text.matchAll(pattern)) if (keep(match)) found.push(match[0])
  return found
}

// ── PERSON_FOCUSED ────────────────────────────────────────────────────────────────────────────
// "Focus on the work, not the developer": labels for the person, and "you always / you never"
// generalisations. A generic "you" giving advice ("you always want to…") is not about the person;
// "lazy" as a technique (lazy loading, lazy evaluation) is about code.
const YOU = String.raw`\byou(?:\s+are|'re|’re|\s+were)\s+(?:so\s+|being\s+|really\s+|very\s+|just\s+|too\s+)?`
const PERSON = new RegExp(
  [
    YOU +
      String.raw`(?:careless|lazy|sloppy|bad\s+at|not\s+good\s+at|terrible|hopeless|incompetent|clueless|stupid|dumb|slow)\b`,
    String.raw`\byou\s+(?:always|never)\b(?!\s+(?:want|need|have\s+to|should|must|can|could|get\s+to|know)\b)(?:\s+[\p{L}'’]+)?`,
    String.raw`\byou\s+(?:suck|are\s+useless)\b(?:\s+at)?`,
    String.raw`\byou\s+should\s+know\s+better\b`,
    String.raw`\bwhat\s+were\s+you\s+thinking\b`,
    String.raw`\b(?:careless|sloppy|incompetent|clueless)\b`,
    String.raw`\blazy\b(?![\s-]+(?:load|loading|loaded|evaluation|evaluated|init|initiali[sz]ation|initiali[sz]ed|import|imports|iterator|iterators|sequence|sequences|quantifier|quantifiers|match|matching|val|property|properties|component|components|route|routes|static|fetch|fetching))`,
  ].join('|'),
  'giu',
)

function personFocused(text: string): string[] {
  return matchesOf(text, PERSON)
}

// ── CORRECTION_WITHOUT_EXAMPLE ────────────────────────────────────────────────────────────────
// "Provide examples, not just corrections … show what good looks like." A correction is fine
// when the reply also shows code or links to an example. "What could go wrong?" and "nothing
// wrong with" are not corrections.
const CORRECTION = new RegExp(
  [
    String.raw`\bwrong\b`,
    String.raw`\bincorrect(?:ly)?\b`,
    String.raw`\bnot\s+correct\b`,
    String.raw`\b(?:this|that|it)(?:\s+is|'s|’s)\s+not\s+how\b`,
    String.raw`\b(?:this|that)\s+isn['’]t\s+how\b`,
    String.raw`\bnot\s+the\s+(?:right|correct)\s+way\b`,
    String.raw`\b(?:don['’]t|do\s+not)\s+do\b`,
    String.raw`\bshould(?:\s+not)?\s+have\b|\bshould(?:n['’]t|['’]ve)\b(?:\s+have)?`,
    String.raw`\bfix\s+(?:this|that|it)\b`,
    String.raw`\b(?:is|was)\s+a\s+mistake\b`,
  ].join('|'),
  'giu',
)
const NOT_A_CORRECTION = /\b(?:go|goes|going|gone|went|nothing|anything|what['’]?s|what\s+is)\s+$/iu

function corrections(text: string): string[] {
  return matchesOf(text, CORRECTION, (match) => {
    if (!/^wrong$/i.test(match[0])) return true
    return !NOT_A_CORRECTION.test(text.slice(Math.max(0, match.index - 20), match.index))
  })
}

// ── COMMANDS_WITHOUT_QUESTIONS ────────────────────────────────────────────────────────────────
// "Ask questions rather than giving commands": two or more instructions and no question at all.
// An instruction starts with a verb in its base form ("Use X.", "Rename Y.", "Don't …", "Please
// move …", "You need to …"). Words that are also nouns ("Test coverage is…", "Change looks good")
// are not instructions when a finite verb follows them.
const VERBS = new Set(
  (
    'add avoid bump call cache catch change check clean commit convert copy create delete document drop ' +
    'ensure export extract fix follow handle import inline install keep log look make merge mock move ' +
    'pass pin push put read rebase refactor remember remove rename replace return revert rewrite run ' +
    'separate set simplify split squash stop switch test throw try update upgrade use validate wrap write'
  ).split(' '),
)
const LEADS = /^(?:please|just|now|then|also|and|so|first|next|finally|instead)\b[\s,]*/iu
const COMMAND_START =
  /^(?:(?:don['’]t|do\s+not|never|always)\s+\p{L}|you\s+(?:need\s+to|must|have\s+to)\s+\p{L}|make\s+sure\b)/iu
const FINITE = new Set(
  'is are was were looks seems has had does did feels works reads shows needs makes passes fails went goes got gets of'.split(
    ' ',
  ),
)

function isCommand(sentence: string): boolean {
  const text = sentence.replace(/^[\s"'“‘*_>-]+/u, '').replace(LEADS, '')
  if (COMMAND_START.test(text)) return true
  const [first = '', second = '', third = ''] = wordsOf(text).map((w) => w.toLowerCase())
  if (!VERBS.has(first) || new RegExp(String.raw`^${first}\s*:`, 'iu').test(text)) return false
  return !FINITE.has(second) && !FINITE.has(third)
}

// ── NO_ACKNOWLEDGEMENT ────────────────────────────────────────────────────────────────────────
// "Acknowledge progress explicitly: async communication lacks tonal cues." Praise that is negated
// ("not good"), wished for ("it would be nice if"), or not praise at all ("clean up", "work in
// progress") does not count.
const ACKNOWLEDGEMENT =
  /\b(?:nice(?:ly)?|great|good|well\s+done|thanks|thank\s+you|progress|improved|improvement|improving|glad|love(?:d|ly)?|congrats|congratulations|solid|clean(?:er)?|kudos|awesome|excellent|impressive|impressed|appreciate[ds]?|proud|neat|bravo|nailed|better\s+than)\b/giu
const NEGATED_OR_WISHED =
  /\b(?:not|no|never|isn['’]t|wasn['’]t|aren['’]t|would\s+be|would|['’]d\s+be|['’]d)\s+(?:\p{L}+\s+)?$/iu

function acknowledgements(text: string): string[] {
  return matchesOf(text, ACKNOWLEDGEMENT, (match) => {
    const before = text.slice(Math.max(0, match.index - 24), match.index)
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 12)
    if (NEGATED_OR_WISHED.test(before)) return false
    if (/^clean/i.test(match[0]) && /^\s+(?:up|it|this|that)\b/i.test(after)) return false
    if (/^progress$/i.test(match[0])) {
      if (/\bin[\s-]+$/i.test(before) || /^[\s-]+(?:bar|indicator|spinner)\b/i.test(after)) return false
    }
    return true
  })
}

/** The article's feedback principles as advice on a mentor's reply (PRODUCT §5); never a block. */
export function feedbackHints(reply: string): FeedbackHint[] {
  const { units, hasCode, hasLink } = read(reply)
  const text = units.join('\n')
  const hints: FeedbackHint[] = []
  const hint = (principle: FeedbackPrinciple, reason: string) =>
    hints.push({ principle, reason, rewriteHint: REWRITE_HINTS[principle] })

  const person = personFocused(text)
  if (person.length > 0) hint('PERSON_FOCUSED', `${quoted(person)}: about the person rather than the work.`)

  const corrected = corrections(text)
  if (corrected.length > 0 && !hasCode && !hasLink) {
    hint(
      'CORRECTION_WITHOUT_EXAMPLE',
      `Corrects (${quoted(corrected)}) without showing what good looks like: no code and no link.`,
    )
  }

  const commands = sentencesOf(units).filter(isCommand)
  if (commands.length >= 2 && !text.includes('?')) {
    hint(
      'COMMANDS_WITHOUT_QUESTIONS',
      `${commands.length} instructions (${quoted(commands.slice(0, 2))}) and no question.`,
    )
  }

  const words = wordsOf(text).length
  if (words > ACKNOWLEDGE_AFTER_WORDS && acknowledgements(text).length === 0) {
    hint('NO_ACKNOWLEDGEMENT', `Nothing in this ${words}-word reply acknowledges progress.`)
  }
  return hints
}
