import fc from 'fast-check'
import { isStorableText } from '../shared/validation.ts'

/** Text made of the pieces that could break a block: line ends, markers, quotes, non-ASCII. */
export const trickyText = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom(
        '\n',
        '\r\n',
        '\r',
        '<!-- /trellis:reply -->',
        '<!-- trellis:reply at=x -->',
        '-->',
        '---',
        '# heading',
        '```',
        '"',
        '\\',
        ' ',
        '\t',
        'é',
        '😀',
        '\u2028',
      ),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''))
  .filter(isStorableText)
