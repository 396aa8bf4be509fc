import { z } from 'zod'
import { defineEvent, type EventOf } from '../shared/events.ts'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const mentorshipId = z.string().uuid()

/** The due day of a check-in has begun (mentee's zone). */
export const CheckInDue = defineEvent(
  'CheckInDue',
  z.object({ mentorshipId, weekOf: isoDate, dueAt: z.string() }),
)

/** The due day ended with no check-in. */
export const CheckInMissed = defineEvent('CheckInMissed', z.object({ mentorshipId, weekOf: isoDate }))

/** A submitted check-in's reply window closed without a reply ("no feedback loop"). */
export const ReplyOverdue = defineEvent(
  'ReplyOverdue',
  z.object({ mentorshipId, checkInId: z.string().uuid(), weekOf: isoDate, deadline: z.string() }),
)

/** The bi-weekly call falls due (every 14 days from the start, weekly phase). */
export const CallDue = defineEvent('CallDue', z.object({ mentorshipId, dueOn: isoDate }))

/** The goal review falls due (every 28 days from the start). */
export const ReviewDue = defineEvent('ReviewDue', z.object({ mentorshipId, dueOn: isoDate }))

export const lifecycleEvents = [CheckInDue, CheckInMissed, ReplyOverdue, CallDue, ReviewDue] as const
export type LifecycleEvent = EventOf<(typeof lifecycleEvents)[number]>
