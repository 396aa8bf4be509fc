import type { CheckInState } from '../checkins/decider.ts'
import type { MentorshipState } from '../mentorships/decider.ts'
import type { MentorshipEvent } from '../mentorships/events.ts'
import type { LifecycleEvent } from './events.ts'
import type { Occurrence } from './schedule.ts'

/**
 * What an occurrence records, decided on the mentorship as it stands when the timer fires: the
 * workflow's view may lag a command (a check-in submitted a moment before its day ended, a phase
 * changed by an admin), so each item is checked against the streams before it becomes an event.
 */
export function decideOccurrence(
  occurrence: Occurrence,
  mentorship: MentorshipState,
  checkIns: ReadonlyMap<string, CheckInState>,
): Array<LifecycleEvent | MentorshipEvent> {
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
        if (!checkIns.get(item.weekOf)?.exists)
          events.push({ type: 'CheckInMissed', data: { mentorshipId, weekOf: item.weekOf } })
        break
      case 'ReplyOverdue':
        if ((checkIns.get(item.weekOf)?.replies ?? 0) === 0) {
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
