import { DateTime } from 'luxon'
import type { Kysely } from 'kysely'
import { replyDeadline } from '../rules/responseWindow.ts'
import { endOfDueDay, isLate } from '../rules/week.ts'
import type { Projection } from '../shared/projection.ts'
import type { CheckInEvent } from './events.ts'

/** Check-ins and replies. Lateness and reply deadlines are derived here, from the pair's settings then. */
export const checkInsProjection: Projection = {
  name: 'check_ins',
  tables: ['check_ins', 'check_in_revisions', 'check_in_replies'],
  async apply(trx, { event, metadata }) {
    const e = event as CheckInEvent
    const at = DateTime.fromISO(metadata.occurredAt, { zone: 'utc' })
    switch (e.type) {
      case 'CheckInSubmitted': {
        const d = e.data
        const pair = await pairOf(trx, d.mentorshipId)
        const dueEnd = endOfDueDay(d.weekOf, pair.check_in_weekday, pair.mentee_zone)
        const deadline = replyDeadline({
          submittedAt: at,
          windowHours: pair.response_window_hours,
          clock: pair.response_clock,
          responder: { zone: pair.mentor_zone, workingHours: pair.mentor_hours },
        })
        await trx
          .insertInto('check_ins')
          .values({
            id: d.checkInId,
            mentorship_id: d.mentorshipId,
            week_of: d.weekOf,
            markdown: d.markdown,
            submitted_at: at.toISO(),
            due_end: dueEnd.toUTC().toISO(),
            late: isLate(at, d.weekOf, pair.check_in_weekday, pair.mentee_zone),
            reply_deadline: deadline.toUTC().toISO(),
          })
          .execute()
        await trx
          .insertInto('check_in_revisions')
          .values({ check_in_id: d.checkInId, revision: 0, markdown: d.markdown, at: at.toISO() })
          .execute()
        return
      }
      case 'CheckInEdited': {
        const d = e.data
        const row = await trx
          .updateTable('check_ins')
          .set((eb) => ({
            markdown: d.markdown,
            edited_at: at.toISO(),
            edit_count: eb('edit_count', '+', 1),
          }))
          .where('id', '=', d.checkInId)
          .returning('edit_count')
          .executeTakeFirstOrThrow()
        await trx
          .insertInto('check_in_revisions')
          .values({
            check_in_id: d.checkInId,
            revision: row.edit_count,
            markdown: d.markdown,
            at: at.toISO(),
          })
          .execute()
        return
      }
      case 'ReplyWritten': {
        const d = e.data
        const checkIn = await trx
          .selectFrom('check_ins')
          .select(['reply_deadline'])
          .where('id', '=', d.checkInId)
          .executeTakeFirstOrThrow()
        const deadline = new Date(checkIn.reply_deadline)
        await trx
          .insertInto('check_in_replies')
          .values({
            id: d.replyId,
            check_in_id: d.checkInId,
            mentorship_id: d.mentorshipId,
            author_id: d.by,
            markdown: d.markdown,
            at: at.toISO(),
            deadline: deadline.toISOString(),
            on_time: at.toMillis() <= deadline.getTime(),
          })
          .execute()
        await trx
          .updateTable('check_ins')
          .set({ first_reply_at: at.toISO() })
          .where('id', '=', d.checkInId)
          .where('first_reply_at', 'is', null)
          .execute()
      }
    }
  },
}

async function pairOf(trx: Kysely<any>, mentorshipId: string) {
  const row = await trx
    .selectFrom('mentorships as m')
    .innerJoin('people as mentor', 'mentor.id', 'm.mentor_id')
    .innerJoin('people as mentee', 'mentee.id', 'm.mentee_id')
    .select([
      'm.check_in_weekday',
      'm.response_window_hours',
      'm.response_clock',
      'mentor.time_zone as mentor_zone',
      'mentor.working_hours as mentor_hours',
      'mentee.time_zone as mentee_zone',
    ])
    .where('m.id', '=', mentorshipId)
    .executeTakeFirstOrThrow()
  return row as {
    check_in_weekday: number
    response_window_hours: number
    response_clock: 'WALL' | 'WORKING'
    mentor_zone: string
    mentor_hours: Array<{ day: number; start: string; end: string }>
    mentee_zone: string
  }
}
