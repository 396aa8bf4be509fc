import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { execute, load } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { submittedWeeksSince } from '../checkins/weeks.ts'
import { checkInAggregate } from '../checkins/handlers.ts'
import { nextCheckInDue } from '../lifecycle/nextDue.ts'
import type { MentorshipState } from '../mentorships/decider.ts'
import { onPairOwned, pairFor } from '../mentorships/pairs.ts'
import { personAggregate } from '../people/handlers.ts'
import { deadlineFor } from '../rules/responseWindow.ts'
import { parseCheckIn } from '../rules/template.ts'
import { requireMember, type Actor } from '../shared/actor.ts'
import { conflict, notFound } from '../shared/errors.ts'
import { newId, streams, trackedQuestionId } from '../shared/ids.ts'
import { parseInput } from '../shared/validation.ts'
import {
  decide,
  questionAggregate,
  URGENCY_ORDER,
  type QuestionCommand,
  type QuestionState,
} from './decider.ts'
import type { Urgency } from './events.ts'
import {
  AnswerQuestionInput,
  AskQuestionInput,
  EscalateQuestionInput,
  FlagForCallInput,
  ReclassifyQuestionInput,
  ResolveQuestionInput,
  TrackCheckInQuestionsInput,
} from './inputs.ts'

export const questionStream = (id: string) => `question-${id}`

/**
 * When a question of `urgency` asked at `askedAt` is due (PRODUCT §3): from the responder's zone
 * and hours; a question that can wait is due at the pair's next check-in.
 */
async function deadline(
  deps: Deps,
  pair: MentorshipState,
  responderId: string,
  urgency: Urgency,
  askedAt: DateTime,
) {
  const responder = await load(deps, streams.person(responderId), personAggregate)
  const nextTouchpoint = urgency === 'CAN_WAIT' ? await nextCheckIn(deps, pair, askedAt) : null
  const due = deadlineFor(
    { urgency, askedAt },
    {
      windowHours: pair.settings.responseWindowHours,
      clock: pair.settings.responseClock,
      blockingWindowHours: pair.settings.blockingWindowHours,
      nextTouchpoint,
    },
    { zone: responder.state.timeZone, workingHours: responder.state.workingHours },
  )
  return due?.toUTC().toISO() ?? null
}

async function nextCheckIn(deps: Deps, pair: MentorshipState, now: DateTime) {
  const mentee = await load(deps, streams.person(pair.menteeId), personAggregate)
  const since = now.minus({ weeks: 6 }).toISODate()!
  const submitted =
    (await submittedWeeksSince(deps.db, [pair.mentorshipId], since)).get(pair.mentorshipId) ?? []
  return nextCheckInDue(
    {
      startedOn: pair.startedOn,
      menteeZone: mentee.state.timeZone,
      checkInWeekday: pair.settings.checkInWeekday,
      phase: pair.phase,
      paused: pair.paused,
      submittedWeeks: submitted,
    },
    now,
  )
}

const otherMember = (pair: MentorshipState, by: string) =>
  pair.mentorId === by ? pair.menteeId : pair.mentorId

export async function askQuestion(deps: Deps, actor: Actor, input: unknown) {
  const by = requireMember(actor)
  const c = parseInput(AskQuestionInput, input)
  const pair = await pairFor(deps, c.mentorshipId, by)
  if (pair.phase === 'ENDED') throw conflict('mentorship_ended', 'this mentorship has ended')
  const questionId = newId('question', actor.id, c.idempotencyKey)
  const askedAt = deps.clock.now().toUTC()
  const responderId = otherMember(pair, by)
  const dueAt = await deadline(deps, pair, responderId, c.urgency, askedAt)
  await execute(deps, {
    streamId: questionStream(questionId),
    aggregate: questionAggregate,
    actor,
    idempotencyKey: c.idempotencyKey,
    operation: 'askQuestion',
    decide: (state) =>
      decide(
        {
          type: 'Ask',
          questionId,
          mentorshipId: c.mentorshipId,
          askedBy: by,
          responderId,
          title: c.title,
          body: c.body ?? null,
          urgency: c.urgency,
          context: {
            goal: c.context.goal,
            tried: c.context.tried,
            errors: c.context.errors ?? null,
            hypothesis: c.context.hypothesis ?? null,
          },
          checkInId: null,
          askedAt: askedAt.toISO()!,
          dueAt,
        },
        state,
      ),
  })
  return questionId
}

/**
 * The open items under "Questions I Have" in a check-in, each a tracked question: asked by the
 * check-in's author when the check-in was submitted, with the check-in as its context. Items
 * already tracked are not asked twice; the ids follow from the check-in and the item.
 */
