import { DateTime } from 'luxon'
import { checkInIdFor } from '../checkins/view.ts'
import { execute } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { mentorshipAggregate } from '../mentorships/decider.ts'
import { systemActor } from '../shared/actor.ts'
import { streams } from '../shared/ids.ts'
import { decideOccurrence } from './decider.ts'
import type { Occurrence } from './schedule.ts'

/**
 * The workflow activity: records what fell due. Its idempotency key is the occurrence itself, so a
 * retried activity, a replayed workflow or a second runner appends nothing more. The events carry
 * the occurrence's instant as their time, which is also the workflow engine's time.
 */
export async function recordOccurrence(deps: Deps, mentorshipId: string, occurrence: Occurrence) {
  const weeks = [
    ...new Set(
      occurrence.items.flatMap((i) =>
        i.kind === 'CheckInMissed' || i.kind === 'ReplyOverdue' ? [i.weekOf] : [],
      ),
    ),
  ]
  const timing = new Map(
    await Promise.all(
      weeks.map(async (week) => {
        const recorded = await deps.store.readStream(streams.checkIn(checkInIdFor(mentorshipId, week)))
        const first = (type: string) => recorded.find((e) => e.type === type)?.metadata.occurredAt ?? null
        return [
          week,
          { submittedAt: first('CheckInSubmitted'), firstReplyAt: first('ReplyWritten') },
        ] as const
      }),
    ),
  )
  const at = DateTime.fromISO(occurrence.at, { zone: 'utc' })
  const outcome = await execute(
    { ...deps, clock: { now: () => at } },
    {
      streamId: streams.mentorship(mentorshipId),
      aggregate: mentorshipAggregate,
      actor: systemActor,
      operation: 'recordOccurrence',
      // The lifecycle reads the store, never the read models: no client waits on this write.
      readYourWrites: false,
      idempotencyKey: `lifecycle:${occurrence.at}:${occurrence.items.map((i) => i.kind).join(',')}`,
      decide: (state) => decideOccurrence(occurrence, state, timing),
    },
  )
  return outcome.events.map((e) => e.type)
}
