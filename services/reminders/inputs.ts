import { z } from 'zod'
import { idempotencyKey, text } from '../shared/validation.ts'
import { ReminderKindSchema } from './events.ts'

export const SetReminderPreferencesInput = z.object({
  /** Whose reminders: the caller's own person when omitted. */
  personId: text().uuid().nullish(),
  enabled: z.boolean(),
  /** The kinds wanted; omitted keeps the kinds as they are. */
  kinds: z.array(ReminderKindSchema).max(20).nullish(),
  idempotencyKey: idempotencyKey(),
})
