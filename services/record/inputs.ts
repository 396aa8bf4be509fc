import { z } from 'zod'
import { markdownText } from '../markdown/input.ts'
import { idempotencyKey, text, webUrl } from '../shared/validation.ts'
import { ResourceKindSchema } from './events.ts'

const line = (max: number) => text().trim().min(1, 'must not be empty').max(max)
const long = markdownText

export const RecordDecisionInput = z.object({
  mentorshipId: text().uuid(),
  title: line(200),
  context: long(),
  decision: long(),
  why: long(),
  idempotencyKey: idempotencyKey(),
})

export const AddResourceInput = z
  .object({
    title: line(200),
    url: webUrl().nullish(),
    body: long().nullish(),
    kind: ResourceKindSchema,
    tags: z
      .array(
        line(40)
          .toLowerCase()
          .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._+#-]*$/u, 'must be letters, digits, spaces or . _ + # -'),
      )
      .max(20, 'at most 20 tags')
      .default([]),
    idempotencyKey: idempotencyKey(),
  })
  .refine((r) => r.url || r.body, { message: 'give a url, a body, or both', path: ['url'] })
