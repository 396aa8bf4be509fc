import { DateTime } from 'luxon'
import { sql, type Kysely } from 'kysely'
import { replyDeadline } from '../rules/responseWindow.ts'
import { endOfDueDay, isLate } from '../rules/week.ts'
import { insertRows, ROWS_PER_STATEMENT, type Projection } from '../shared/projection.ts'
import type { CheckInEvent } from './events.ts'

/**
 * Check-ins and replies. Lateness and reply deadlines are derived here, from the pair's settings
 * at the time (people and mentorships are projected first, event by event). Rows are held for the
 * batch and written in a few statements at its end: nothing reads them mid-batch.
 */
export const checkInsProjection: Projection = {
  name: 'check_ins',
  tables: ['check_ins', 'check_in_revisions', 'check_in_replies'],
  async open(trx, events) {
    const submittedBy = new Set<string>()
    const touched = new Set<string>()
    for (const { event } of events) {
      const e = event as CheckInEvent
      if (e.type === 'CheckInSubmitted') submittedBy.add(e.data.mentorshipId)
      else if (e.type === 'CheckInEdited' || e.type === 'ReplyWritten') touched.add(e.data.checkInId)
    }
    // Read up front for the whole batch; a change to a pair mid-batch drops what was read.
    const pairs = await pairsOf(trx, [...submittedBy])
    const checkIns = await storedCheckIns(trx, [...touched])
    const revisions: Array<Record<string, unknown>> = []
    const replies: Array<Record<string, unknown>> = []

    const checkIn = (id: string) => {
      const state = checkIns.get(id)
      if (!state) throw new Error(`check-in ${id} is not projected`)
      return state
    }

    return {
      async apply({ event, metadata }) {
        const at = DateTime.fromISO(metadata.occurredAt, { zone: 'utc' })
        if (event.type === 'MentorshipSettingsChanged') pairs.delete(event.data.mentorshipId as string)
        if (event.type === 'PersonUpdated') pairs.clear()
        const e = event as CheckInEvent
        switch (e.type) {
          case 'CheckInSubmitted': {
            const d = e.data
            const pair =
              pairs.get(d.mentorshipId) ?? (await pairsOf(trx, [d.mentorshipId])).get(d.mentorshipId)
            if (!pair) throw new Error(`mentorship ${d.mentorshipId} is not projected`)
            pairs.set(d.mentorshipId, pair)
            const deadline = replyDeadline({
              submittedAt: at,
              windowHours: pair.response_window_hours,
              clock: pair.response_clock,
              responder: { zone: pair.mentor_zone, workingHours: pair.mentor_hours },
            })
            const row: NewCheckIn = {
              id: d.checkInId,
              mentorship_id: d.mentorshipId,
              week_of: d.weekOf,
              markdown: d.markdown,
              submitted_at: at.toISO()!,
              due_end: endOfDueDay(d.weekOf, pair.check_in_weekday, pair.mentee_zone).toUTC().toISO()!,
              late: isLate(at, d.weekOf, pair.check_in_weekday, pair.mentee_zone),
              reply_deadline: deadline.toUTC().toISO()!,
              edited_at: null,
              edit_count: 0,
              first_reply_at: null,
            }
            checkIns.set(d.checkInId, { row, replyDeadline: deadline.toMillis(), ...unchanged(0, null) })
            revisions.push({ check_in_id: d.checkInId, revision: 0, markdown: d.markdown, at: at.toISO() })
            return
          }
          case 'CheckInEdited': {
            const d = e.data
            const state = checkIn(d.checkInId)
            state.editCount += 1
            state.markdown = d.markdown
            state.editedAt = at.toISO()
            revisions.push({
              check_in_id: d.checkInId,
              revision: state.editCount,
              markdown: d.markdown,
              at: at.toISO(),
            })
            return
          }
          case 'ReplyWritten': {
            const d = e.data
            const state = checkIn(d.checkInId)
            replies.push({
              id: d.replyId,
              check_in_id: d.checkInId,
              mentorship_id: d.mentorshipId,
              author_id: d.by,
              markdown: d.markdown,
              at: at.toISO(),
              deadline: new Date(state.replyDeadline).toISOString(),
              on_time: at.toMillis() <= state.replyDeadline,
            })
            state.firstReplyAt ??= at.toISO()
          }
        }
      },
      async close() {
        const created: NewCheckIn[] = []
        const changed: Array<[string, CheckInState]> = []
        for (const [id, state] of checkIns) {
          if (state.row) {
            created.push({
              ...state.row,
              markdown: state.markdown ?? state.row.markdown,
              edited_at: state.editedAt,
              edit_count: state.editCount,
              first_reply_at: state.firstReplyAt,
            })
          } else if (state.editedAt || state.firstReplyAt !== state.storedFirstReplyAt) {
            changed.push([id, state])
          }
        }
        await insertRows(trx, 'check_ins', created)
        for (let i = 0; i < changed.length; i += ROWS_PER_STATEMENT) {
          const values = sql.join(
            changed
              .slice(i, i + ROWS_PER_STATEMENT)
              .map(
                ([id, s]) =>
                  sql`(${id}::uuid, ${s.markdown}::text, ${s.editedAt}::timestamptz, ${s.editCount}::int, ${s.firstReplyAt}::timestamptz)`,
              ),
          )
          await sql`
            update check_ins c
            set markdown = coalesce(v.markdown, c.markdown),
                edited_at = coalesce(v.edited_at, c.edited_at),
                edit_count = v.edit_count,
                first_reply_at = coalesce(c.first_reply_at, v.first_reply_at)
            from (values ${values}) as v(id, markdown, edited_at, edit_count, first_reply_at)
            where c.id = v.id`.execute(trx)
        }
        await insertRows(trx, 'check_in_revisions', revisions)
        await insertRows(trx, 'check_in_replies', replies)
      },
    }
  },
}

