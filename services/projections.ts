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
import type { Projection, ProjectionLane } from './shared/projection.ts'

/** In dependency order: check-ins read the people and mentorships projected before them. */
const relational: readonly Projection[] = [
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
  webhooksProjection,
]

/**
 * Two lanes, each with its own checkpoint: the documents (full-text vectors and the event feed,
 * which read no other table and cost the most to write) are projected beside everything else,
 * so a rebuild or a catch-up uses a second database connection and core.
 */
export const projectionLanes: readonly ProjectionLane[] = [
  { checkpoint: 'read_models', projections: relational },
  { checkpoint: 'documents', projections: [searchProjection, eventFeedProjection] },
]

export const projections: readonly Projection[] = projectionLanes.flatMap((lane) => lane.projections)
