import type { Element, Text } from 'hast'
import type { Html } from 'mdast'
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { memoized } from '../shared/memo.ts'

/**
 * Check-ins, replies and questions are stored as Markdown and rendered to HTML on request
 * (PRODUCT §1). Everything people write is untrusted, and the HTML goes into other teams' tools.
 *
 * Raw HTML in the Markdown is shown as the text that was written, never as HTML: nothing typed
 * as a tag reaches the page as one, and nothing is silently dropped either (someone asking about
 * "the <input> that loses focus" keeps their words). GitHub's sanitize schema then guards what
 * Markdown itself makes: it drops link and image URLs whose protocol is not http(s), mailto,
 * xmpp or irc(s) (so javascript:, vbscript: and data: go), every on* attribute and every
 * element outside its list.
 */
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition'])

function htmlAsText(_state: unknown, node: Html, parent: { type: string } | undefined): Element | Text {
  const text: Text = { type: 'text', value: node.value }
  // A block of HTML stands alone as a paragraph; HTML inside a line stays inside it.
  if (parent && FLOW_PARENTS.has(parent.type)) {
    return { type: 'element', tagName: 'p', properties: {}, children: [text] }
  }
  return text
}

// remark-rehype already prefixes the only ids Markdown can produce (footnotes) with
// 'user-content-'; prefixing them again here would break every footnote link.
const schema = { ...defaultSchema, clobberPrefix: '' }

// Built once: unified processors are reusable, and freezing stops later `use` calls changing it.
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { handlers: { html: htmlAsText } })
  .use(rehypeSanitize, schema)
  .use(rehypeStringify)
  .freeze()

export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown))
}

/** Rendering is the costly part of reading text, and a pure function of it: recent texts are remembered. */
export const renderedMarkdown = memoized(renderMarkdown)
