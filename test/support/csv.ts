/**
 * Reads RFC 4180 text the way a spreadsheet or a pipeline would, written apart from the
 * exporter's own `csvLine` so a test of one is not a test of itself: records end in CRLF, a
 * quoted field may hold commas, CRLF and doubled quotes.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c !== '"') field += c
      else if (text[i + 1] === '"') {
        field += '"'
        i++
      } else quoted = false
    } else if (c === '"' && field === '') {
      quoted = true
    } else if (c === ',') {
      record.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i++
    } else {
      field += c
    }
  }
  if (quoted) throw new Error('unterminated quoted field')
  if (field !== '' || record.length) throw new Error('the last record does not end in CRLF')
  return records
}
