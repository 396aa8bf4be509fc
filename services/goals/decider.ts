import type { AnyEvent } from '../shared/events.ts'
import { badField, conflict, notFound } from '../shared/errors.ts'
import type { GoalChangeKind, GoalData, GoalEvent } from './events.ts'

/** One stream per pair (`goals-<mentorshipId>`): its goal sets, their goals and its reviews. */
export interface GoalsState {
  mentorshipId: string
  sets: ReadonlyMap<string, { period: string }>
  /** Goals by id, with the set they belong to and whether a review dropped them. */
  goals: ReadonlyMap<string, GoalData & { goalSetId: string; dropped: boolean }>
  latestSetId: string | null
}

export const initialState: GoalsState = {
  mentorshipId: '',
  sets: new Map(),
  goals: new Map(),
  latestSetId: null,
}

export function evolve(state: GoalsState, event: AnyEvent): GoalsState {
  const e = event as GoalEvent
  switch (e.type) {
    case 'GoalSetCreated': {
      const goals = new Map(state.goals)
      for (const g of e.data.goals) goals.set(g.goalId, { ...g, goalSetId: e.data.goalSetId, dropped: false })
      return {
        mentorshipId: e.data.mentorshipId,
        sets: new Map(state.sets).set(e.data.goalSetId, { period: e.data.period }),
        goals,
        latestSetId: e.data.goalSetId,
      }
    }
    case 'GoalUpdated': {
      const goal = state.goals.get(e.data.goalId)
      if (!goal) return state
      const { done, text, readyWhen } = e.data
      return {
        ...state,
        goals: new Map(state.goals).set(e.data.goalId, {
          ...goal,
          ...(done !== undefined && { done }),
          ...(text !== undefined && { text }),
          ...(readyWhen !== undefined && { readyWhen }),
        }),
      }
    }
    case 'ReviewRecorded': {
      const goals = new Map(state.goals)
      for (const c of e.data.goalChanges) {
        const goal = goals.get(c.goalId)
        if (goal) goals.set(c.goalId, applyChange(goal, c.change, c.newText))
      }
      for (const g of e.data.newGoals)
        goals.set(g.goalId, { ...g, goalSetId: e.data.goalSetId!, dropped: false })
      return { ...state, goals }
    }
    default:
      return state
  }
}

function applyChange<G extends GoalData & { dropped: boolean }>(
  goal: G,
  change: GoalChangeKind,
  newText: string | null,
): G {
  switch (change) {
    case 'DONE':
      return { ...goal, done: true }
    case 'DROPPED':
      return { ...goal, dropped: true }
    default:
      return { ...goal, text: newText ?? goal.text }
  }
}

export const goalsAggregate = { initialState, evolve }

export type GoalsCommand =
  | {
      type: 'CreateSet'
      mentorshipId: string
      goalSetId: string
      period: string
      goals: GoalData[]
      by: string
    }
  | {
      type: 'UpdateGoal'
      goalId: string
      changes: { done?: boolean; text?: string; evidenceUrl?: string | null; readyWhen?: string | null }
      by: string
    }
  | {
      type: 'RecordReview'
      mentorshipId: string
      reviewId: string
      summary: string
      goalChanges: Array<{ goalId: string; change: GoalChangeKind; newText: string | null }>
      newGoals: Array<Omit<GoalData, 'done'>>
      by: string
    }

/** Pure: the events a command on a pair's goals produces, or a DomainError. */
export function decide(command: GoalsCommand, state: GoalsState): GoalEvent[] {
  switch (command.type) {
    case 'CreateSet': {
      if ([...state.sets.values()].some((s) => s.period === command.period))
        throw conflict('goal_set_exists', `the pair already has goals for ${command.period}`)
      if (command.goals.length === 0) throw badField('input.goals', 'a goal set needs at least one goal')
      const { type: _, ...data } = command
      return [{ type: 'GoalSetCreated', data }]
    }
    case 'UpdateGoal': {
      const goal = state.goals.get(command.goalId)
      if (!goal) throw notFound('goal')
      if (goal.dropped) throw conflict('goal_dropped', 'this goal was dropped at a review')
      const changes = Object.fromEntries(Object.entries(command.changes).filter(([, v]) => v !== undefined))
      if (Object.keys(changes).length === 0) return []
      return [
        {
          type: 'GoalUpdated',
          data: {
            mentorshipId: state.mentorshipId,
            goalSetId: goal.goalSetId,
            goalId: command.goalId,
            ...changes,
            by: command.by,
          },
        },
      ]
    }
    case 'RecordReview': {
      command.goalChanges.forEach((c, i) => {
        const goal = state.goals.get(c.goalId)
        if (!goal || goal.dropped)
          throw badField(`input.goalChanges.${i}.goalId`, 'is not one of the pair’s current goals')
        if ((c.change === 'TOO_EASY' || c.change === 'TOO_AMBITIOUS') && !c.newText)
          throw badField(
            `input.goalChanges.${i}.newText`,
            'say what the goal becomes: a goal judged too easy or too ambitious is rewritten',
          )
      })
      if (command.newGoals.length && !state.latestSetId)
        throw badField('input.newGoals', 'the pair has no goal set to add to: create one first')
      return [
        {
          type: 'ReviewRecorded',
          data: {
            mentorshipId: command.mentorshipId,
            reviewId: command.reviewId,
            goalSetId: state.latestSetId,
            summary: command.summary,
            goalChanges: command.goalChanges,
            newGoals: command.newGoals.map((g) => ({ ...g, done: false })),
            by: command.by,
          },
        },
      ]
    }
  }
}
