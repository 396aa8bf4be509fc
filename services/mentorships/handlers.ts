import { DateTime } from 'luxon'
import { execute, load } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { personAggregate } from '../people/handlers.ts'
import { weekOf } from '../rules/week.ts'
import { actorRef, isAdmin, requireAdmin, requireAnyScope, type Actor } from '../shared/actor.ts'
import { badField, badInput, type FieldError } from '../shared/errors.ts'
import { newId, streams } from '../shared/ids.ts'
import { parseInput } from '../shared/validation.ts'
import { lifecycleCommand, type LifecycleCommand } from './transition.ts'
import { decide, mentorshipAggregate, requireVisible, type MentorshipCommand } from './decider.ts'
import {
  PauseMentorshipInput,
  RespondToPhaseProposalInput,
  ResumeMentorshipInput,
  StartMentorshipInput,
  TransitionMentorshipInput,
  UpdateMentorshipInput,
} from './inputs.ts'

export { mentorshipAggregate }

/**
 * A start date bounds every list of weeks and every review date computed from it: a mentorship
 * that started in year 1 has a hundred thousand weeks, and one in 9999 has no next review.
 */
const START_BOUND_YEARS = 2

function withinStartBounds(startedOn: string, today: DateTime) {
  const day = DateTime.fromISO(startedOn, { zone: 'utc' })
  const from = DateTime.fromISO(today.toISODate()!, { zone: 'utc' })
  return (
    day.isValid &&
    day >= from.minus({ years: START_BOUND_YEARS }) &&
    day <= from.plus({ years: START_BOUND_YEARS })
  )
}

export async function startMentorship(deps: Deps, actor: Actor, input: unknown) {
  requireAdmin(actor)
  const c = parseInput(StartMentorshipInput, input)
  if (c.mentorId === c.menteeId) throw badField('input.menteeId', 'a mentee cannot be their own mentor')
  const [mentor, mentee] = await Promise.all([
    load(deps, streams.person(c.mentorId), personAggregate),
    load(deps, streams.person(c.menteeId), personAggregate),
  ])
  const missing: FieldError[] = []
  if (!mentor.exists) missing.push({ field: 'input.mentorId', message: 'no person with this id' })
  if (!mentee.exists) missing.push({ field: 'input.menteeId', message: 'no person with this id' })
  if (missing.length) throw badInput(missing, 'person_not_found')
  const today = deps.clock.now().setZone(mentee.state.timeZone)
  const startedOn = c.startedOn ?? today.toISODate()!
  if (!withinStartBounds(startedOn, today)) {
    throw badField(
      'input.startedOn',
      `must be within ${START_BOUND_YEARS} years of today (${today.toISODate()})`,
    )
  }
  const mentorshipId = newId('mentorship', actorRef(actor), c.idempotencyKey)
  await execute(deps, {
    streamId: streams.mentorship(mentorshipId),
    aggregate: mentorshipAggregate,
    actor,
    idempotencyKey: c.idempotencyKey,
    operation: 'startMentorship',
    decide: (state) =>
      decide(
        {
          type: 'StartMentorship',
          mentorshipId,
          mentorId: c.mentorId,
          menteeId: c.menteeId,
          startedOn,
          checkInWeekday: c.checkInWeekday ?? 5,
          responseWindowHours: c.responseWindowHours ?? 24,
          responseClock: c.responseClock ?? 'WALL',
          blockingWindowHours: c.blockingWindowHours ?? 4,
        },
        state,
        { personId: actor.personId, admin: true },
      ),
  })
  return mentorshipId
}

/** Runs one command on an existing mentorship for an admin or a member of the pair. */
async function onMentorship(
  deps: Deps,
  actor: Actor,
  operation: string,
  mentorshipId: string,
  idempotencyKey: string | null | undefined,
  command: MentorshipCommand,
) {
  requireAnyScope(actor, ['admin', 'person', 'tool'])
  await execute(deps, {
    streamId: streams.mentorship(mentorshipId),
    aggregate: mentorshipAggregate,
    actor,
    idempotencyKey,
    operation,
    decide: (state) => decide(command, state, { personId: actor.personId, admin: isAdmin(actor) }),
  })
  return mentorshipId
}

export async function updateMentorship(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(UpdateMentorshipInput, input)
  const changes = {
    checkInWeekday: c.checkInWeekday ?? undefined,
    responseWindowHours: c.responseWindowHours ?? undefined,
    responseClock: c.responseClock ?? undefined,
    blockingWindowHours: c.blockingWindowHours ?? undefined,
  }
  return onMentorship(deps, actor, 'updateMentorship', c.id, c.idempotencyKey, {
    type: 'ChangeSettings',
    changes,
  })
}

/** `until` is a date in the mentee's zone, like every date of the pair's calendar. */
/** Leave, resume, phase changes and answers go to the workflow, which records them. */
async function throughLifecycle(
  deps: Deps,
  actor: Actor,
  operation: string,
  mentorshipId: string,
  idempotencyKey: string | null | undefined,
  command: LifecycleCommand['command'],
) {
  requireAnyScope(actor, ['admin', 'person', 'tool'])
  await deps.lifecycle(lifecycleCommand(actor, mentorshipId, operation, idempotencyKey, command))
  return mentorshipId
}

export async function pauseMentorship(deps: Deps, actor: Actor, input: unknown) {
  requireAnyScope(actor, ['admin', 'person', 'tool'])
  const c = parseInput(PauseMentorshipInput, input)
  if (c.until) {
    const { state } = await load(deps, streams.mentorship(c.mentorshipId), mentorshipAggregate)
    // Not yours, not there: NOT_FOUND before anything is said about the input.
    requireVisible(state, { personId: actor.personId, admin: isAdmin(actor) })
    const mentee = await load(deps, streams.person(state.menteeId), personAggregate)
    const today = deps.clock.now().setZone(mentee.state.timeZone).toISODate()!
    if (c.until < today) throw badField('input.until', `must not be in the past (today is ${today})`)
  }
  return throughLifecycle(deps, actor, 'pauseMentorship', c.mentorshipId, c.idempotencyKey, {
    type: 'Pause',
    until: c.until ?? null,
    reason: c.reason,
  })
}

export async function resumeMentorship(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(ResumeMentorshipInput, input)
  return throughLifecycle(deps, actor, 'resumeMentorship', c.mentorshipId, c.idempotencyKey, {
    type: 'Resume',
  })
}

export async function transitionMentorship(deps: Deps, actor: Actor, input: unknown) {
  requireAdmin(actor)
  const c = parseInput(TransitionMentorshipInput, input)
  return throughLifecycle(deps, actor, 'transitionMentorship', c.mentorshipId, c.idempotencyKey, {
    type: 'Transition',
    to: c.to,
    reason: c.reason,
  })
}

export async function respondToPhaseProposal(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(RespondToPhaseProposalInput, input)
  return throughLifecycle(deps, actor, 'respondToPhaseProposal', c.mentorshipId, c.idempotencyKey, {
    type: 'RespondToProposal',
    accept: c.accept,
  })
}

/** The mentee's current week, for handlers that default `weekOf`. */
export function currentWeekOf(deps: Deps, zone: string) {
  return weekOf(deps.clock.now(), zone)
}
