/** Block quotes and list items inside each other, at most (markdown-it's default limit too). */
export const MAX_NESTING = 100

/**
 * How deep a Markdown text nests block quotes and list items: an upper bound read line by line,
 * without parsing. Each `>` or list marker that opens a line counts one level, and every two
 * columns of indentation among them may carry one more. The parser and the renderer recurse once
 * per level and slow down with its square: a few thousand levels take seconds and overflow the
 * stack, on every read of the text.
 */
export function nestingDepth(markdown: string): number {
  let deepest = 0
  for (let start = 0; start <= markdown.length;) {
    const newline = markdown.indexOf('\n', start)
    const end = newline < 0 ? markdown.length : newline
    deepest = Math.max(deepest, lineDepth(markdown, start, end))
    start = end + 1
  }
  return deepest
}

function lineDepth(text: string, start: number, end: number): number {
  let markers = 0
  let columns = 0
  // The space after a marker belongs to it (up to 4 columns): only indentation beyond counts.
  let afterMarker = 0
  const spaceAt = (i: number) => i >= end || text[i] === ' ' || text[i] === '\t'
  for (let i = start; i < end;) {
    const c = text[i]!
    if (c === ' ' || c === '\t') {
      const width = c === ' ' ? 1 : 4
      const owned = Math.min(afterMarker, width)
      afterMarker -= owned
      columns += width - owned
    } else if (c === '>' || ((c === '-' || c === '*' || c === '+') && spaceAt(i + 1))) {
      markers += 1
      afterMarker = 4
    } else if (c >= '0' && c <= '9') {
      let j = i
      while (j < end && j - i < 9 && text[j]! >= '0' && text[j]! <= '9') j++
      if ((text[j] !== '.' && text[j] !== ')') || !spaceAt(j + 1)) break
      markers += 1
      afterMarker = 4
      i = j + 1
      continue
    } else break
    i++
  }
  return markers + Math.floor(columns / 2)
}
