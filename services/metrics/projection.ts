import { sql, type Kysely } from 'kysely'
import { DateTime } from 'luxon'
import type { CallEvent } from '../calls/events.ts'
import type { CheckInEvent } from '../checkins/events.ts'
import type { GoalEvent } from '../goals/events.ts'
import type { LifecycleEvent } from '../lifecycle/events.ts'
import type { QuestionEvent } from '../questions/events.ts'
import { isLate, weekOf } from '../rules/week.ts'
import { eagerProjection } from '../shared/projection.ts'

type Counter =
  | 'questions_blocking'
  | 'questions_this_week'
  | 'questions_can_wait'
  | 'answered_within_window'
  | 'answered_late'
  | 'goals_done'
  | 'calls_held'
  | 'calls_skipped'

const URGENCY_COUNTER = {
  BLOCKING: 'questions_blocking',
  THIS_WEEK: 'questions_this_week',
  CAN_WAIT: 'questions_can_wait',
} as const

/** The pair's calendar: weekday and the mentee's zone, which every week here is counted in. */
async function pairOf(trx: Kysely<any>, mentorshipId: string) {
  return (await trx
    .selectFrom('mentorships as m')
    .innerJoin('people as p', 'p.id', 'm.mentee_id')
    .select(['m.check_in_weekday', 'm.mentor_id', 'p.time_zone'])
    .where('m.id', '=', mentorshipId)
    .executeTakeFirst()) as { check_in_weekday: number; mentor_id: string; time_zone: string } | undefined
}

async function weekAt(trx: Kysely<any>, mentorshipId: string, at: string | Date) {
  const pair = await pairOf(trx, mentorshipId)
  return pair ? weekOf(DateTime.fromJSDate(new Date(at)), pair.time_zone) : null
}

/** What a new row holds: a value that refers to the stored row (coalesce) means its default there. */
const inserted = (set: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(set).map(([k, v]) => [k, k === 'check_in' && typeof v !== 'string' ? 'DUE' : v]),
  )

/** Upserts a pair's week with `set` and adds one to `add`. */
async function touch(
  trx: Kysely<any>,
  mentorshipId: string,
  week: string,
  set: Record<string, unknown> = {},
  add?: Counter,
) {
  await trx
    .insertInto('metrics_weekly')
    .values({ mentorship_id: mentorshipId, week_of: week, ...inserted(set), ...(add && { [add]: 1 }) })
    .onConflict((oc) =>
      oc.columns(['mentorship_id', 'week_of']).doUpdateSet({
        ...set,
        ...(add && { [add]: sql`metrics_weekly.${sql.ref(add)} + 1` }),
      }),
    )
    .execute()
}

/**
 * Per pair and per week of the mentee's calendar, for analytics (`projections:read`): counts and
 * times only, never the pair's text. Documented in docs/analytics.md.
 */
export const metricsProjection = eagerProjection(
  'metrics',
  ['metrics_weekly'],
  async (trx, { event, metadata }) => {
    const at = metadata.occurredAt
    const e = event as LifecycleEvent | CheckInEvent | QuestionEvent | GoalEvent | CallEvent
    switch (e.type) {
      case 'CheckInDue':
        // A check-in written before its due day is already counted: due changes nothing then.
        return touch(trx, e.data.mentorshipId, e.data.weekOf, {
          check_in: sql`coalesce(metrics_weekly.check_in, 'DUE')`,
        })
      case 'CheckInMissed':
        return touch(trx, e.data.mentorshipId, e.data.weekOf, { check_in: 'MISSED' })
      case 'CheckInSubmitted': {
        const pair = await pairOf(trx, e.data.mentorshipId)
        if (!pair) return
        const late = isLate(DateTime.fromISO(at), e.data.weekOf, pair.check_in_weekday, pair.time_zone)
        return touch(trx, e.data.mentorshipId, e.data.weekOf, {
          check_in: late ? 'LATE' : 'ON_TIME',
          check_in_id: e.data.checkInId,
          submitted_at: at,
        })
      }
      case 'ReplyWritten':
        // The first reply's latency, counted from the submission: later replies change nothing.
        await trx
          .updateTable('metrics_weekly')
          .set({ first_reply_hours: sql`extract(epoch from (${at}::timestamptz - submitted_at)) / 3600` })
          .where('check_in_id', '=', e.data.checkInId)
          .where('first_reply_hours', 'is', null)
          .execute()
        return
      case 'QuestionAsked': {
        const week = await weekAt(trx, e.data.mentorshipId, e.data.askedAt)
        if (week) await touch(trx, e.data.mentorshipId, week, {}, URGENCY_COUNTER[e.data.urgency])
        return
      }
      case 'QuestionAnswered': {
        // The questions projection has just recorded whether this was the answer that met the window.
        const q = await trx
          .selectFrom('questions')
          .select(['asked_at', 'answered_at', 'within_window'])
          .where('id', '=', e.data.questionId)
          .executeTakeFirst()
        if (
          !q ||
          q.answered_at === null ||
          new Date(q.answered_at).toISOString() !== new Date(at).toISOString()
        )
          return
        const week = await weekAt(trx, e.data.mentorshipId, q.asked_at as Date)
        if (week)
          await touch(
            trx,
            e.data.mentorshipId,
            week,
            {},
            q.within_window ? 'answered_within_window' : 'answered_late',
          )
        return
      }
      case 'GoalUpdated': {
        if (e.data.done !== true) return
        const week = await weekAt(trx, e.data.mentorshipId, at)
        if (week) await touch(trx, e.data.mentorshipId, week, {}, 'goals_done')
        return
      }
      case 'ReviewRecorded': {
        const done = e.data.goalChanges.filter((c) => c.change === 'DONE').length
        const week = done ? await weekAt(trx, e.data.mentorshipId, at) : null
        for (let i = 0; week && i < done; i++) await touch(trx, e.data.mentorshipId, week, {}, 'goals_done')
        return
      }
      case 'CallOutcomeRecorded': {
        const call = await trx
          .selectFrom('calls')
          .select('start_at')
          .where('id', '=', e.data.callId)
          .executeTakeFirst()
        const week = call ? await weekAt(trx, e.data.mentorshipId, call.start_at as Date) : null
        if (week)
          await touch(
            trx,
            e.data.mentorshipId,
            week,
            {},
            e.data.status === 'HELD' ? 'calls_held' : 'calls_skipped',
          )
        return
      }
    }
  },
)
