import { z } from 'zod'
import { defineEvent, type EventOf } from '../shared/events.ts'

export const SignalKindSchema = z.enum([
  'STOPPED_SUBMITTING',
  'REPLIES_LATE',
  'REPLIES_VAGUE',
  'TRIVIAL_QUESTIONS_ONLY',
  'CALLS_UNUSED',
  'CALLS_OVERUSED',
  'CHECK_INS_UNANSWERED',
  'ALWAYS_ON',
])

/** A warning sign (PRODUCT §7), in plain words that name weeks and counts, never the pair's text. */
export const HealthSignalRaised = defineEvent(
  'HealthSignalRaised',
  z.object({ mentorshipId: z.string().uuid(), kind: SignalKindSchema, explanation: z.string() }),
)

export const HealthSignalCleared = defineEvent(
  'HealthSignalCleared',
  z.object({ mentorshipId: z.string().uuid(), kind: SignalKindSchema }),
)

export const healthEvents = [HealthSignalRaised, HealthSignalCleared] as const
export type HealthEvent = EventOf<(typeof healthEvents)[number]>
