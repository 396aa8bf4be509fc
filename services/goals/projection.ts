import { eagerProjection } from '../shared/projection.ts'
import type { GoalData, GoalEvent } from './events.ts'

export const goalsProjection = eagerProjection(
  'goals',
  ['goal_sets', 'goals', 'reviews', 'review_changes'],
  async (trx, { event, metadata, position }) => {
    const e = event as GoalEvent
    const at = metadata.occurredAt
    // Goals keep the order they were written in: the event's position, then their place in it.
    const goalRows = (mentorshipId: string, goalSetId: string, goals: readonly GoalData[]) =>
      goals.map((g, i) => ({
        id: g.goalId,
        goal_set_id: goalSetId,
        mentorship_id: mentorshipId,
        category: g.category,
        text: g.text,
        done: g.done,
        ready_when: g.readyWhen,
        dropped: false,
        sort_key: (position * 1000n + BigInt(i)).toString(),
      }))
    switch (e.type) {
      case 'GoalSetCreated': {
        const d = e.data
        await trx
          .insertInto('goal_sets')
          .values({ id: d.goalSetId, mentorship_id: d.mentorshipId, period: d.period, created_at: at })
          .execute()
        await trx
          .insertInto('goals')
          .values(goalRows(d.mentorshipId, d.goalSetId, d.goals))
          .execute()
        return
      }
      case 'GoalUpdated': {
        const { done, text, evidenceUrl, readyWhen } = e.data
        await trx
          .updateTable('goals')
          .set({
            ...(done !== undefined && { done }),
            ...(text !== undefined && { text }),
            ...(evidenceUrl !== undefined && { evidence_url: evidenceUrl }),
            ...(readyWhen !== undefined && { ready_when: readyWhen }),
          })
          .where('id', '=', e.data.goalId)
          .execute()
        return
      }
      case 'ReviewRecorded': {
        const d = e.data
        await trx
          .insertInto('reviews')
          .values({
            id: d.reviewId,
            mentorship_id: d.mentorshipId,
            goal_set_id: d.goalSetId,
            summary: d.summary,
            at,
          })
          .execute()
        for (const c of d.goalChanges) {
          await trx
            .insertInto('review_changes')
            .values({ review_id: d.reviewId, goal_id: c.goalId, change: c.change, new_text: c.newText })
            .execute()
          const goal = trx.updateTable('goals').where('id', '=', c.goalId)
          if (c.change === 'DONE') await goal.set({ done: true }).execute()
          else if (c.change === 'DROPPED') await goal.set({ dropped: true }).execute()
          else if (c.newText) await goal.set({ text: c.newText }).execute()
        }
        if (d.newGoals.length && d.goalSetId)
          await trx
            .insertInto('goals')
            .values(goalRows(d.mentorshipId, d.goalSetId, d.newGoals))
            .execute()
        return
      }
    }
  },
)
