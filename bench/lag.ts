import { randomUUID } from 'node:crypto'
import type { Trellis } from '../infra/trellis.ts'
import { codec } from '../services/events.ts'
import { streams } from '../services/shared/ids.ts'
import { perSecond } from './appends.ts'

export interface LagFigures {
  p50Ms: number
  p99Ms: number
  writesPerSecond: number
  delivered: number
}

/**
 * Commit-to-delivery latency of live subscriptions under write load: writers append replies to
 * seeded check-ins as fast as the store takes them, and a listener on `deps.subscribe` — what
 * every GraphQL subscription hangs off — notes when each event arrives. An event is delivered
 * after the projector has committed it, so the lag includes projecting it.
 */
export async function measureLag(trellis: Trellis, seconds: number, writers: number): Promise<LagFigures> {
  const { db } = trellis.database
  const checkIns = await db
    .selectFrom('check_ins as c')
    .innerJoin('mentorships as m', 'm.id', 'c.mentorship_id')
    .select(['c.id', 'c.mentorship_id', 'm.mentor_id'])
    .limit(500)
    .execute()
  if (checkIns.length === 0) throw new Error('no check-ins to reply to')
  const committed = new Map<bigint, number>()
  const delivered = new Map<bigint, number>()
  const unsubscribe = trellis.deps.subscribe((events) => {
    const now = performance.now()
    for (const e of events) delivered.set(e.position, now)
  })
  const writesPerSecond = await perSecond(seconds, writers, async (writer, i) => {
    const c = checkIns[(writer * 7919 + i) % checkIns.length]!
    const event = codec.encode(
      {
        type: 'ReplyWritten',
        data: {
          checkInId: c.id,
          mentorshipId: c.mentorship_id,
          replyId: randomUUID(),
          by: c.mentor_id,
          markdown: 'Noted — thanks!',
        },
      },
      {
        actor: `person:${c.mentor_id}`,
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: new Date().toISOString(),
      },
    )
    const { position } = await trellis.store.append(streams.checkIn(c.id), [event], 'any')
    committed.set(position, performance.now())
  })
  const last = [...committed.keys()].reduce((a, b) => (a > b ? a : b), 0n)
  await trellis.projector.waitFor(last, 30_000)
  unsubscribe()
  const lags = [...committed]
    .map(([position, at]) => Math.max(0, (delivered.get(position) ?? Infinity) - at))
    .sort((a, b) => a - b)
  const at = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))]!
  return { p50Ms: at(0.5), p99Ms: at(0.99), writesPerSecond, delivered: lags.filter(Number.isFinite).length }
}
