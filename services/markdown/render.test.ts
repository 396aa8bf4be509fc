import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './render.ts'
import { markdownItCases } from '../../test/support/xssPayloads.ts'

/*
 * rehype-parse is not installed, so the output is checked with a strict tag scanner instead:
 * rehype-stringify writes every "<" in text as "&#x3C;", so once every well-formed tag is
 * scanned, any "<" left over is itself a failure.
 */
const TAG =
  /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'poster',
  'background',
  'cite',
  'data',
  'xlink:href',
  'srcset',
])
const DANGEROUS_ELEMENTS = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'style',
  'base',
  'meta',
  'link',
  'form',
  'svg',
  'math',
  'frame',
  'frameset',
])
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  colon: ':',
  tab: '\t',
  newline: '\n',
  nbsp: ' ',
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#(x[0-9a-f]+|\d+);?/gi, (_, code: string) =>
      String.fromCodePoint(Number(code[0]?.toLowerCase() === 'x' ? `0${code}` : code)),
    )
    .replace(/&([a-z]+);/gi, (entity, name: string) => NAMED[name.toLowerCase()] ?? entity)
}

/** What a browser would treat as the URL's scheme: entities decoded, tabs/newlines and edges stripped. */
function schemeOf(value: string): string {
  return decodeEntities(value)
    .replace(/[\t\n\r]/g, '')
    .replace(/^[\u0000-\u0020]+/, '')
    .toLowerCase()
}

function problemsIn(html: string): string[] {
  const problems: string[] = []
  const rest = html.replace(TAG, (_tag, _close, name: string, attributes: string) => {
    if (DANGEROUS_ELEMENTS.has(name.toLowerCase())) problems.push(`<${name}> element`)
    for (const [, attribute = '', ...values] of attributes.matchAll(ATTRIBUTE)) {
      const key = attribute.toLowerCase()
      const value = values.find((v) => v !== undefined) ?? ''
      if (key.startsWith('on')) problems.push(`${key} attribute`)
      if (key === 'style') problems.push('style attribute')
      if (URL_ATTRIBUTES.has(key) && /^(javascript|vbscript|data):/.test(schemeOf(value))) {
        problems.push(`${key}="${value}"`)
      }
    }
    return ''
  })
  if (rest.includes('<')) problems.push('a "<" outside any well-formed tag')
  return problems
}

/** Renders each payload and lists those whose HTML has a problem, with the problem. */
function unsafe(payloads: string[]): { payload: string; html: string; problems: string[] }[] {
  return payloads
    .map((payload) => {
      const html = renderMarkdown(payload)
      return { payload, html, problems: problemsIn(html) }
    })
    .filter(({ problems }) => problems.length > 0)
}

describe('the HTML check itself', () => {
  it.each([
    ['<script>alert(1)</script>', '<script> element'],
    ['<img src="x" onerror="alert(1)">', 'onerror attribute'],
    ['<a href="  JaVa&#x09;Script&colon;alert(1)">x</a>', 'href="  JaVa&#x09;Script&colon;alert(1)"'],
    ['<img src=&#100;ata:text/html,x>', 'src="&#100;ata:text/html,x"'],
    ['<p>ok</p><', 'a "<" outside any well-formed tag'],
  ])('catches %s', (html, problem) => {
    expect(problemsIn(html)).toContain(problem)
  })

  it('passes clean HTML', () => {
    expect(
      problemsIn('<p><a href="https://example.com">x</a> &#x3C;script> <img src="/a.png" alt=""></p>'),
    ).toEqual([])
  })
})

