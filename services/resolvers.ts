import type { Resolvers } from '../schema/generated/resolvers.ts'
import { accessResolvers } from './access/resolvers.ts'
import { archiveResolvers } from './archive/resolvers.ts'
import { callsResolvers } from './calls/resolvers.ts'
import { checkInsResolvers } from './checkins/resolvers.ts'
import { feedResolvers } from './feed/resolvers.ts'
import { goalsResolvers } from './goals/resolvers.ts'
import { healthResolvers } from './health/resolvers.ts'
import { metricsResolvers } from './metrics/resolvers.ts'
import { lifecycleResolvers } from './lifecycle/resolvers.ts'
import { mentorshipsResolvers } from './mentorships/resolvers.ts'
import { peopleResolvers } from './people/resolvers.ts'
import { questionsResolvers } from './questions/resolvers.ts'
import { recordResolvers } from './record/resolvers.ts'
import { remindersResolvers } from './reminders/resolvers.ts'
import { searchResolvers } from './search/resolvers.ts'
import { webhooksResolvers } from './webhooks/resolvers.ts'

const areas: Resolvers[] = [
  accessResolvers,
  peopleResolvers,
  mentorshipsResolvers,
  checkInsResolvers,
  feedResolvers,
  lifecycleResolvers,
  questionsResolvers,
  recordResolvers,
  remindersResolvers,
  searchResolvers,
  callsResolvers,
  goalsResolvers,
  healthResolvers,
  metricsResolvers,
  webhooksResolvers,
  archiveResolvers,
]

/** Each area's resolvers, merged type by type; a field defined twice is a mistake worth a crash. */
export const resolvers: Resolvers = areas.reduce<Record<string, Record<string, unknown>>>((merged, area) => {
  for (const [type, fields] of Object.entries(area)) {
    merged[type] ??= {}
    for (const [field, resolver] of Object.entries(fields as object)) {
      if (field in merged[type]!) throw new Error(`resolver ${type}.${field} is defined twice`)
      merged[type]![field] = resolver
    }
  }
  return merged
}, {}) as Resolvers
