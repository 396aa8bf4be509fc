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
 * Lanes, each with its own checkpoint: the full-text vectors and the event feed read no other
 * table and cost PostgreSQL the most to write, so they are projected beside everything else, and
 * a rebuild or a catch-up keeps both cores busy.
 */
export const projectionLanes: readonly ProjectionLane[] = [
  { checkpoint: 'read_models', projections: relational },
  { checkpoint: 'documents', projections: [searchProjection] },
  { checkpoint: 'feed', projections: [eventFeedProjection] },
]

export const projections: readonly Projection[] = projectionLanes.flatMap((lane) => lane.projections)
