import { MAX_MARKDOWN } from '../../services/checkins/decider.ts'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseFragment } from 'parse5'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSchema } from '../../infra/http/app.ts'
import { buildSchema, isObjectType } from 'graphql'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { bearer, startServer, type TestServer } from '../support/server.ts'
import { markdownItCases, XSS_PAYLOADS } from '../support/xssPayloads.ts'

/**
 * Every payload, written through the API into every Markdown field and read back as `html`, is
 * parsed the way a browser parses it (parse5) and must hold nothing that runs: no script, no
 * handler attribute, no script URL, no embedding element, no style with expression().
 */

// Shared data lives beside the project, never inside it (shared/data/README.md).
const xssDir = fileURLToPath(new URL('../../../shared/data/xss/', import.meta.url))
const haveCorpora = existsSync(xssDir)
if (!haveCorpora) {
  console.warn(`\n*** XSS corpora not found at ${xssDir}: the public payload lists are SKIPPED. ***\n`)
}

/** The fields rendered to HTML; the first test fails when the schema grows another. */
const HTML_FIELDS = ['Answer.html', 'CheckIn.html', 'Reply.html']

describe('journey: nothing written in Markdown runs in the reader’s tool', () => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>
  let checkInId: string
  let questionId: string

  beforeAll(async () => {
    server = await startServer('pglite')
    p = await buildProgram(server)
    const r = await server.gql(
      `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
      { input: { mentorshipId: p.mentorshipId, markdown: CHECK_IN, weekOf: '2026-11-16' } },
      bearer(p.menteeKey),
    )
    checkInId = r.data.submitCheckIn.id
    const asked = await server.gql(
      `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          title: 'Where do payloads go?',
          urgency: 'CAN_WAIT',
          context: { goal: 'Read answers safely', tried: 'Nothing yet' },
        },
      },
      bearer(p.menteeKey),
    )
    questionId = asked.data.askQuestion.id
  })
  afterAll(() => server?.close())

  it('the fields rendered to HTML are the check-in’s, the reply’s and the answer’s', () => {
    const schema = buildSchema(loadSchema())
    const fields = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .filter((type) => !type.name.startsWith('__'))
      .flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`))
      .filter((name) => /\.html$/i.test(name))
    expect(fields.sort()).toEqual(HTML_FIELDS)
  })

  it('the check itself catches what a browser would run', () => {
    const check = (html: string) => problemsIn(parseFragment(html) as unknown as Node)
    expect(check('<p>ok <a href="https://example.com">x</a> &lt;script&gt; <img src="/a.png"></p>')).toEqual(
      [],
    )
    expect(check('<script>alert(1)</script>')).toEqual(['<script> element'])
    expect(check('<img src=x onerror=alert(1)>')).toEqual(['onerror attribute on <img>'])
    expect(check('<a href=" JaVa&#x09;Script&colon;alert(1)">x</a>')).toHaveLength(1)
    expect(check('<a href="data:text/html,x">x</a>')).toHaveLength(1)
    expect(check('<p style="width: expression(alert(1))">x</p>')).toHaveLength(1)
    expect(check('<svg><a xlink:href="javascript:alert(1)">x</a></svg>')).toHaveLength(2)
    expect(check('<object data="javascript:alert(1)"></object>')).toHaveLength(2)
  })

  it(`our own ${XSS_PAYLOADS.length} payloads, as written and in every place Markdown puts a URL`, async () => {
    expect(await unsafeAfterWriting(variants(XSS_PAYLOADS))).toEqual([])
  })

  it('the markdown-it XSS cases', { skip: !haveCorpora }, async () => {
    const cases = markdownItCases(readFileSync(`${xssDir}markdown-it-xss.txt`, 'utf8'))
    expect(cases.length).toBeGreaterThan(10)
    expect(await unsafeAfterWriting(cases)).toEqual([])
  })

  const files = haveCorpora ? readdirSync(xssDir).filter((name) => /^pata-.*\.txt$/.test(name)) : []
  it.skipIf(!haveCorpora).each(files.length ? files : ['(none)'])(
    'every line of %s, as written and in every place Markdown puts a URL',
    async (name) => {
      const lines = readFileSync(`${xssDir}${name}`, 'utf8')
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
      expect(lines.length).toBeGreaterThan(0)
      expect(await unsafeAfterWriting(variants(lines))).toEqual([])
    },
  )

  /** Each payload of a batch whose html had a problem, written alone, with what it left. */
  async function culprits(batch: string[]) {
    const found: Array<{ field: string; payload: string; problems: string[] }> = []
    for (const payload of batch) {
      const r = await server.gql(
        `mutation($input: EditCheckInInput!) { editCheckIn(input: $input) { html } }`,
        { input: { checkInId, markdown: payload } },
        bearer(p.menteeKey),
      )
      const problems = problemsIn(parseFragment(r.data.editCheckIn.html) as unknown as Node)
      if (problems.length) found.push({ field: 'CheckIn.html', payload, problems })
    }
    return found.length
      ? found
      : [{ field: 'CheckIn.html', payload: batch.join('\n⋯\n'), problems: ['in a batch only'] }]
  }

  /**
   * Writes the payloads as check-in edits and as replies, many to a document, and returns every
   * problem found in the html read back. Each payload follows a marker paragraph; a payload that
   * swallows what follows it (an unclosed fence, an HTML comment) is seen by the next marker
   * missing, and the rest go again in a fresh document, so each payload starts in a clean context.
   */
  async function unsafeAfterWriting(payloads: string[]) {
    const problems: Array<{ field: string; payload: string; problems: string[] }> = []
    const replyDocuments: string[][] = []
    let next = 0
    while (next < payloads.length) {
      const batch = batchFrom(payloads, next)
      const markdown = documentOf(batch)
      const edited = await server.gql(
        `mutation($input: EditCheckInInput!) { editCheckIn(input: $input) { html } }`,
        { input: { checkInId, markdown } },
        bearer(p.menteeKey),
      )
      expect(edited.errors).toBeUndefined()
      const html: string = edited.data.editCheckIn.html
      const tree = parseFragment(html) as unknown as Node
      // Markers that stand as their own top-level paragraph: the payload before each started clean.
      const markers = (tree.childNodes ?? []).filter((n) => n.nodeName === 'p').map(textOf)
      let clean = 0
      while (clean < batch.length && markers.includes(`xssmark${clean}`)) clean++
      // Marker 0 starts the document, so at least the first payload started clean.
      const covered = Math.max(1, clean)
      if (problemsIn(tree).length) problems.push(...(await culprits(batch)))
      replyDocuments.push(batch.slice(0, covered))
      next += covered
    }
    // Replies, written in the same batches, then read back together.
    const replyIds = new Set<string>()
    for (const batch of replyDocuments) {
      const r = await server.gql(
        `mutation($input: ReplyToCheckInInput!) { replyToCheckIn(input: $input) { id html } }`,
        { input: { checkInId, markdown: documentOf(batch) } },
        bearer(p.mentorKey),
      )
      expect(r.errors).toBeUndefined()
      replyIds.add(r.data.replyToCheckIn.id)
    }
    const read = await server.gql(
      `query($id: ID!) { checkIn(id: $id) { html replies { id html } } }`,
      { id: checkInId },
      bearer(p.menteeKey),
    )
    expect(read.errors).toBeUndefined()
    const replies = read.data.checkIn.replies.filter((r: { id: string }) => replyIds.has(r.id))
    expect(replies).toHaveLength(replyDocuments.length)
    for (const reply of replies as Array<{ id: string; html: string }>) {
      const found = problemsIn(parseFragment(reply.html) as unknown as Node)
      if (found.length) problems.push({ field: 'Reply.html', payload: reply.id, problems: found })
    }
    // Answers to a question, in the same batches.
    for (const batch of replyDocuments) {
      const r = await server.gql(
        `mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) { answers { html } } }`,
        { input: { questionId, body: documentOf(batch) } },
        bearer(p.mentorKey),
      )
      expect(r.errors).toBeUndefined()
      const html: string = r.data.answerQuestion.answers.at(-1).html
      const found = problemsIn(parseFragment(html) as unknown as Node)
      if (found.length) problems.push({ field: 'Answer.html', payload: batch.join('\n⋯\n'), problems: found })
    }
    return problems
  }
})

/**
 * The payloads one after another, each after its marker and before a line that ends the raw HTML
 * blocks that run on past blank lines (comments, <script>, <pre>, <style>, <textarea>, <?, <!X,
 * CDATA): most payloads that open one leave the next one a clean start.
 */
function documentOf(batch: string[]): string {
  return batch.map((payload, i) => `xssmark${i}\n\n${payload}\n\n${CLOSER}\n\n`).join('')
}
const CLOSER = '--> ?> ]]> > </script></pre></style></textarea>'

/** Each payload as written, and in each place Markdown makes a URL of its own. */
function variants(payloads: string[]): string[] {
  return payloads.flatMap((line, i) => {
    const oneLine = line.replace(/\n/g, ' ')
    return [line, `[x](${oneLine})`, `![x](${oneLine})`, `[x][r${i}]\n\n[r${i}]: ${oneLine}`, `<${oneLine}>`]
  })
}

/** As many payloads from `start` as fit one document comfortably under the Markdown limit. */
function batchFrom(payloads: string[], start: number): string[] {
  const batch: string[] = []
  let bytes = 0
  for (let i = start; i < payloads.length && batch.length < 400; i++) {
    bytes += Buffer.byteLength(documentOf([payloads[i]!]).replace('xssmark0', `xssmark${batch.length}`))
    if (batch.length && bytes > MAX_MARKDOWN - 1024) break
    batch.push(payloads[i]!)
  }
  return batch
}

interface Node {
  nodeName: string
  value?: string
  attrs?: Array<{ name: string; value: string; prefix?: string }>
  childNodes?: Node[]
  content?: Node
}

const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'style',
  'link',
  'meta',
  'base',
  'form',
  'template',
  'noscript',
])
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'srcset',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'background',
  'cite',
  'data',
  'lowsrc',
  'dynsrc',
  'ping',
])

/** What a browser would take as the URL's scheme: edges and tabs/newlines stripped, lower case. */
function schemeOf(url: string): string {
  return url
    .replace(/[\t\n\r]/g, '')
    .replace(/^[\u0000-\u0020]+/, '')
    .toLowerCase()
}

function problemsIn(tree: Node): string[] {
  const problems: string[] = []
  const stack = [tree]
  while (stack.length) {
    const node = stack.pop()!
    const name = node.nodeName.toLowerCase()
    if (FORBIDDEN_ELEMENTS.has(name)) problems.push(`<${name}> element`)
    for (const { name: attribute, value } of node.attrs ?? []) {
      const key = attribute.toLowerCase()
      if (key.startsWith('on')) problems.push(`${key} attribute on <${name}>`)
      if (key === 'style' && /expression\s*\(|javascript:|url\s*\(/i.test(value)) {
        problems.push(`style="${value}"`)
      }
      if (URL_ATTRIBUTES.has(key)) {
        const urls = key === 'srcset' ? value.split(',').map((u) => u.trim().split(/\s+/)[0] ?? '') : [value]
        for (const url of urls) {
          const scheme = schemeOf(url)
          if (
            /^(javascript|vbscript|livescript):/.test(scheme) ||
            /^data:(?!image\/(png|gif|jpe?g|webp);)/.test(scheme)
          ) {
            problems.push(`${key}="${value}" on <${name}>`)
          }
        }
      }
    }
    stack.push(...(node.childNodes ?? []), ...(node.content?.childNodes ?? []))
  }
  return problems
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return node.value ?? ''
  return (node.childNodes ?? []).map(textOf).join('')
}
