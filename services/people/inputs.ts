import { z } from 'zod'
import { isIanaZone } from '../rules/week.ts'
import { WorkingHoursSchema } from './events.ts'

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

export const TimeZoneInput = z.string().refine(isIanaZone, 'must be an IANA time zone such as Europe/Lisbon')

export const WorkingHoursInput = z
  .array(WorkingHoursSchema.refine((h) => minutes(h.end) > minutes(h.start), 'end must be after start'))
  .max(70)

export const RegisterPersonInput = z.object({
  email: z.string().trim().toLowerCase().email(),
  name: z.string().trim().min(1).max(200),
  timeZone: TimeZoneInput,
  workingHours: WorkingHoursInput.nullish(),
  idempotencyKey: z.string().min(1).max(200).nullish(),
})

export const UpdatePersonInput = z.object({
  id: z.string().uuid(),
  name: z.string().trim().min(1).max(200).nullish(),
  timeZone: TimeZoneInput.nullish(),
  workingHours: WorkingHoursInput.nullish(),
  idempotencyKey: z.string().min(1).max(200).nullish(),
})
