import { z } from 'zod'
import { defineEvent, type EventOf } from '../shared/events.ts'

export const WorkingHoursSchema = z.object({
  day: z.number().int().min(1).max(7),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be local time HH:MM'),
  end: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be local time HH:MM (24:00 allowed)'),
})
export type WorkingHours = z.infer<typeof WorkingHoursSchema>

export const PersonRegistered = defineEvent(
  'PersonRegistered',
  z.object({
    personId: z.string().uuid(),
    email: z.string().email(),
    name: z.string().min(1),
    timeZone: z.string().min(1),
    workingHours: z.array(WorkingHoursSchema),
    role: z.enum(['ADMIN', 'MEMBER']),
  }),
  // Contact data: in the feed, for the person themself and the admins (services/shared/redaction.ts).
  { privateFields: ['email'] },
)

export const PersonUpdated = defineEvent(
  'PersonUpdated',
  z.object({
    personId: z.string().uuid(),
    name: z.string().min(1).optional(),
    timeZone: z.string().min(1).optional(),
    workingHours: z.array(WorkingHoursSchema).optional(),
  }),
)

export const personEvents = [PersonRegistered, PersonUpdated] as const
export type PersonEvent = EventOf<typeof PersonRegistered> | EventOf<typeof PersonUpdated>
