import { accessEvents } from './access/events.ts'
import { calendarEvents } from './calendar/events.ts'
import { callEvents } from './calls/events.ts'
import { checkInEvents } from './checkins/events.ts'
import { goalEvents } from './goals/events.ts'
import { healthEvents } from './health/events.ts'
import { lifecycleEvents } from './lifecycle/events.ts'
import { mentorshipEvents } from './mentorships/events.ts'
import { personEvents } from './people/events.ts'
import { questionEvents } from './questions/events.ts'
import { recordEvents } from './record/events.ts'
import { reminderEvents } from './reminders/events.ts'
import { webhookEvents } from './webhooks/events.ts'
import type { EventDefinition } from './shared/events.ts'
import { createCodec } from './codec.ts'

/** Every event type Trellis writes, listed once, so codecs and redaction see them all. */
export const allEvents: readonly EventDefinition[] = [
  ...personEvents,
  ...mentorshipEvents,
  ...checkInEvents,
  ...lifecycleEvents,
  ...accessEvents,
  ...questionEvents,
  ...recordEvents,
  ...reminderEvents,
  ...callEvents,
  ...calendarEvents,
  ...goalEvents,
  ...healthEvents,
  ...webhookEvents,
]

export const eventDefinitions = new Map(allEvents.map((d) => [d.type, d]))

/** Trellis's codec: every event type it writes and reads. */
export const codec = createCodec(eventDefinitions)
