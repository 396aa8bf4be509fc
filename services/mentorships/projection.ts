import { eagerProjection } from '../shared/projection.ts'
import type { MentorshipEvent } from './events.ts'

export const mentorshipsProjection = eagerProjection(
  'mentorships',
  ['mentorships'],
  async (trx, { event, metadata }) => {
    const e = event as MentorshipEvent
    const at = metadata.occurredAt
    const row = (id: string) => trx.updateTable('mentorships').where('id', '=', id)
    switch (e.type) {
      case 'MentorshipStarted': {
        const d = e.data
        await trx
          .insertInto('mentorships')
          .values({
            id: d.mentorshipId,
            mentor_id: d.mentorId,
            mentee_id: d.menteeId,
            started_on: d.startedOn,
            check_in_weekday: d.checkInWeekday,
            response_window_hours: d.responseWindowHours,
            response_clock: d.responseClock,
            blocking_window_hours: d.blockingWindowHours,
            phase: 'WEEKLY',
            started_at: at,
          })
          .execute()
        return
      }
      case 'MentorshipSettingsChanged': {
        const d = e.data
        await row(d.mentorshipId)
          .set({
            ...(d.checkInWeekday !== undefined && { check_in_weekday: d.checkInWeekday }),
            ...(d.responseWindowHours !== undefined && { response_window_hours: d.responseWindowHours }),
            ...(d.responseClock !== undefined && { response_clock: d.responseClock }),
            ...(d.blockingWindowHours !== undefined && { blocking_window_hours: d.blockingWindowHours }),
          })
          .execute()
        return
      }
      case 'MentorshipPaused':
        await row(e.data.mentorshipId).set({ paused: true, paused_until: e.data.until }).execute()
        return
      case 'MentorshipResumed':
        await row(e.data.mentorshipId).set({ paused: false, paused_until: null }).execute()
        return
      case 'PhaseChangeProposed':
        await row(e.data.mentorshipId).set({ proposal_to: e.data.to, proposal_since: at }).execute()
        return
      case 'PhaseProposalHeld':
        await row(e.data.mentorshipId).set({ proposal_to: null, proposal_since: null }).execute()
        return
      case 'MentorshipPhaseChanged':
        await row(e.data.mentorshipId)
          .set({
            phase: e.data.to,
            proposal_to: null,
            proposal_since: null,
            ...(e.data.to === 'ENDED' && { ended_at: at, paused: false, paused_until: null }),
          })
          .execute()
    }
  },
)
