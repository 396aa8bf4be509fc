import type { MentorshipState } from '../mentorships/decider.ts'
import type { MentorshipEvent } from '../mentorships/events.ts'
import type { LifecycleEvent } from './events.ts'
import type { Occurrence } from './schedule.ts'

/**
 * What an occurrence records, decided on the mentorship as it stands when the timer fires: the
 * workflow's view may lag a command (a check-in submitted a moment before its day ended, a phase
 * changed by an admin), so each item is checked against the streams before it becomes an event.
 */
/** When a week's check-in was submitted and first replied to, if at all (ISO instants). */
export interface WeekTiming {
  submittedAt: string | null
  firstReplyAt: string | null
}

export function decideOccurrence(
  occurrence: Occurrence,
  mentorship: MentorshipState,
  weeks: ReadonlyMap<string, WeekTiming>,
): Array<LifecycleEvent | MentorshipEvent> {
  const before = (at: string | null | undefined, limit: string) => !!at && Date.parse(at) <= Date.parse(limit)
  if (!mentorship.exists || mentorship.phase === 'ENDED') return []
  const mentorshipId = mentorship.mentorshipId
  const events: Array<LifecycleEvent | MentorshipEvent> = []
  for (const item of occurrence.items) {
    if (mentorship.paused && item.kind !== 'LeaveEnded') continue
    switch (item.kind) {
      case 'CheckInDue':
        events.push({ type: 'CheckInDue', data: { mentorshipId, weekOf: item.weekOf, dueAt: item.dueAt } })
        break
      case 'CheckInMissed':
        // Judged as of the due day's end: a check-in submitted later was still missed then.
        if (!before(weeks.get(item.weekOf)?.submittedAt, occurrence.at))
          events.push({ type: 'CheckInMissed', data: { mentorshipId, weekOf: item.weekOf } })
        break
      case 'ReplyOverdue':
        if (!before(weeks.get(item.weekOf)?.firstReplyAt, item.deadline)) {
          events.push({
            type: 'ReplyOverdue',
            data: { mentorshipId, checkInId: item.checkInId, weekOf: item.weekOf, deadline: item.deadline },
          })
        }
        break
      case 'CallDue':
        events.push({ type: 'CallDue', data: { mentorshipId, dueOn: item.dueOn } })
        break
      case 'ReviewDue':
        events.push({ type: 'ReviewDue', data: { mentorshipId, dueOn: item.dueOn } })
        break
      case 'Propose':
        if (mentorship.phase === item.from && !mentorship.proposal) {
          events.push({ type: 'PhaseChangeProposed', data: { mentorshipId, from: item.from, to: item.to } })
        }
        break
      case 'LeaveEnded':
        if (mentorship.paused) events.push({ type: 'MentorshipResumed', data: { mentorshipId } })
        break
    }
  }
  return events
}
