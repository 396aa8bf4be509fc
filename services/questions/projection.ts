import { sql } from 'kysely'
import { eagerProjection } from '../shared/projection.ts'
import type { QuestionEvent } from './events.ts'

export const questionsProjection = eagerProjection(
  'questions',
  ['questions', 'question_answers', 'question_changes'],
  async (trx, { event, metadata }) => {
    const e = event as QuestionEvent
    const at = metadata.occurredAt
    const question = (id: string) => trx.updateTable('questions').where('id', '=', id)
    switch (e.type) {
      case 'QuestionAsked': {
        const d = e.data
        await trx
          .insertInto('questions')
          .values({
            id: d.questionId,
            mentorship_id: d.mentorshipId,
            asked_by: d.askedBy,
            responder_id: d.responderId,
            title: d.title,
            body: d.body,
            urgency: d.urgency,
            goal: d.context.goal,
            tried: d.context.tried,
            errors: d.context.errors,
            hypothesis: d.context.hypothesis,
            check_in_id: d.checkInId,
            asked_at: d.askedAt,
            due_at: d.dueAt,
            status: 'OPEN',
          })
          .execute()
        return
      }
      case 'QuestionAnswered': {
        const d = e.data
        await trx
          .insertInto('question_answers')
          .values({
            id: d.answerId,
            question_id: d.questionId,
            mentorship_id: d.mentorshipId,
            author_id: d.by,
            body: d.body,
            at,
          })
          .execute()
        // The first answer from the one who was asked closes the window: on time or not.
        await question(d.questionId)
          .set({
            status: 'ANSWERED',
            answered_at: at,
            within_window: sql<boolean>`due_at is null or due_at >= ${at}::timestamptz`,
          })
          .where('status', '=', 'OPEN')
          .where('asked_by', '!=', d.by)
          .execute()
        return
      }
      case 'QuestionResolved':
        await question(e.data.questionId).set({ status: 'RESOLVED', resolved_at: at }).execute()
        return
      case 'QuestionReclassified':
      case 'QuestionEscalated': {
        const d = e.data
        await question(d.questionId).set({ urgency: d.to, due_at: d.dueAt, overdue: false }).execute()
        await trx
          .insertInto('question_changes')
          .values({
            question_id: d.questionId,
            at,
            kind: e.type === 'QuestionReclassified' ? 'RECLASSIFIED' : 'ESCALATED',
            from_urgency: d.from,
            to_urgency: d.to,
            due_at: d.dueAt,
            by_id: d.by,
          })
          .execute()
        return
      }
      case 'QuestionFlaggedForCall':
        await question(e.data.questionId).set({ flagged_for_call: e.data.flagged }).execute()
        return
      case 'QuestionOverdue':
        await question(e.data.questionId).set({ overdue: true }).execute()
        return
    }
  },
)
