import { z } from 'zod'
import { defineEvent, type EventOf } from '../shared/events.ts'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
export const PhaseSchema = z.enum(['WEEKLY', 'MONTHLY', 'AD_HOC', 'PEER', 'ENDED'])
export type Phase = z.infer<typeof PhaseSchema>
export const ResponseClockSchema = z.enum(['WALL', 'WORKING'])
export type ResponseClock = z.infer<typeof ResponseClockSchema>

export const MentorshipSettingsSchema = z.object({
  checkInWeekday: z.number().int().min(1).max(7),
  responseWindowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
  responseClock: ResponseClockSchema,
  /** Working hours a blocking question waits at most (PRODUCT §3); absent before it existed. */
  blockingWindowHours: z.number().int().min(1).max(40).default(4),
})
export type MentorshipSettings = z.infer<typeof MentorshipSettingsSchema>

export const MentorshipStarted = defineEvent(
  'MentorshipStarted',
  MentorshipSettingsSchema.extend({
    mentorshipId: z.string().uuid(),
    mentorId: z.string().uuid(),
    menteeId: z.string().uuid(),
    startedOn: isoDate,
  }),
)

export const MentorshipSettingsChanged = defineEvent(
  'MentorshipSettingsChanged',
  MentorshipSettingsSchema.partial().extend({ mentorshipId: z.string().uuid() }),
)

/** Leave (vacation, illness): the reason is the pair's own business. */
export const MentorshipPaused = defineEvent(
  'MentorshipPaused',
  z.object({ mentorshipId: z.string().uuid(), until: isoDate.nullable(), reason: z.string() }),
  { privateFields: ['reason'] },
)

export const MentorshipResumed = defineEvent(
  'MentorshipResumed',
  z.object({ mentorshipId: z.string().uuid() }),
)

export const PhaseChangeProposed = defineEvent(
  'PhaseChangeProposed',
  z.object({ mentorshipId: z.string().uuid(), from: PhaseSchema, to: PhaseSchema }),
)

export const PhaseProposalHeld = defineEvent(
  'PhaseProposalHeld',
  z.object({ mentorshipId: z.string().uuid(), to: PhaseSchema, by: z.string() }),
)

export const MentorshipPhaseChanged = defineEvent(
  'MentorshipPhaseChanged',
  z.object({ mentorshipId: z.string().uuid(), from: PhaseSchema, to: PhaseSchema, reason: z.string() }),
  { privateFields: ['reason'] },
)

export const mentorshipEvents = [
  MentorshipStarted,
  MentorshipSettingsChanged,
  MentorshipPaused,
  MentorshipResumed,
  PhaseChangeProposed,
  PhaseProposalHeld,
  MentorshipPhaseChanged,
] as const
export type MentorshipEvent = EventOf<(typeof mentorshipEvents)[number]>