interface NewCheckIn {
  id: string
  mentorship_id: string
  week_of: string
  markdown: string
  submitted_at: string
  due_end: string
  late: boolean
  reply_deadline: string
  edited_at: string | null
  edit_count: number
  first_reply_at: string | null
}

/** A check-in as the batch leaves it: `row` when the batch submitted it, else what changed. */
interface CheckInState {
  row?: NewCheckIn
  replyDeadline: number
  editCount: number
  markdown: string | null
  editedAt: string | null
  firstReplyAt: string | null
  storedFirstReplyAt: string | null
}

const unchanged = (editCount: number, firstReplyAt: string | null) => ({
  editCount,
  markdown: null,
  editedAt: null,
  firstReplyAt,
  storedFirstReplyAt: firstReplyAt,
})

async function storedCheckIns(trx: Kysely<any>, ids: string[]) {
  const states = new Map<string, CheckInState>()
  if (ids.length === 0) return states
  const rows = await trx
    .selectFrom('check_ins')
    .select(['id', 'reply_deadline', 'edit_count', 'first_reply_at'])
    .where('id', 'in', ids)
    .execute()
  for (const row of rows) {
    const firstReplyAt = row.first_reply_at ? new Date(row.first_reply_at).toISOString() : null
    states.set(row.id, {
      replyDeadline: new Date(row.reply_deadline).getTime(),
      ...unchanged(row.edit_count, firstReplyAt),
    })
  }
  return states
}

interface Pair {
  check_in_weekday: number
  response_window_hours: number
  response_clock: 'WALL' | 'WORKING'
  mentor_zone: string
  mentor_hours: Array<{ day: number; start: string; end: string }>
  mentee_zone: string
}

async function pairsOf(trx: Kysely<any>, mentorshipIds: string[]) {
  const pairs = new Map<string, Pair>()
  if (mentorshipIds.length === 0) return pairs
  const rows = await trx
    .selectFrom('mentorships as m')
    .innerJoin('people as mentor', 'mentor.id', 'm.mentor_id')
    .innerJoin('people as mentee', 'mentee.id', 'm.mentee_id')
    .select([
      'm.id',
      'm.check_in_weekday',
      'm.response_window_hours',
      'm.response_clock',
      'mentor.time_zone as mentor_zone',
      'mentor.working_hours as mentor_hours',
      'mentee.time_zone as mentee_zone',
    ])
    .where('m.id', 'in', mentorshipIds)
    .execute()
  for (const { id, ...pair } of rows) pairs.set(id, pair as Pair)
  return pairs
}
