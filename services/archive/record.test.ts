import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isStorableText } from '../shared/validation.ts'
import { trickyText } from './arbitraries.ts'
import { readRecordFiles } from './read.ts'
import type { PairRecord, RecordContent } from './record.ts'
import { recordFiles } from './write.ts'

const pair = {
  mentorshipId: '7f3c0000-0000-4000-8000-000000000001',
  mentorName: 'Maya',
  menteeName: 'Inês',
  startedOn: '2026-11-02',
}

const instant = fc
  .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) })
  .map((ms) => new Date(ms).toISOString())
const instants = (min: number, max: number) =>
  fc.array(instant, { minLength: min, maxLength: max }).map((list) => [...list].sort())
const week = fc
  .integer({ min: 0, max: 60 })
  .map((n) => new Date(Date.UTC(2026, 0, 5 + 7 * n)).toISOString().slice(0, 10))
const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,20}[A-Za-z0-9]$/).map((s) => s.replace(/\s+/g, ' '))
const role = fc.constantFrom('mentor' as const, 'mentee' as const)

const checkIn = fc.record({
  weekOf: week,
  versions: fc
    .tuple(instants(1, 3), fc.array(trickyText, { minLength: 3, maxLength: 3 }))
    .map(([times, texts]) => times.map((at, i) => ({ at, markdown: texts[i]! }))),
  replies: fc.array(fc.record({ author: role, at: instant, markdown: trickyText }), { maxLength: 3 }),
})

const goalSet = fc.record({
  period: fc
    .tuple(fc.integer({ min: 2025, max: 2030 }), fc.integer({ min: 1, max: 4 }))
    .map(([y, q]) => `${y}-Q${q}`),
  createdAt: instant,
  goals: fc.array(
    fc.record({
      category: fc.constantFrom('Technical Skills', 'Communication', 'Reading list'),
      text: word,
      done: fc.boolean(),
      readyWhen: fc.option(word, { nil: null }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
})

const decision = fc.record({
  at: instant,
  by: role,
  title: fc.string({ minLength: 1 }).filter(isStorableText),
  context: trickyText,
  decision: trickyText,
  why: trickyText,
})

const record: fc.Arbitrary<PairRecord> = fc.record({
  pair: fc.constant(pair),
  checkIns: fc.uniqueArray(checkIn, { selector: (c) => c.weekOf, maxLength: 4 }),
  goalSets: fc.uniqueArray(goalSet, { selector: (g) => g.period, maxLength: 3 }),
  decisions: fc.array(decision, { maxLength: 4 }),
})

const sortedBy = <T>(list: readonly T[], key: (t: T) => string = (t) => JSON.stringify(t)) =>
  [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))

describe('the record as Markdown', () => {
  it('reads back what it wrote, and writes that again to the same bytes', () => {
    fc.assert(
      fc.property(record, (r) => {
        const files = recordFiles(r)
        const read = readRecordFiles(files)
        expect(read.errors).toEqual([])
        expect(recordFiles({ pair, ...read.content })).toEqual(files)
        const normal = (c: RecordContent) => ({
          checkIns: sortedBy(c.checkIns, (x) => x.weekOf).map((x) => ({
            ...x,
            replies: sortedBy(x.replies),
          })),
          goalSets: sortedBy(c.goalSets, (g) => g.period).map((g) => ({ ...g, goals: sortedBy(g.goals) })),
          decisions: sortedBy(c.decisions),
        })
        expect(normal(read.content)).toEqual(normal(r))
      }),
      { numRuns: 200 },
    )
  })

  it('gives the same bytes for the same record in any order, with LF endings only', () => {
    fc.assert(
      fc.property(record, (r) => {
        const shuffled = {
          ...r,
          checkIns: [...r.checkIns].reverse().map((c) => ({ ...c, replies: [...c.replies].reverse() })),
          goalSets: [...r.goalSets].reverse(),
          decisions: [...r.decisions].reverse(),
        }
        const files = recordFiles(r)
        expect(recordFiles(shuffled)).toEqual(files)
        for (const f of files)
          expect(f.path).toMatch(
            /^(README\.md|decisions\.md|check-ins\/\d{4}-\d{2}-\d{2}\.md|goals\/\d{4}-Q[1-4]\.md)$/,
          )
        for (const f of files) expect(f.content).not.toContain('\r')
      }),
      { numRuns: 100 },
    )
  })

  it('lists what to import in the order it happened, each check-in submitted before its edits and replies', () => {
    const files = recordFiles({
      pair,
      checkIns: [
        {
          weekOf: '2026-11-16',
          versions: [
            { at: '2026-11-20T10:00:00.000Z', markdown: 'first\n' },
            { at: '2026-11-20T12:00:00.000Z', markdown: 'second\n' },
          ],
          replies: [{ author: 'mentor', at: '2026-11-20T10:00:00.000Z', markdown: 'thanks\n' }],
        },
      ],
      goalSets: [],
      decisions: [
        { at: '2026-11-19T09:00:00.000Z', by: 'mentee', title: 'T', context: 'c', decision: 'd', why: 'w' },
      ],
    })
    const { items } = readRecordFiles(files)
    expect(items.map((i) => [i.kind, i.at])).toEqual([
      ['recordDecision', '2026-11-19T09:00:00.000Z'],
      ['submitCheckIn', '2026-11-20T10:00:00.000Z'],
      ['replyToCheckIn', '2026-11-20T10:00:00.000Z'],
      ['editCheckIn', '2026-11-20T12:00:00.000Z'],
    ])
    // The submitted text is the earliest version, written last in the file.
    expect(items[1]!.source).toEqual({ file: 'check-ins/2026-11-16.md', line: 19 })
  })
})
