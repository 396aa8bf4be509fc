import { randomBytes, randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { execute, load } from '../commands.ts'
import type { Deps } from '../deps.ts'
import type { MentorshipState } from '../mentorships/decider.ts'
import { onPairOwned, pairFor } from '../mentorships/pairs.ts'
import { personAggregate } from '../people/handlers.ts'
import { whoIsInconvenienced, type Attendee } from '../rules/callSlots.ts'
import { requireMember, type Actor } from '../shared/actor.ts'
import { conflict } from '../shared/errors.ts'
import { newId, streams } from '../shared/ids.ts'
import { parseInput } from '../shared/validation.ts'
import { agendaOf } from './agenda.ts'
import { callAggregate, decide, requireDuration, type CallCommand, type CallState } from './decider.ts'
import {
  AddAgendaItemInput,
  CancelCallInput,
  RecordCallOutcomeInput,
  ReorderAgendaInput,
  RescheduleCallInput,
  ScheduleCallInput,
  TickAgendaItemInput,
} from './inputs.ts'

export const callStream = (id: string) => `call-${id}`

/** Where generated call links live (TRELLIS_MEETING_BASE_URL); a Jitsi Meet room by default. */
export const DEFAULT_MEETING_BASE = 'https://meet.jit.si'

/** An unguessable room: 128 random bits, so a link cannot be found by trying. */
export function meetingLink(base: string) {
  return `${base.replace(/\/+$/, '')}/trellis-${randomBytes(16).toString('base64url')}`
}

/** Both members' zones and hours, as the slot rules take them. */
export async function attendeesOf(deps: Deps, pair: Pick<MentorshipState, 'mentorId' | 'menteeId'>) {
  const [mentor, mentee] = await Promise.all([
    load(deps, streams.person(pair.mentorId), personAggregate),
    load(deps, streams.person(pair.menteeId), personAggregate),
  ])
  const attendee = (p: typeof mentor): Attendee => ({
    zone: p.state.timeZone,
    workingHours: p.state.workingHours,
  })
  return { mentor: attendee(mentor), mentee: attendee(mentee) }
}

function timesOf(start: string, minutes: number) {
  const at = DateTime.fromISO(start, { setZone: true }).toUTC()
  return { start: at, end: at.plus({ minutes }) }
}

export async function scheduleCall(deps: Deps, actor: Actor, input: unknown) {
  const by = requireMember(actor)
  const c = parseInput(ScheduleCallInput, input)
  requireDuration(c.kind, c.durationMinutes, 'input.durationMinutes')
  const pair = await pairFor(deps, c.mentorshipId, by)
  if (pair.phase === 'ENDED') throw conflict('mentorship_ended', 'this mentorship has ended')
  const { start, end } = timesOf(c.start, c.durationMinutes)
  const { mentor, mentee } = await attendeesOf(deps, pair)
  const callId = newId('call', actor.id, c.idempotencyKey)
  await execute(deps, {
    streamId: callStream(callId),
    aggregate: callAggregate,
    actor,
    idempotencyKey: c.idempotencyKey,
    operation: 'scheduleCall',
    decide: (state) =>
      decide(
        {
          type: 'Schedule',
          callId,
          mentorshipId: c.mentorshipId,
          kind: c.kind,
          start: start.toISO()!,
          end: end.toISO()!,
          joinUrl: c.joinUrl ?? meetingLink(deps.meetingBaseUrl ?? DEFAULT_MEETING_BASE),
          inconvenientFor: whoIsInconvenienced(mentor, mentee, start, end),
          by,
        },
        state,
      ),
  })
  return callId
}

/** A command on an existing call by a member of its pair. */
async function onCall(
  deps: Deps,
  actor: Actor,
  callId: string,
  operation: string,
  idempotencyKey: string | null | undefined,
  command: (state: CallState, pair: MentorshipState, by: string) => Promise<CallCommand> | CallCommand,
) {
  const streamId = callStream(callId)
  await onPairOwned(
    deps,
    actor,
    { what: 'call', streamId, aggregate: callAggregate, operation, idempotencyKey, decide },
    command,
  )
  return callId
}

export async function rescheduleCall(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(RescheduleCallInput, input)
  return onCall(deps, actor, c.callId, 'rescheduleCall', c.idempotencyKey, async (state, pair, by) => {
    const minutes =
      c.durationMinutes ?? Math.round((Date.parse(state.end) - Date.parse(state.start)) / 60_000)
    requireDuration(state.kind, minutes, 'input.durationMinutes')
    const { start, end } = timesOf(c.start, minutes)
    const { mentor, mentee } = await attendeesOf(deps, pair)
    return {
      type: 'Reschedule',
      start: start.toISO()!,
      end: end.toISO()!,
      inconvenientFor: whoIsInconvenienced(mentor, mentee, start, end),
      by,
    }
  })
}

export async function cancelCall(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(CancelCallInput, input)
  return onCall(deps, actor, c.callId, 'cancelCall', c.idempotencyKey, (_, __, by) => ({
    type: 'Cancel',
    reason: c.reason ?? null,
    by,
  }))
}

export async function recordCallOutcome(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(RecordCallOutcomeInput, input)
  return onCall(deps, actor, c.callId, 'recordCallOutcome', c.idempotencyKey, (_, __, by) => ({
    type: 'RecordOutcome',
    status: c.status,
    notes: c.notes ?? null,
    skippedBy: c.skippedBy ?? null,
    by,
    now: deps.clock.now().toUTC().toISO()!,
  }))
}

export async function addAgendaItem(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(AddAgendaItemInput, input)
  return onCall(deps, actor, c.callId, 'addAgendaItem', c.idempotencyKey, (_, __, by) => ({
    type: 'AddItem',
    itemId: `member:${randomUUID()}`,
    text: c.text,
    by,
  }))
}

/** The agenda's item ids as the record gives them now: what reorder and tick may name. */
async function knownItems(deps: Deps, state: CallState) {
  const items = await agendaOf(deps.db, {
    id: state.callId,
    mentorship_id: state.mentorshipId,
    start_at: state.start,
  })
  return new Set(items.map((i) => i.id))
}

export async function reorderAgenda(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(ReorderAgendaInput, input)
  return onCall(deps, actor, c.callId, 'reorderAgenda', c.idempotencyKey, async (state, _, by) => ({
    type: 'Reorder',
    itemIds: c.itemIds,
    known: await knownItems(deps, state),
    by,
  }))
}

export async function tickAgendaItem(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(TickAgendaItemInput, input)
  return onCall(deps, actor, c.callId, 'tickAgendaItem', c.idempotencyKey, async (state, _, by) => ({
    type: 'Tick',
    itemId: c.itemId,
    done: c.done ?? true,
    known: await knownItems(deps, state),
    by,
  }))
}
