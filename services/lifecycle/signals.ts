import { DateTime } from 'luxon'
import type { Kysely } from 'kysely'
import type { CheckInEvent } from '../checkins/events.ts'
import type { MentorshipEvent } from '../mentorships/events.ts'
import type { PersonEvent } from '../people/events.ts'
import { localInstant } from '../rules/week.ts'
import type { ProjectedEvent } from '../shared/projection.ts'
import { initialLifecycle, type LifecycleSignal, type LifecycleState } from './state.ts'

export type Instruction =
  { type: 'start'; state: LifecycleState } | { type: 'signal'; mentorshipId: string; signal: LifecycleSignal }

/**
 * What a recorded event means for the lifecycle workflows: MentorshipStarted starts one; facts
 * from people's commands become signals. Runs after the read models include the event, so it
 * may read them (the mentee's zone, a check-in's reply deadline).
 */
export async function instructionsFor(
  db: Kysely<any>,
  { event, metadata }: ProjectedEvent,
): Promise<Instruction[]> {
  const at = metadata.occurredAt
  const e = event as MentorshipEvent | CheckInEvent | PersonEvent
  switch (e.type) {
    case 'MentorshipStarted': {
      const zone = await menteeZone(db, e.data.menteeId)
      const startsAt = localInstant(e.data.startedOn, 0, zone)
      const state = initialLifecycle({
        mentorshipId: e.data.mentorshipId,
        startedOn: e.data.startedOn,
        menteeZone: zone,
        checkInWeekday: e.data.checkInWeekday,
        startsAt: startsAt.toUTC().toISO()!,
      })
      // The cursor sits just before the first day, so something due at its very start still counts.
      return [
        { type: 'start', state: { ...state, cursor: startsAt.minus({ milliseconds: 1 }).toUTC().toISO()! } },
      ]
    }
    case 'CheckInSubmitted': {
      const row = await db
        .selectFrom('check_ins')
        .select('reply_deadline')
        .where('id', '=', e.data.checkInId)
        .executeTakeFirst()
      if (!row) return []
      const replyDeadline = DateTime.fromJSDate(new Date(row.reply_deadline), { zone: 'utc' }).toISO()!
      return [
        signal(e.data.mentorshipId, {
          type: 'CheckInSubmitted',
          weekOf: e.data.weekOf,
          checkInId: e.data.checkInId,
          replyDeadline,
          at,
        }),
      ]
    }
    case 'ReplyWritten':
      return [signal(e.data.mentorshipId, { type: 'ReplyWritten', checkInId: e.data.checkInId, at })]
    case 'MentorshipPaused':
      return [signal(e.data.mentorshipId, { type: 'Paused', until: e.data.until, at })]
    case 'MentorshipResumed':
      return [signal(e.data.mentorshipId, { type: 'Resumed', at })]
    case 'MentorshipPhaseChanged':
      return [signal(e.data.mentorshipId, { type: 'PhaseChanged', to: e.data.to, at })]
    case 'PhaseProposalHeld':
      return [signal(e.data.mentorshipId, { type: 'ProposalHeld', at })]
    case 'MentorshipSettingsChanged':
      return e.data.checkInWeekday === undefined
        ? []
        : [signal(e.data.mentorshipId, { type: 'SettingsChanged', checkInWeekday: e.data.checkInWeekday })]
    case 'PersonUpdated': {
      if (!e.data.timeZone) return []
      const rows = await db
        .selectFrom('mentorships')
        .select('id')
        .where('mentee_id', '=', e.data.personId)
        .execute()
      return rows.map((r) => signal(r.id, { type: 'SettingsChanged', menteeZone: e.data.timeZone }))
    }
    default:
      return []
  }
}

const signal = (mentorshipId: string, s: LifecycleSignal): Instruction => ({
  type: 'signal',
  mentorshipId,
  signal: s,
})

async function menteeZone(db: Kysely<any>, menteeId: string) {
  const row = await db.selectFrom('people').select('time_zone').where('id', '=', menteeId).executeTakeFirst()
  return (row?.time_zone as string | undefined) ?? 'UTC'
}
