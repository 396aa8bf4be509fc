import { z } from 'zod'
import { REMINDER_KINDS } from '../rules/reminders.ts'
import { defineEvent, type EventOf } from '../shared/events.ts'

export const ReminderKindSchema = z.enum(REMINDER_KINDS)

const instant = z.string().datetime({ offset: true })

/**
 * What names one nudge: its kind, what it is about (a check-in, a question or a call), and the
 * instant it became due. A moved deadline or call is a new nudge; the same one is sent once.
 */
const nudge = {
  personId: z.string().uuid(),
  kind: ReminderKindSchema,
  subjectId: z.string().uuid(),
  dueAt: instant,
}

/**
 * The nudge is claimed for sending, recorded before the mail goes out: the append, with the
 * person's stream's expected revision, is what lets only one of several instances send it.
 */
export const ReminderSent = defineEvent(
  'ReminderSent',
  z.object({ ...nudge, sentAt: instant, attempt: z.number().int().min(1) }),
)

/** The mail server refused or could not be reached; the error can name the address. */
export const ReminderFailed = defineEvent(
  'ReminderFailed',
  z.object({ ...nudge, failedAt: instant, attempt: z.number().int().min(1), error: z.string() }),
  { privateFields: ['error'] },
)

/** Not sent, and never will be: the person had their five nudges this week. */
export const ReminderWithheld = defineEvent(
  'ReminderWithheld',
  z.object({ ...nudge, reason: z.enum(['WEEKLY_CAP']) }),
)

/** Which nudges a person wants: all off, or the kinds listed. */
export const ReminderPreferencesSet = defineEvent(
  'ReminderPreferencesSet',
  z.object({
    personId: z.string().uuid(),
    enabled: z.boolean(),
    kinds: z.array(ReminderKindSchema),
    via: z.enum(['API', 'UNSUBSCRIBE_LINK']),
  }),
)

/** The secret in the person's unsubscribe links: whoever holds a mail may turn the mails off. */
export const ReminderUnsubscribeIssued = defineEvent(
  'ReminderUnsubscribeIssued',
  z.object({ personId: z.string().uuid(), token: z.string().min(32) }),
  { secretFields: ['token'] },
)

export const reminderEvents = [
  ReminderSent,
  ReminderFailed,
  ReminderWithheld,
  ReminderPreferencesSet,
  ReminderUnsubscribeIssued,
] as const
export type ReminderEvent = EventOf<(typeof reminderEvents)[number]>
