/**
 * The exported record's file format, below the meaning of any file: a small front matter of
 * `key: value` lines, and blocks of verbatim text between HTML comment markers, which Markdown
 * viewers hide, so a file reads as the Markdown it holds:
 *
 *     <!-- trellis:reply author=mentor at=2026-11-20T15:00:00.000Z -->
 *     …the reply, byte for byte…
 *     <!-- /trellis:reply -->
 *
 * A block is read line by line up to its closing marker, so the text inside may hold anything
 * Markdown allows. Exactness needs three attributes, written only when they apply: `end=none`
 * (the text has no final line break), `eol=crlf` (its line breaks are all CRLF: the file keeps LF)
 * and `encoding=json` (a text a plain block cannot hold — a stray CR, or a line equal to the
 * closing marker — is written as one JSON string on one line).
 */

export interface Source {
  file: string
  /** 1-based. */
  line: number
}

/** A malformed file: what and where, for a message a person can act on. */
export class ArchiveError extends Error {
  constructor(
    readonly source: Source,
    readonly detail: string,
  ) {
    super(`${source.file}:${source.line}: ${detail}`)
    this.name = 'ArchiveError'
  }
}

export type Attributes = Record<string, string>

const BARE = /^[A-Za-z0-9][A-Za-z0-9:._+-]*$/

/** A JSON string on one line that cannot end (or start) an HTML comment. */
const jsonString = (value: string) =>
  JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)

/** A value as written: a bare token when it is one, else a JSON string. */
export function encodeValue(value: string): string {
  return BARE.test(value) ? value : jsonString(value)
}

/** Reads one value at `from`: a JSON string or a bare token; returns it and where it ends. */
function readValue(text: string, from: number): { value: string; end: number } | null {
  if (text[from] !== '"') {
    const match = /^[^\s"]+/.exec(text.slice(from))
    return match && BARE.test(match[0]) ? { value: match[0], end: from + match[0].length } : null
  }
  for (let i = from + 1; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '"') {
      try {
        return { value: JSON.parse(text.slice(from, i + 1)) as string, end: i + 1 }
      } catch {
        return null
      }
    }
  }
  return null
}

/** ` key=value key=value` → attributes, or null when it is not that shape. */
function readAttributes(text: string): Attributes | null {
  const attributes: Attributes = {}
  let at = 0
  while (at < text.length) {
    const match = /^ ([a-z][a-z-]*)=/.exec(text.slice(at))
    if (!match || match[1]! in attributes) return null
    const read = readValue(text, at + match[0].length)
    if (!read) return null
    attributes[match[1]!] = read.value
    at = read.end
  }
  return attributes
}

// ---- front matter ----

export function writeFrontMatter(fields: ReadonlyArray<readonly [string, string]>): string[] {
  return ['---', ...fields.map(([key, value]) => `${key}: ${encodeValue(value)}`), '---']
}

/** The front matter at the top of `lines`, and the index of the first line after it. */
export function readFrontMatter(
  lines: readonly string[],
  file: string,
): { fields: Attributes; next: number } {
  if (lines[0] !== '---')
    throw new ArchiveError({ file, line: 1 }, 'expected front matter: a first line "---"')
  const fields: Attributes = {}
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '---') return { fields, next: i + 1 }
    const match = /^([a-z][a-z-]*): (.*)$/.exec(line)
    const read = match && readValue(match[2]!, 0)
    if (!match || !read || read.end !== match[2]!.length || match[1]! in fields) {
      throw new ArchiveError({ file, line: i + 1 }, `not a front matter line ("key: value"): ${clip(line)}`)
    }
    fields[match[1]!] = read.value
  }
  throw new ArchiveError({ file, line: 1 }, 'front matter is not closed by a line "---"')
}

// ---- blocks ----

const opening = (kind: string, attributes: Attributes) =>
  `<!-- trellis:${kind}${Object.entries(attributes)
    .map(([key, value]) => ` ${key}=${encodeValue(value)}`)
    .join('')} -->`
const closing = (kind: string) => `<!-- /trellis:${kind} -->`