export async function trackCheckInQuestions(deps: Deps, actor: Actor, input: unknown) {
  const by = requireMember(actor)
  const c = parseInput(TrackCheckInQuestionsInput, input)
  const checkIn = await load(deps, streams.checkIn(c.checkInId), checkInAggregate)
  if (!checkIn.exists) throw notFound('check_in')
  const pair = await pairFor(deps, checkIn.state.mentorshipId, by)
  const items = parseCheckIn(checkIn.state.markdown).sections.questions
  const askedBy = pair.menteeId
  const responderId = pair.mentorId
  const urgency = c.urgency ?? 'THIS_WEEK'
  const askedAt = deps.clock.now().toUTC()
  const dueAt = await deadline(deps, pair, responderId, urgency, askedAt)
  const ids: string[] = []
  for (const [index, item] of items.entries()) {
    const questionId = trackedQuestionId(c.checkInId, index)
    ids.push(questionId)
    await execute(deps, {
      streamId: questionStream(questionId),
      aggregate: questionAggregate,
      actor,
      operation: 'trackCheckInQuestions',
      decide: (state) =>
        state.exists
          ? []
          : decide(
              {
                type: 'Ask',
                questionId,
                mentorshipId: pair.mentorshipId,
                askedBy,
                responderId,
                title: item.length > 200 ? `${item.slice(0, 199)}…` : item,
                body: item,
                urgency,
                context: { goal: null, tried: null, errors: null, hypothesis: null },
                checkInId: c.checkInId,
                askedAt: askedAt.toISO()!,
                dueAt,
              },
              state,
            ),
    })
  }
  return ids
}

/** A command on an existing question by a member of its pair. */
async function onQuestion(
  deps: Deps,
  actor: Actor,
  questionId: string,
  operation: string,
  idempotencyKey: string | null | undefined,
  command: (
    state: QuestionState,
    pair: MentorshipState,
    by: string,
  ) => Promise<QuestionCommand> | QuestionCommand,
) {
  const streamId = questionStream(questionId)
  await onPairOwned(
    deps,
    actor,
    { what: 'question', streamId, aggregate: questionAggregate, operation, idempotencyKey, decide },
    command,
  )
  return questionId
}

export async function answerQuestion(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(AnswerQuestionInput, input)
  return onQuestion(deps, actor, c.questionId, 'answerQuestion', c.idempotencyKey, (_, __, by) => ({
    type: 'Answer',
    answerId: randomUUID(),
    body: c.body,
    by,
  }))
}

export async function resolveQuestion(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(ResolveQuestionInput, input)
  return onQuestion(deps, actor, c.questionId, 'resolveQuestion', c.idempotencyKey, (_, __, by) => ({
    type: 'Resolve',
    by,
  }))
}

export async function reclassifyQuestion(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(ReclassifyQuestionInput, input)
  return onQuestion(
    deps,
    actor,
    c.questionId,
    'reclassifyQuestion',
    c.idempotencyKey,
    async (state, pair, by) => ({
      type: 'Reclassify',
      to: c.urgency,
      // The window still runs from when the question was asked.
      dueAt: await deadline(
        deps,
        pair,
        state.responderId,
        c.urgency,
        DateTime.fromISO(state.askedAt, { zone: 'utc' }),
      ),
      by,
      byMentor: pair.mentorId === by,
    }),
  )
}

export async function escalateQuestion(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(EscalateQuestionInput, input)
  return onQuestion(
    deps,
    actor,
    c.questionId,
    'escalateQuestion',
    c.idempotencyKey,
    async (state, pair, by) => {
      const to = c.urgency ?? URGENCY_ORDER[Math.max(0, URGENCY_ORDER.indexOf(state.urgency) - 1)]!
      return {
        type: 'Escalate',
        to,
        dueAt: await deadline(deps, pair, state.responderId, to, deps.clock.now().toUTC()),
        by,
        byMentee: pair.menteeId === by,
      }
    },
  )
}

export async function flagForCall(deps: Deps, actor: Actor, input: unknown) {
  const c = parseInput(FlagForCallInput, input)
  return onQuestion(deps, actor, c.questionId, 'flagForCall', c.idempotencyKey, (_, __, by) => ({
    type: 'FlagForCall',
    flagged: c.flagged ?? true,
    by,
  }))
}

/** Records `QuestionOverdue` for a deadline that has passed; concurrent callers record it once. */
export async function markOverdue(deps: Deps, actor: Actor, questionId: string) {
  await execute(deps, {
    streamId: questionStream(questionId),
    aggregate: questionAggregate,
    actor,
    operation: 'markQuestionOverdue',
    readYourWrites: false,
    decide: (state) =>
      state.exists ? decide({ type: 'MarkOverdue', now: deps.clock.now().toUTC().toISO()! }, state) : [],
  })
}
