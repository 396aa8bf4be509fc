import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { migrate } from '../infra/readmodels/migrate.ts'
import { mentorshipsProjection } from '../services/mentorships/projection.ts'
import { searchProjection } from '../services/search/projection.ts'
import { searchDocuments, websearch } from '../services/search/queries.ts'
import type { ProjectedEvent } from '../services/shared/projection.ts'
import type { AnyEvent } from '../services/shared/events.ts'
import { loadReports } from '../scripts/seed/reports.ts'
import { createRandom } from '../scripts/seed/random.ts'
import { benchDatabase, type StoreKind } from './stores.ts'

const PAIRS = 1000
const BATCH = 2000

/** What people type: common and rare words, phrases, alternatives and exclusions. */
const QUERIES = [
  'test',
  'docker',
  'performance regression',
  '"pull request"',
  'rust or python',
  'memory leak',
  'documentation -blog',
  'refactor',
  'mentor feedback',
  'benchmark',
  'kubernetes',
  'build fails',
  'async',
  'GSoC',
  'review',
  'parser',
  'flaky',
  'deadline',
  'API design',
  'zebracorn',
]

/**
 * Search latency on `documents` documents (PRODUCT §4): a fresh database filled through the real
 * search projection with text from the real weekly reports, then searched as a pair's member (their
 * pair's writing among everyone's) and as an admin (the library only), one query at a time.
 */
export async function measureSearch(
  kind: StoreKind,
  documents: number,
  log: (line: string) => void,
  /** A database to fill and keep (a URL or a PGlite directory); a fresh one, removed after, if absent. */
  given?: string,
) {
  const data = await benchDatabase(kind, given)
  try {
    const { db } = data.database
    await migrate(db)
    const random = createRandom(7)
    const items = loadReports().flatMap((r) => Object.values(r.sections).flat())
    if (items.length === 0)
      throw new Error('search bench: no weekly reports in ../shared/data/weekly-reports')
    const pairs = Array.from({ length: PAIRS }, () => ({
      id: randomUUID(),
      mentor: randomUUID(),
      mentee: randomUUID(),
    }))
    const start = DateTime.fromISO('2025-01-06T12:00:00Z', { zone: 'utc' })
    const projected = (event: AnyEvent, at: DateTime, n: number): ProjectedEvent => ({
      event,
      eventId: randomUUID(),
      streamId: 'bench',
      position: BigInt(n + 1),
      metadata: { actor: 'bench', correlationId: 'bench', causationId: null, occurredAt: at.toISO()! },
    })
    await db.transaction().execute(async (trx) => {
      const batch = await mentorshipsProjection.open(trx, [])
      for (const [n, p] of pairs.entries()) {
        const started = {
          type: 'MentorshipStarted',
          data: {
            mentorshipId: p.id,
            mentorId: p.mentor,
            menteeId: p.mentee,
            startedOn: '2025-01-06',
            checkInWeekday: 5,
            responseWindowHours: 24,
            responseClock: 'WALL',
            blockingWindowHours: 4,
          },
        }
        await batch.apply(projected(started, start, n))
      }
      await batch.close()
    })

    const text = (n: number) => Array.from({ length: n }, () => random.pick(items)).join('\n\n')
    const began = performance.now()
    for (let written = 0; written < documents; written += BATCH) {
      const events: ProjectedEvent[] = []
      for (let i = written; i < Math.min(documents, written + BATCH); i++) {
        const pair = pairs[i % PAIRS]!
        const at = start.plus({ minutes: i })
        const id = randomUUID()
        const kindOf = random.weighted([
          ['check-in', 55],
          ['reply', 20],
          ['question', 12],
          ['answer', 8],
          ['decision', 3],
          ['resource', 2],
        ] as const)
        const event: AnyEvent =
          kindOf === 'check-in'
            ? {
                type: 'CheckInSubmitted',
                data: {
                  checkInId: id,
                  mentorshipId: pair.id,
                  weekOf: '2025-01-06',
                  markdown: text(random.int(4, 12)),
                  by: pair.mentee,
                },
              }
            : kindOf === 'reply'
              ? {
                  type: 'ReplyWritten',
                  data: {
                    checkInId: id,
                    mentorshipId: pair.id,
                    replyId: id,
                    markdown: text(1),
                    by: pair.mentor,
                  },
                }
              : kindOf === 'question'
                ? {
                    type: 'QuestionAsked',
                    data: {
                      questionId: id,
                      mentorshipId: pair.id,
                      title: random.pick(items).slice(0, 120),
                      body: text(1),
                      context: { goal: text(1), tried: text(1), errors: null, hypothesis: null },
                    },
                  }
                : kindOf === 'answer'
                  ? {
                      type: 'QuestionAnswered',
                      data: {
                        questionId: id,
                        mentorshipId: pair.id,
                        answerId: id,
                        body: text(2),
                        by: pair.mentor,
                      },
                    }
                  : kindOf === 'decision'
                    ? {
                        type: 'DecisionRecorded',
                        data: {
                          decisionId: id,
                          mentorshipId: pair.id,
                          title: random.pick(items).slice(0, 120),
                          context: text(1),
                          decision: text(1),
                          why: text(1),
                          by: pair.mentor,
                        },
                      }
                    : {
                        type: 'ResourceAdded',
                        data: {
                          resourceId: id,
                          title: random.pick(items).slice(0, 120),
                          url: null,
                          body: text(2),
                          kind: 'ARTICLE',
                          tags: ['bench'],
                          by: 'bench',
                        },
                      }
        events.push(projected(event, at, PAIRS + i))
      }
      await db.transaction().execute(async (trx) => {
        const batch = await searchProjection.open(trx, events)
        for (const e of events) await batch.apply(e)
        await batch.close()
      })
      if ((written / BATCH) % 50 === 0)
        log(`${kind}: ${written + events.length} of ${documents} search documents`)
    }
    const fillSeconds = (performance.now() - began) / 1000

    const time = async (personId: string | null, query: string) => {
      const t0 = performance.now()
      await searchDocuments(db, personId, websearch(query), {}, 20)
      return performance.now() - t0
    }
    // Warm the caches and plans, as a running server's would be.
    for (const q of QUERIES) await time(pairs[0]!.mentee, q)
    const member: number[] = []
    const admin: number[] = []
    for (let i = 0; i < 200; i++) {
      const query = QUERIES[i % QUERIES.length]!
      member.push(await time(random.pick(pairs).mentee, query))
      admin.push(await time(null, query))
    }
    return { documents, fillSeconds, member: percentiles(member), admin: percentiles(admin) }
  } finally {
    await data.close()
  }
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
  return { p50: at(0.5), p95: at(0.95) }
}
