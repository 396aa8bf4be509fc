import { apiKeysProjection } from './access/projection.ts'
import { calendarProjection } from './calendar/projection.ts'
import { callsProjection } from './calls/projection.ts'
import { checkInsProjection } from './checkins/projection.ts'
import { eventFeedProjection } from './feed/projection.ts'
import { goalsProjection } from './goals/projection.ts'
import { healthProjection } from './health/projection.ts'
import { metricsProjection } from './metrics/projection.ts'
import { lifecycleProjection } from './lifecycle/projection.ts'
import { mentorshipsProjection } from './mentorships/projection.ts'
import { peopleProjection } from './people/projection.ts'
import { questionsProjection } from './questions/projection.ts'
import { recordProjection } from './record/projection.ts'
import { remindersProjection } from './reminders/projection.ts'
import { searchProjection } from './search/projection.ts'
import { webhooksProjection } from './webhooks/projection.ts'
import type { Projection } from './shared/projection.ts'

/** In dependency order: check-ins read the people and mentorships projected before them. */
export const projections: readonly Projection[] = [
  peopleProjection,
  mentorshipsProjection,
  checkInsProjection,
  lifecycleProjection,
  apiKeysProjection,
  questionsProjection,
  recordProjection,
  remindersProjection,
  callsProjection,
  calendarProjection,
  goalsProjection,
  healthProjection,
  metricsProjection,
  searchProjection,
  webhooksProjection,
  eventFeedProjection,
]
