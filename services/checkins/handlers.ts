import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { execute, load } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { isMember } from '../mentorships/decider.ts'
import { mentorshipAggregate } from '../mentorships/handlers.ts'
import { personAggregate } from '../people/handlers.ts'
import { firstWeekOf, weekOf } from '../rules/week.ts'
import { requireMember, type Actor } from '../shared/actor.ts'
import { badField, notFound } from '../shared/errors.ts'
import { streams } from '../shared/ids.ts'
import { checkInIdFor } from './view.ts'
import { parseInput } from '../shared/validation.ts'
import { decide, evolve, initialState, type CheckInCommand } from './decider.ts'
import { EditCheckInInput, ReplyToCheckInInput, SubmitCheckInInput } from './inputs.ts'

export const checkInAggregate = { initialState, evolve }

export async function submitCheckIn(deps: Deps, actor: Actor, input: unknown) {
  const by = requireMember(actor)
  const c = parseInput(SubmitCheckInInput, input)
  const mentorship = await load(deps, streams.mentorship(c.mentorshipId), mentorshipAggregate)
  // Before anything about the input: an outsider learns nothing, not even that the pair exists.
  if (!mentorship.exists || !isMember(mentorship.state, by)) throw notFound('mentorship')
  const mentee = await load(deps, streams.person(mentorship.state.menteeId), personAggregate)
  const zone = mentee.state.timeZone
  const currentWeek = weekOf(deps.clock.now(), zone)
  const week = c.weekOf ?? currentWeek
  const day = DateTime.fromISO(week, { zone: 'utc' })
  if (!day.isValid) throw badField('input.weekOf', 'must be a real date')
  if (day.weekday !== 1)
    throw badField('input.weekOf', 'must be a Monday (the first day of the mentee’s week)')
  const checkInId = checkInIdFor(c.mentorshipId, week)
  const weeks = {
    firstWeek: firstWeekOf(mentorship.state.startedOn, mentorship.state.settings.checkInWeekday),
    currentWeek,
  }
  await execute(deps, {
    streamId: streams.checkIn(checkInId),
    aggregate: checkInAggregate,
    actor,
    idempotencyKey: c.idempotencyKey,
    operation: 'submitCheckIn',
    decide: (state) =>
      decide(
        { type: 'SubmitCheckIn', checkInId, weekOf: week, markdown: c.markdown, by },
        state,
        mentorship.state,
        weeks,
      ),
  })
  return checkInId
}

/** Edits and replies: the check-in's stream names its mentorship. */
async function onCheckIn(
  deps: Deps,
  actor: Actor,
  checkInId: string,
  key: string | null | undefined,
  command: CheckInCommand,
) {
  const checkIn = await load(deps, streams.checkIn(checkInId), checkInAggregate)
  if (!checkIn.exists) throw notFound('check_in')
  const mentorship = await load(deps, streams.mentorship(checkIn.state.mentorshipId), mentorshipAggregate)
  const outcome = await execute(deps, {
    streamId: streams.checkIn(checkInId),
    aggregate: checkInAggregate,
    actor,
    idempotencyKey: key,
    operation: command.type === 'EditCheckIn' ? 'editCheckIn' : 'replyToCheckIn',
    decide: (state) => decide(command, state, mentorship.state, { firstWeek: '', currentWeek: '' }),
  })
  return outcome
}

export async function editCheckIn(deps: Deps, actor: Actor, input: unknown) {
  const by = requireMember(actor)
  const c = parseInput(EditCheckInInput, input)
  await onCheckIn(deps, actor, c.checkInId, c.idempotencyKey, {
    type: 'EditCheckIn',
    markdown: c.markdown,
    by,
  })
  return c.checkInId
}

export async function replyToCheckIn(deps: Deps, actor: Actor, input: unknown) {
  const by = requireMember(actor)
  const c = parseInput(ReplyToCheckInInput, input)
  const outcome = await onCheckIn(deps, actor, c.checkInId, c.idempotencyKey, {
    type: 'ReplyToCheckIn',
    replyId: randomUUID(),
    markdown: c.markdown,
    by,
  })
  const written = outcome.events.find((e) => e.type === 'ReplyWritten')
  return written!.data.replyId as string
}
