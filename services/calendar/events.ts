import { z } from 'zod'
import { defineEvent, type EventOf } from '../shared/events.ts'

/** A person's private calendar feed: its secret is the URL's only protection, so no feed shows it. */
export const CalendarFeedIssued = defineEvent(
  'CalendarFeedIssued',
  z.object({ personId: z.string().uuid(), secret: z.string() }),
  { secretFields: ['secret'] },
)

export const calendarEvents = [CalendarFeedIssued] as const
export type CalendarEvent = EventOf<(typeof calendarEvents)[number]>
