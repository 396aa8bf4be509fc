import { readFileSync } from 'node:fs'
import { parse, type DefinitionNode, type EnumTypeDefinitionNode } from 'graphql'
import { describe, expect, it } from 'vitest'
import { csvLine, EXPORTS } from './exports.ts'

const docs = readFileSync(new URL('../../docs/analytics.md', import.meta.url), 'utf8')

/** The columns docs/analytics.md lists under `## \`table\``: the first cell of each table row. */
function documentedColumns(table: string): string[] {
  const section = docs.split(/^## /m).find((s) => s.startsWith(`\`${table}\``)) ?? ''
  return [...section.matchAll(/^\| `([a-z_]+)` +\|/gm)].map((m) => m[1]!)
}

describe('what analytics is told', () => {
  it('docs/analytics.md documents every exported column of every table, in order', () => {
    for (const [name, { columns }] of Object.entries(EXPORTS))
      expect(documentedColumns(name), name).toEqual([...columns])
  })

  it('the ProjectionName enum names exactly the exported tables', () => {
    const sdl = readFileSync(new URL('../../schema/projections.graphql', import.meta.url), 'utf8')
    const isNames = (d: DefinitionNode): d is EnumTypeDefinitionNode =>
      d.kind === 'EnumTypeDefinition' && d.name.value === 'ProjectionName'
    const enumNode = parse(sdl).definitions.find(isNames)!
    expect(enumNode.values!.map((v) => v.name.value.toLowerCase())).toEqual(Object.keys(EXPORTS))
  })
})

describe('csvLine (RFC 4180)', () => {
  it('quotes a field with a comma, quote or line break, doubling quotes; null is empty', () => {
    expect(
      csvLine(['plain', 'a,b', 'say "hi"', 'two\r\nlines', 'cr\ronly', null, undefined, true, 2.5]),
    ).toBe('plain,"a,b","say ""hi""","two\r\nlines","cr\ronly",,,true,2.5')
  })
})
