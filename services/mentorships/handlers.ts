import { execute, load } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { personAggregate } from '../people/handlers.ts'
import { weekOf } from '../rules/week.ts'
import { actorRef, isAdmin, requireAdmin, requireAnyScope, type Actor } from '../shared/actor.ts'
import { badField, badInput, type FieldError } from '../shared/errors.ts'
import { newId, streams } from '../shared/ids.ts'
import { parseInput } from '../shared/validation.ts'
import { decide, evolve, initialState, type MentorshipCommand } from './decider.ts'
import {
  PauseMentorshipInput,
  RespondToPhaseProposalInput,
  ResumeMentorshipInput,
  StartMentorshipInput,
  TransitionMentorshipInput,
  UpdateMentorshipInput,
} from './inputs.ts'

export const mentorshipAggregate = { initialState, evolve }

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
  const mentorshipId = newId('mentorship', actorRef(actor), c.idempotencyKey)
  const startedOn = c.startedOn ?? deps.clock.now().setZone(mentee.state.timeZone).toISODate()!
  await execute(deps, {
    streamId: streams.mentorship(mentorshipId),
    aggregate: mentorshipAggregate,
    actor,
    idempotencyKey: c.idempotencyKey,
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
  }
  return onMentorship(deps, actor, c.id, c.idempotencyKey, { type: 'ChangeSettings', changes })
}

export async function pauseMentorship(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(PauseMentorshipInput, input)
  const today = deps.clock.now().toISODate()!
  if (c.until && c.until < today) throw badField('input.until', 'must not be in the past')
  return onMentorship(deps, actor, c.mentorshipId, c.idempotencyKey, {
    type: 'Pause',
    until: c.until ?? null,
    reason: c.reason,
  })
}

export async function resumeMentorship(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(ResumeMentorshipInput, input)
  return onMentorship(deps, actor, c.mentorshipId, c.idempotencyKey, { type: 'Resume' })
}

export async function transitionMentorship(deps: Deps, actor: Actor, input: unknown) {
  requireAdmin(actor)
  const c = parseInput(TransitionMentorshipInput, input)
  return onMentorship(deps, actor, c.mentorshipId, c.idempotencyKey, {
    type: 'Transition',
    to: c.to,
    reason: c.reason,
  })
}

export async function respondToPhaseProposal(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(RespondToPhaseProposalInput, input)
  return onMentorship(deps, actor, c.mentorshipId, c.idempotencyKey, {
    type: 'RespondToProposal',
    accept: c.accept,
  })
}

/** The mentee's current week, for handlers that default `weekOf`. */
export function currentWeekOf(deps: Deps, zone: string) {
  return weekOf(deps.clock.now(), zone)
}
