import { sql, type Kysely } from 'kysely'
import { DateTime } from 'luxon'
import type { CallEvent } from '../calls/events.ts'
import type { CheckInEvent } from '../checkins/events.ts'
import type { GoalEvent } from '../goals/events.ts'
import type { LifecycleEvent } from '../lifecycle/events.ts'
import type { QuestionEvent } from '../questions/events.ts'
import { isLate, weekOf } from '../rules/week.ts'
import { insertRows, ROWS_PER_STATEMENT, type Projection } from '../shared/projection.ts'

const COUNTERS = [
  'questions_blocking',
  'questions_this_week',
  'questions_can_wait',
  'answered_within_window',
  'answered_late',
  'goals_done',
  'calls_held',
  'calls_skipped',
] as const
type Counter = (typeof COUNTERS)[number]

const URGENCY_COUNTER = {
  BLOCKING: 'questions_blocking',
  THIS_WEEK: 'questions_this_week',
  CAN_WAIT: 'questions_can_wait',
} as const

/** A pair's week as this batch changes it: counts to add, and facts that replace the stored ones. */
interface WeekChange {
  mentorship_id: string
  week_of: string
  /** DUE only fills an empty week: a check-in written before its due day stays counted. */
  check_in: 'DUE' | 'ON_TIME' | 'LATE' | 'MISSED' | null
  check_in_id: string | null
  submitted_at: string | null
  first_reply_hours: number | null
  counts: Record<Counter, number>
}

/**
 * Per pair and per week of the mentee's calendar, for analytics (`projections:read`): counts and
 * times only, never the pair's text (docs/analytics.md). A batch adds up its weeks in memory and
 * writes each once; the pairs' zones and the rows it reads come from projections written earlier
 * in the same transaction.
 */