describe('renderMarkdown: what people write cannot run in the reader’s tool', () => {
  const PAYLOADS = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
    '<<script>script>alert(1)<</script>/script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '<svg><script>alert(1)</script></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<body onload=alert(1)>',
    '<details open ontoggle=alert(1)>',
    '<input autofocus onfocus=alert(1)>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="width: expression(alert(1))">x</p>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](<javascript:alert(1)>)',
    '[click](javascript:alert(1) "title")',
    '[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
    '[click](&#x6A;avascript:alert(1))',
    '[click](java&#x09;script:alert(1))',
    '[click](javascript&colon;alert(1))',
    '[click](vbscript:msgbox(1))',
    '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<javascript:alert(1)>',
    '<JAVASCRIPT:alert(1)>',
    '[ref][x]\n\n[x]: javascript:alert(1)',
    '[ref][x]\n\n[x]: <data:text/html,<script>alert(1)</script>>',
    '![img](javascript:alert(1))',
    '![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
    '![x" onerror="alert(1)](https://example.com/a.png)',
    '[x](https://example.com "t\\" onmouseover=\\"alert(1)")',
    '<https://example.com/"onmouseover="alert(1)>',
    'www.example.com/"onmouseover="alert(1)',
    '| a |\n| --- |\n| <img src=x onerror=alert(1)> |',
    '- [ ] <img src=x onerror=alert(1)>',
    '~~<script>alert(1)</script>~~',
    'note[^<img src=x onerror=alert(1)>]\n\n[^<img src=x onerror=alert(1)>]: boom',
    '```"><script>alert(1)</script>\ncode\n```',
  ]

  it(`renders none of our ${PAYLOADS.length} payloads into script, handler or script URL`, () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(25)
    expect(unsafe(PAYLOADS)).toEqual([])
  })

  it('raw HTML is shown as the text that was written, not as HTML', () => {
    expect(renderMarkdown('the <input> loses focus')).toBe('<p>the &#x3C;input> loses focus</p>')
    expect(renderMarkdown('<div>\n<b>hi</b>\n</div>')).toBe(
      '<p>&#x3C;div>\n&#x3C;b>hi&#x3C;/b>\n&#x3C;/div></p>',
    )
  })

  it('safe links and images keep their URLs', () => {
    expect(renderMarkdown('[docs](https://example.com/a?b=1)')).toBe(
      '<p><a href="https://example.com/a?b=1">docs</a></p>',
    )
    expect(renderMarkdown('[mail](mailto:ana@example.com)')).toContain('href="mailto:ana@example.com"')
    expect(renderMarkdown('[adr](/docs/adr-7.md)')).toContain('href="/docs/adr-7.md"')
    expect(renderMarkdown('![diagram](https://example.com/d.png)')).toContain(
      'src="https://example.com/d.png"',
    )
  })
})

describe('renderMarkdown: GitHub-flavoured Markdown still renders', () => {
  it('tables', () => {
    expect(renderMarkdown('| goal | done |\n| --- | :-: |\n| TS migration | yes |')).toMatch(
      /<table>[\s\S]*<th>goal<\/th>[\s\S]*<td align="center">yes<\/td>[\s\S]*<\/table>/,
    )
  })

  it('strikethrough', () => {
    expect(renderMarkdown('~~old plan~~ new plan')).toBe('<p><del>old plan</del> new plan</p>')
  })

  it('task lists, checked and unchecked, with disabled checkboxes', () => {
    const html = renderMarkdown('- [ ] Lead a code review\n- [x] Ship the reset form')
    expect(html).toContain('<input type="checkbox" disabled> Lead a code review')
    expect(html).toContain('<input type="checkbox" checked disabled> Ship the reset form')
  })

  it('autolinked URLs and fenced code with a language', () => {
    expect(renderMarkdown('see www.example.com')).toContain(
      '<a href="http://www.example.com">www.example.com</a>',
    )
    expect(renderMarkdown('```ts\nconst a = 1\n```')).toBe(
      '<pre><code class="language-ts">const a = 1\n</code></pre>',
    )
  })

  it('footnote links point at ids that exist (one clobber prefix, not two)', () => {
    const html = renderMarkdown('I tried it[^1].\n\n[^1]: With `--runInBand`.')
    const href = /href="#([^"]+)"[^>]*data-footnote-ref/.exec(html)?.[1]
    expect(href).toBe('user-content-fn-1')
    expect(html).toContain(`id="${href}"`)
  })
})

// Shared data lives beside the project, never inside it (shared/data/README.md).
const projectRoot = new URL('../../', import.meta.url)
const xssDir = fileURLToPath(new URL('../shared/data/xss/', projectRoot))
const haveCorpora = existsSync(xssDir)
if (!haveCorpora) console.warn(`skipped: no XSS corpora at ${xssDir}`)

describe.skipIf(!haveCorpora)('renderMarkdown against public XSS corpora (shared/data/xss)', () => {
  const files = haveCorpora ? readdirSync(xssDir).filter((name) => /^pata-.*\.txt$/.test(name)) : []

  // Each payload as written, and in each place Markdown puts a URL of its own making.
  it.each(files)('every line of %s, as text, link, image and reference URL', (name) => {
    const lines = readFileSync(`${xssDir}${name}`, 'utf8')
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
    expect(lines.length).toBeGreaterThan(0)
    const payloads = lines.flatMap((line) => [
      line,
      `[x](${line})`,
      `![x](${line})`,
      `[x][r]\n\n[r]: ${line}`,
      `<${line}>`,
    ])
    expect(unsafe(payloads)).toEqual([])
  })

  it('every Markdown case of markdown-it-xss.txt', () => {
    const cases = markdownItCases(readFileSync(`${xssDir}markdown-it-xss.txt`, 'utf8'))
    expect(cases.length).toBeGreaterThanOrEqual(10)
    expect(unsafe(cases)).toEqual([])
  })
})
