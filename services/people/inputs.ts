import { z } from 'zod'
import { overlappingBlocks } from '../rules/workingHours.ts'
import { canonicalZone, isIanaZone } from '../rules/week.ts'
import { idempotencyKey, text } from '../shared/validation.ts'
import { WorkingHoursSchema } from './events.ts'

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** Stored in its canonical spelling, so `europe/lisbon` and `Europe/Lisbon` are one zone. */
export const TimeZoneInput = text()
  .refine(isIanaZone, 'must be an IANA time zone such as Europe/Lisbon')
  .transform(canonicalZone)

export const WorkingHoursInput = z
  // start and end are strict HH:MM patterns, which leave no room for NUL or a lone surrogate.
  .array(WorkingHoursSchema.refine((h) => minutes(h.end) > minutes(h.start), 'end must be after start'))
  .max(70)
  .superRefine((blocks, ctx) => {
    for (const i of overlappingBlocks(blocks)) {
      ctx.addIssue({ code: 'custom', path: [i], message: 'overlaps another block on the same day' })
    }
  })

export const RegisterPersonInput = z.object({
  email: text().trim().toLowerCase().email(),
  name: text().trim().min(1).max(200),
  timeZone: TimeZoneInput,
  workingHours: WorkingHoursInput.nullish(),
  idempotencyKey: idempotencyKey(),
})

export const UpdatePersonInput = z.object({
  id: text().uuid(),
  name: text().trim().min(1).max(200).nullish(),
  timeZone: TimeZoneInput.nullish(),
  workingHours: WorkingHoursInput.nullish(),
  idempotencyKey: idempotencyKey(),
})
