import { DateTime } from 'luxon'
import { REMINDER_KINDS, withinWeeklyCap, type ReminderKind } from '../rules/reminders.ts'
import type { AnyEvent } from '../shared/events.ts'
import type { ReminderEvent } from './events.ts'

/** A mail that could not be handed over is tried this many times in all, while its reason stands. */
export const DELIVERY_ATTEMPTS = 3
/** How long a failed mail waits before the next try: the server may be back by then. */
export const RETRY_AFTER_MINUTES = 5

interface NudgeRecord {
  attempts: number
  /** Set while the latest attempt failed. */
  failedAt: string | null
  withheld: boolean
}

/** One person's reminders: what they want, their unsubscribe secret, and every nudge so far. */
export interface ReminderState {
  enabled: boolean
  kinds: readonly ReminderKind[]
  token: string | null
  nudges: ReadonlyMap<string, NudgeRecord>
  /** When each nudge was first sent: what the weekly cap counts. */
  sentAt: readonly string[]
}

export const initialState: ReminderState = {
  enabled: true,
  kinds: REMINDER_KINDS,
  token: null,
  nudges: new Map(),
  sentAt: [],
}

export interface Nudge {
  personId: string
  kind: ReminderKind
  subjectId: string
  dueAt: string
}

/** The same nudge whatever the instant's spelling (`Z` or `+00:00`, with or without millis). */
export const nudgeKey = (n: Pick<Nudge, 'kind' | 'subjectId' | 'dueAt'>) =>
  `${n.kind}|${n.subjectId}|${Date.parse(n.dueAt)}`

function withNudge(state: ReminderState, n: Nudge, change: (r: NudgeRecord) => NudgeRecord) {
  const nudges = new Map(state.nudges)
  const key = nudgeKey(n)
  nudges.set(key, change(nudges.get(key) ?? { attempts: 0, failedAt: null, withheld: false }))
  return nudges
}

export function evolve(state: ReminderState, event: AnyEvent): ReminderState {
  const e = event as ReminderEvent
  switch (e.type) {
    case 'ReminderSent':
      return {
        ...state,
        nudges: withNudge(state, e.data, (r) => ({ ...r, attempts: e.data.attempt, failedAt: null })),
        sentAt: e.data.attempt === 1 ? [...state.sentAt, e.data.sentAt] : state.sentAt,
      }
    case 'ReminderFailed':
      return { ...state, nudges: withNudge(state, e.data, (r) => ({ ...r, failedAt: e.data.failedAt })) }
    case 'ReminderWithheld':
      return { ...state, nudges: withNudge(state, e.data, (r) => ({ ...r, withheld: true })) }
    case 'ReminderPreferencesSet':
      return { ...state, enabled: e.data.enabled, kinds: e.data.kinds }
    case 'ReminderUnsubscribeIssued':
      return { ...state, token: e.data.token }
    default:
      return state
  }
}

export const reminderAggregate = { initialState, evolve }

export type ReminderCommand =
  /** Send this nudge now, if it is still this instance's to send. `token` is used if none exists. */
  | (Nudge & { type: 'Claim'; now: string; zone: string; token: string })
  | (Nudge & { type: 'RecordFailure'; now: string; error: string })
  | {
      type: 'SetPreferences'
      personId: string
      enabled: boolean
      /** Null keeps the kinds as they are. */
      kinds: readonly ReminderKind[] | null
      via: 'API' | 'UNSUBSCRIBE_LINK'
    }

/**
 * Pure: the events a command on a person's reminders produces. A claim that finds the nudge sent
 * already (by this instance or another), turned off, or given up on produces nothing; the sixth
 * of a week is withheld for good.
 */
export function decide(command: ReminderCommand, state: ReminderState): ReminderEvent[] {
  switch (command.type) {
    case 'Claim': {
      const { type: _, now, zone, token, ...n } = command
      if (!state.enabled || !state.kinds.includes(n.kind)) return []
      const record = state.nudges.get(nudgeKey(n))
      const issue: ReminderEvent[] = state.token
        ? []
        : [{ type: 'ReminderUnsubscribeIssued', data: { personId: n.personId, token } }]
      const send = (attempt: number): ReminderEvent[] => [
        ...issue,
        { type: 'ReminderSent', data: { ...n, sentAt: now, attempt } },
      ]
      if (!record) {
        const sent = state.sentAt.map((at) => DateTime.fromISO(at, { zone: 'utc' }))
        return withinWeeklyCap(sent, DateTime.fromISO(now, { zone: 'utc' }), zone)
          ? send(1)
          : [{ type: 'ReminderWithheld', data: { ...n, reason: 'WEEKLY_CAP' } }]
      }
      if (record.withheld || record.failedAt === null || record.attempts >= DELIVERY_ATTEMPTS) return []
      const retryAt = Date.parse(record.failedAt) + RETRY_AFTER_MINUTES * 60_000
      return Date.parse(now) >= retryAt ? send(record.attempts + 1) : []
    }
    case 'RecordFailure': {
      const { type: _, now, error, ...n } = command
      const record = state.nudges.get(nudgeKey(n))
      // Only the attempt that is out: a failure recorded twice, or for no claim, changes nothing.
      if (!record || record.attempts === 0 || record.failedAt !== null) return []
      return [
        {
          type: 'ReminderFailed',
          data: { ...n, failedAt: now, attempt: record.attempts, error: error.slice(0, 500) },
        },
      ]
    }
    case 'SetPreferences': {
      const kinds = command.kinds ? REMINDER_KINDS.filter((k) => command.kinds!.includes(k)) : state.kinds
      const same = command.enabled === state.enabled && kinds.join() === state.kinds.join()
      return same
        ? []
        : [
            {
              type: 'ReminderPreferencesSet',
              data: {
                personId: command.personId,
                enabled: command.enabled,
                kinds: [...kinds],
                via: command.via,
              },
            },
          ]
    }
  }
}
