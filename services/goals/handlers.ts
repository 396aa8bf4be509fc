import { randomUUID } from 'node:crypto'
import { execute } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { pairFor } from '../mentorships/pairs.ts'
import { parseGoalMarkdown } from '../rules/goals.ts'
import { requireMember, type Actor } from '../shared/actor.ts'
import { badField, notFound } from '../shared/errors.ts'
import { nameBasedId, newId } from '../shared/ids.ts'
import { parseInput } from '../shared/validation.ts'
import { decide, goalsAggregate, type GoalsCommand } from './decider.ts'
import { CreateGoalSetInput, RecordReviewInput, UpdateGoalInput } from './inputs.ts'

export const goalsStream = (mentorshipId: string) => `goals-${mentorshipId}`

async function onGoals(
  deps: Deps,
  actor: Actor,
  mentorshipId: string,
  operation: string,
  idempotencyKey: string | null | undefined,
  command: GoalsCommand,
) {
  return execute(deps, {
    streamId: goalsStream(mentorshipId),
    aggregate: goalsAggregate,
    actor,
    idempotencyKey,
    operation,
    decide: (state) => decide(command, { ...state, mentorshipId: state.mentorshipId || mentorshipId }),
  })
}

/** A goal set from the article's Markdown, or from a list: either way at least one goal. */
export async function createGoalSet(deps: Deps, actor: Actor, input: unknown) {
  const by = requireMember(actor)
  const c = parseInput(CreateGoalSetInput, input)
  await pairFor(deps, c.mentorshipId, by)
  let goals = (c.goals ?? []).map((g) => ({
    category: g.category,
    text: g.text,
    done: false,
    readyWhen: g.readyWhen ?? null,
  }))
  if (c.markdown) {
    const parsed = parseGoalMarkdown(c.markdown)
    if (parsed.period && parsed.period !== c.period)
      throw badField('input.markdown', `its heading is for ${parsed.period}, not ${c.period}`)
    goals = [...goals, ...parsed.goals]
  }
  if (goals.length === 0)
    throw badField(
      'input.goals',
      'no goals: give `goals`, or Markdown with "- [ ] …" items under "### <Category>"',
      'no_goals',
    )
  const goalSetId = nameBasedId(`goalset:${c.mentorshipId}:${c.period}`)
  await onGoals(deps, actor, c.mentorshipId, 'createGoalSet', c.idempotencyKey, {
    type: 'CreateSet',
    mentorshipId: c.mentorshipId,
    goalSetId,
    period: c.period,
    goals: goals.map((g) => ({ goalId: randomUUID(), ...g })),
    by,
  })
  return goalSetId
}

export async function updateGoal(
  deps: Deps,
  actor: Actor,
  input: unknown,
  mentorshipOfGoal: (goalId: string) => Promise<string | null>,
) {
  const by = requireMember(actor)
  const c = parseInput(UpdateGoalInput, input)
  const mentorshipId = await mentorshipOfGoal(c.id)
  if (!mentorshipId) throw notFound('goal')
  await pairFor(deps, mentorshipId, by).catch(() => {
    throw notFound('goal')
  })
  await onGoals(deps, actor, mentorshipId, 'updateGoal', c.idempotencyKey, {
    type: 'UpdateGoal',
    goalId: c.id,
    changes: {
      done: c.done ?? undefined,
      text: c.text ?? undefined,
      evidenceUrl: c.evidenceUrl ?? undefined,
      readyWhen: c.readyWhen ?? undefined,
    },
    by,
  })
  return c.id
}

export async function recordReview(deps: Deps, actor: Actor, input: unknown) {
  const by = requireMember(actor)
  const c = parseInput(RecordReviewInput, input)
  await pairFor(deps, c.mentorshipId, by)
  const reviewId = newId('review', actor.id, c.idempotencyKey)
  await onGoals(deps, actor, c.mentorshipId, 'recordReview', c.idempotencyKey, {
    type: 'RecordReview',
    mentorshipId: c.mentorshipId,
    reviewId,
    summary: c.summary,
    goalChanges: (c.goalChanges ?? []).map((g) => ({
      goalId: g.goalId,
      change: g.change,
      newText: g.newText ?? null,
    })),
    newGoals: (c.newGoals ?? []).map((g) => ({
      goalId: randomUUID(),
      category: g.category,
      text: g.text,
      readyWhen: g.readyWhen ?? null,
    })),
    by,
  })
  return reviewId
}