/** A marker that carries attributes and no text (a decision's heading line). */
export function writeMarker(kind: string, attributes: Attributes): string {
  return opening(kind, attributes)
}

/** A verbatim text between markers, with the attributes that keep it exact. */
export function writeBlock(kind: string, text: string, attributes: Attributes = {}): string[] {
  const crlf = text.includes('\r') && !/\r(?!\n)|(?<!\r)\n/.test(text)
  const lf = crlf ? text.replaceAll('\r\n', '\n') : text
  const end: Attributes = lf.endsWith('\n') ? {} : { end: 'none' }
  const body = lf.endsWith('\n') ? lf.slice(0, -1) : lf
  const lines = body.split('\n')
  if (lf.includes('\r') || lines.includes(closing(kind))) {
    return [opening(kind, { ...attributes, encoding: 'json' }), jsonString(text), closing(kind)]
  }
  return [opening(kind, { ...attributes, ...(crlf ? { eol: 'crlf' } : {}), ...end }), ...lines, closing(kind)]
}

/** What a block or marker line holds: its kind, attributes and (for blocks) text. */
export interface Element {
  kind: string
  attributes: Attributes
  text: string | null
  source: Source
}

const OPENING = /^<!-- trellis:([a-z][a-z-]*)(.*) -->$/
const FORMAT_ATTRIBUTES = new Set(['end', 'eol', 'encoding'])

/**
 * The elements of a file body, from line `from`. `kinds` says which kinds hold text (`block`)
 * and which are markers alone. Blank lines and headings between elements are the writer's
 * decoration and are skipped; any other text outside an element is an error, never dropped.
 */
export function readElements(
  lines: readonly string[],
  from: number,
  file: string,
  kinds: Readonly<Record<string, 'block' | 'marker'>>,
): Element[] {
  const elements: Element[] = []
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!
    const source = { file, line: i + 1 }
    if (line.trim() === '' || /^#{1,6}( |$)/.test(line)) continue
    const match = OPENING.exec(line)
    if (!match) throw new ArchiveError(source, `text outside a trellis block, not imported: ${clip(line)}`)
    const [, kind, rest] = match as unknown as [string, string, string]
    const shape = kinds[kind]
    if (!shape) throw new ArchiveError(source, `unknown block "${kind}" in this file`)
    const attributes = readAttributes(rest)
    if (!attributes) throw new ArchiveError(source, `malformed attributes in: ${clip(line)}`)
    if (shape === 'marker') {
      elements.push({ kind, attributes, text: null, source })
      continue
    }
    const close = lines.indexOf(closing(kind), i + 1)
    if (close < 0) throw new ArchiveError(source, `block "${kind}" is not closed by ${closing(kind)}`)
    const text = blockText(lines.slice(i + 1, close), attributes, source)
    for (const key of FORMAT_ATTRIBUTES) delete attributes[key]
    elements.push({ kind, attributes, text, source })
    i = close
  }
  return elements
}

function blockText(inner: readonly string[], attributes: Attributes, source: Source): string {
  const { end, eol, encoding } = attributes
  if (encoding !== undefined) {
    const line = inner.length === 1 && inner[0]!.startsWith('"') ? inner[0]! : null
    const read = encoding === 'json' && line !== null ? readValue(line, 0) : null
    if (!read || read.end !== line!.length) {
      throw new ArchiveError(source, 'a block with encoding=json holds one JSON string on one line')
    }
    return read.value
  }
  if ((end !== undefined && end !== 'none') || (eol !== undefined && eol !== 'crlf')) {
    throw new ArchiveError(source, 'end may only be "none" and eol only "crlf"')
  }
  const text = inner.join('\n') + (end === 'none' ? '' : '\n')
  return eol === 'crlf' ? text.replaceAll('\n', '\r\n') : text
}

/** A file's lines; CRLF files (a git checkout with autocrlf) read as LF: the writer never wrote CR. */
export function linesOf(content: string): string[] {
  const lines = content.replaceAll('\r\n', '\n').split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** Heading text for decoration: one line, with Markdown's inline marks escaped. */
export function headingText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>#&|~]/g, '\\$&')
}

const clip = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text)