export const metricsProjection: Projection = {
  name: 'metrics',
  tables: ['metrics_weekly'],
  async open(trx, events) {
    const weeks = new Map<string, WeekChange>()
    // Every pair the batch names, read in one query: a batch spans hundreds of pairs.
    const named = new Set<string>()
    for (const { event } of events)
      if (typeof event.data.mentorshipId === 'string') named.add(event.data.mentorshipId)
    const pairs = await readPairs(trx, [...named])
    const checkIns = new Map<string, WeekChange>()
    const laterReplies = new Map<string, string>()
    // Answers and call outcomes are counted at the end, from the rows the batch leaves.
    // Each with its pair as it stood at the event, as if counted then.
    const answers: Array<{
      questionId: string
      mentorshipId: string
      at: string
      pair: PairWeek | undefined
    }> = []
    const outcomes: Array<{
      callId: string
      mentorshipId: string
      held: boolean
      pair: PairWeek | undefined
    }> = []

    const pairOf = async (mentorshipId: string) => {
      if (!pairs.has(mentorshipId))
        pairs.set(mentorshipId, (await readPairs(trx, [mentorshipId])).get(mentorshipId))
      return pairs.get(mentorshipId)
    }
    const weekAt = async (mentorshipId: string, at: string | Date) => {
      const pair = await pairOf(mentorshipId)
      return pair ? weekOf(DateTime.fromJSDate(new Date(at)), pair.time_zone) : null
    }
    const week = (mentorshipId: string, weekOfDate: string) => {
      const key = `${mentorshipId} ${weekOfDate}`
      let change = weeks.get(key)
      if (!change) {
        change = {
          mentorship_id: mentorshipId,
          week_of: weekOfDate,
          check_in: null,
          check_in_id: null,
          submitted_at: null,
          first_reply_hours: null,
          counts: Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>,
        }
        weeks.set(key, change)
      }
      return change
    }
    const count = async (mentorshipId: string, at: string | Date, counter: Counter, by = 1) => {
      const w = await weekAt(mentorshipId, at)
      if (w) week(mentorshipId, w).counts[counter] += by
    }
    const countIn = (
      pair: PairWeek | undefined,
      mentorshipId: string,
      at: string | Date,
      counter: Counter,
    ) => {
      if (pair)
        week(mentorshipId, weekOf(DateTime.fromJSDate(new Date(at)), pair.time_zone)).counts[counter] += 1
    }

    return {
      async apply({ event, metadata }) {
        const at = metadata.occurredAt
        const e = event as
          LifecycleEvent | CheckInEvent | QuestionEvent | GoalEvent | CallEvent | { type: string; data: any }
        // A changed zone or weekday moves the weeks of what follows.
        if (e.type === 'PersonUpdated' || e.type === 'MentorshipSettingsChanged') pairs.clear()
        switch (e.type) {
          case 'CheckInDue': {
            const w = week(e.data.mentorshipId, e.data.weekOf)
            w.check_in ??= 'DUE'
            return
          }
          case 'CheckInMissed':
            week(e.data.mentorshipId, e.data.weekOf).check_in = 'MISSED'
            return
          case 'CheckInSubmitted': {
            const pair = await pairOf(e.data.mentorshipId)
            if (!pair) return
            const w = week(e.data.mentorshipId, e.data.weekOf)
            const late = isLate(DateTime.fromISO(at), e.data.weekOf, pair.check_in_weekday, pair.time_zone)
            w.check_in = late ? 'LATE' : 'ON_TIME'
            w.check_in_id = e.data.checkInId
            w.submitted_at = at
            checkIns.set(e.data.checkInId, w)
            return
          }
          case 'ReplyWritten': {
            // The first reply's latency, counted from the submission: later replies change nothing.
            const w = checkIns.get(e.data.checkInId)
            if (w) w.first_reply_hours ??= (Date.parse(at) - Date.parse(w.submitted_at!)) / 3_600_000
            else if (!laterReplies.has(e.data.checkInId)) laterReplies.set(e.data.checkInId, at)
            return
          }
          case 'QuestionAsked':
            return count(
              e.data.mentorshipId,
              e.data.askedAt,
              URGENCY_COUNTER[e.data.urgency as keyof typeof URGENCY_COUNTER],
            )
          case 'QuestionAnswered':
            answers.push({
              questionId: e.data.questionId,
              mentorshipId: e.data.mentorshipId,
              at,
              pair: await pairOf(e.data.mentorshipId),
            })
            return
          case 'GoalUpdated':
            if (e.data.done === true) await count(e.data.mentorshipId, at, 'goals_done')
            return
          case 'ReviewRecorded': {
            const done = (e.data.goalChanges as Array<{ change: string }>).filter(
              (c) => c.change === 'DONE',
            ).length
            if (done) await count(e.data.mentorshipId, at, 'goals_done', done)
            return
          }
          case 'CallOutcomeRecorded':
            outcomes.push({
              callId: e.data.callId,
              mentorshipId: e.data.mentorshipId,
              held: e.data.status === 'HELD',
              pair: await pairOf(e.data.mentorshipId),
            })
            return
        }
      },
      async close() {
        // The questions projection records which answer was the first (the one that counts).
        const questions = await rowsById(
          trx,
          'questions',
          ['asked_at', 'answered_at', 'within_window'],
          answers.map((a) => a.questionId),
        )
        for (const { questionId, mentorshipId, at, pair } of answers) {
          const q = questions.get(questionId)
          if (!q || q.answered_at === null || new Date(q.answered_at).getTime() !== Date.parse(at)) continue
          countIn(
            pair,
            mentorshipId,
            q.asked_at,
            q.within_window ? 'answered_within_window' : 'answered_late',
          )
        }
        const calls = await rowsById(
          trx,
          'calls',
          ['start_at'],
          outcomes.map((o) => o.callId),
        )
        for (const { callId, mentorshipId, held, pair } of outcomes) {
          const call = calls.get(callId)
          if (call) countIn(pair, mentorshipId, call.start_at, held ? 'calls_held' : 'calls_skipped')
        }
        const rows = [...weeks.values()].map(({ counts, ...w }) => ({
          ...w,
          check_in: w.check_in,
          ...counts,
        }))
        await insertRows(trx, 'metrics_weekly', rows, (insert) =>
          insert.onConflict((oc) =>
            oc.columns(['mentorship_id', 'week_of']).doUpdateSet({
              check_in: sql`case when excluded.check_in = 'DUE' then coalesce(metrics_weekly.check_in, 'DUE')
                else coalesce(excluded.check_in, metrics_weekly.check_in) end`,
              check_in_id: sql`coalesce(excluded.check_in_id, metrics_weekly.check_in_id)`,
              submitted_at: sql`coalesce(excluded.submitted_at, metrics_weekly.submitted_at)`,
              first_reply_hours: sql`coalesce(metrics_weekly.first_reply_hours, excluded.first_reply_hours)`,
              ...Object.fromEntries(
                COUNTERS.map((c) => [c, sql`metrics_weekly.${sql.ref(c)} + excluded.${sql.ref(c)}`]),
              ),
            }),
          ),
        )
        // Replies to check-ins written in an earlier batch: one statement for all of them.
        const replies = [...laterReplies]
        for (let i = 0; i < replies.length; i += ROWS_PER_STATEMENT) {
          const values = replies
            .slice(i, i + ROWS_PER_STATEMENT)
            .map(([checkInId, at]) => sql`(${checkInId}::uuid, ${at}::timestamptz)`)
          await sql`
            update metrics_weekly m
            -- Whole milliseconds over 3,600,000 in floating point, exactly as the batch computes it in memory.
            set first_reply_hours = round(extract(epoch from (r.at - m.submitted_at)) * 1000)::float8 / 3600000
            from (values ${sql.join(values)}) as r(check_in_id, at)
            where m.check_in_id = r.check_in_id and m.first_reply_hours is null`.execute(trx)
        }
      },
    }
  },
}

type PairWeek = { check_in_weekday: number; time_zone: string }

async function readPairs(trx: Kysely<any>, mentorshipIds: string[]) {
  // A pair started in this same batch is not there yet: it is read again when first needed.
  const pairs = new Map<string, PairWeek | undefined>()
  if (mentorshipIds.length === 0) return pairs
  const rows = await trx
    .selectFrom('mentorships as m')
    .innerJoin('people as p', 'p.id', 'm.mentee_id')
    .select(['m.id', 'm.check_in_weekday', 'p.time_zone'])
    .where('m.id', 'in', mentorshipIds)
    .execute()
  for (const { id, ...pair } of rows) pairs.set(id, pair as PairWeek)
  return pairs
}

async function rowsById(trx: Kysely<any>, table: string, columns: string[], ids: string[]) {
  const rows = new Map<string, any>()
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += ROWS_PER_STATEMENT) {
    const found = await trx
      .selectFrom(table)
      .select(['id', ...columns])
      .where('id', 'in', unique.slice(i, i + ROWS_PER_STATEMENT))
      .execute()
    for (const row of found) rows.set(row.id, row)
  }
  return rows
}
