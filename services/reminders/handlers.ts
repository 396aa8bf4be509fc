import { randomBytes } from 'node:crypto'
import type { DateTime } from 'luxon'
import { execute, load } from '../commands.ts'
import type { Deps } from '../deps.ts'
import { personAggregate } from '../people/handlers.ts'
import { isAdmin, requireAnyScope, systemActor, type Actor } from '../shared/actor.ts'
import { badField, forbidden, notFound } from '../shared/errors.ts'
import type { AnyEvent } from '../shared/events.ts'
import { streams } from '../shared/ids.ts'
import { parseInput } from '../shared/validation.ts'
import { decide, evolve, initialState, reminderAggregate, type Nudge } from './decider.ts'
import { SetReminderPreferencesInput } from './inputs.ts'
import type { Mailer } from './mailer.ts'
import { personByUnsubscribeToken } from './queries.ts'

export const reminderStream = (personId: string) => `reminders-${personId}`
const newToken = () => randomBytes(32).toString('base64url')

export interface Claim {
  /** The person's unsubscribe secret, for the mail's links. */
  token: string
  attempt: number
}

/**
 * Claims a nudge on the person's stream before its mail goes out. Two instances claiming at once
 * both append with the revision they read; the second is refused, decides again on the first's
 * claim, and gets nothing to send. Null: not this caller's to send.
 */
export async function claimReminder(
  deps: Deps,
  nudge: Nudge,
  zone: string,
  now: DateTime,
): Promise<Claim | null> {
  const fresh = newToken()
  let token = fresh
  const outcome = await execute(deps, {
    streamId: reminderStream(nudge.personId),
    aggregate: reminderAggregate,
    actor: systemActor,
    operation: 'sendReminder',
    decide(state) {
      token = state.token ?? fresh
      return decide({ type: 'Claim', ...nudge, now: now.toUTC().toISO()!, zone, token: fresh }, state)
    },
  })
  const sent = outcome.events.find((e) => e.type === 'ReminderSent')
  return sent ? { token, attempt: sent.data.attempt } : null
}

/** Per mailer that delivers nothing: what this process would have claimed, by person. */
const previews = new WeakMap<Mailer, Map<string, AnyEvent[]>>()

/**
 * Without a mailer that delivers (no SMTP_URL) nothing reaches anyone, so nothing is recorded as
 * sent: the nudge is decided on the stored stream plus what this process already previewed, so
 * the log shows each nudge once, within the cap, as the person wants.
 */
export async function previewReminder(deps: Deps, mailer: Mailer, nudge: Nudge, zone: string, now: DateTime) {
  const byPerson = previews.get(mailer) ?? new Map<string, AnyEvent[]>()
  previews.set(mailer, byPerson)
  if (byPerson.size > 10_000) byPerson.clear()
  const stored = (await deps.store.readStream(reminderStream(nudge.personId))).map((e) =>
    deps.codec.decode(e),
  )
  const previewed = byPerson.get(nudge.personId) ?? []
  const state = [...stored, ...previewed].reduce(evolve, initialState)
  const token = state.token ?? 'preview'
  const events = decide({ type: 'Claim', ...nudge, now: now.toUTC().toISO()!, zone, token }, state)
  byPerson.set(nudge.personId, [...previewed, ...events])
  return events.some((e) => e.type === 'ReminderSent') ? { token, attempt: 1 } : null
}

/** The mail could not be handed over: recorded, and tried again later while its reason stands. */
export async function recordReminderFailure(deps: Deps, nudge: Nudge, error: unknown, now: DateTime) {
  const message = error instanceof Error ? error.message : String(error)
  await execute(deps, {
    streamId: reminderStream(nudge.personId),
    aggregate: reminderAggregate,
    actor: systemActor,
    operation: 'sendReminder',
    readYourWrites: false,
    decide: (state) =>
      decide({ type: 'RecordFailure', ...nudge, now: now.toUTC().toISO()!, error: message }, state),
  })
}

/** The person themself (a person key, or a tool acting for them), or an admin for anyone. */
export async function setReminderPreferences(deps: Deps, actor: Actor, input: unknown) {
  requireAnyScope(actor, ['admin', 'person', 'tool'])
  const c = parseInput(SetReminderPreferencesInput, input)
  const personId = c.personId ?? actor.personId
  if (!personId) {
    throw isAdmin(actor)
      ? badField('input.personId', 'name the person whose reminders these are')
      : badField('Trellis-Acting-As', 'a tool key must name the person it acts for in this header')
  }
  if (personId !== actor.personId && !isAdmin(actor))
    throw forbidden('admin_only', 'only an admin sets another person’s reminders')
  if (!(await load(deps, streams.person(personId), personAggregate)).exists) throw notFound('person')
  await execute(deps, {
    streamId: reminderStream(personId),
    aggregate: reminderAggregate,
    actor,
    idempotencyKey: c.idempotencyKey,
    operation: 'setReminderPreferences',
    decide: (state) =>
      decide(
        { type: 'SetPreferences', personId, enabled: c.enabled, kinds: c.kinds ?? null, via: 'API' },
        state,
      ),
  })
  return personId
}

/**
 * The unsubscribe link, followed or one-click posted: that person's reminders go off. The secret is
 * the only credential a mail client sends; an unknown one finds nobody (null).
 */
export async function unsubscribe(deps: Deps, token: string) {
  const person = await personByUnsubscribeToken(deps.db, token)
  if (!person) return null
  const personId = person.id
  await execute(deps, {
    streamId: reminderStream(personId),
    aggregate: reminderAggregate,
    actor: { id: 'unsubscribe-link', keyId: null, scopes: new Set(), personId: null, ownerId: personId },
    operation: 'unsubscribe',
    decide: (state) =>
      decide(
        { type: 'SetPreferences', personId, enabled: false, kinds: null, via: 'UNSUBSCRIBE_LINK' },
        state,
      ),
  })
  return person
}
