import type { Deps } from '../deps.ts'
import { claimReminder, previewReminder, recordReminderFailure } from './handlers.ts'
import { composeReminder } from './mail.ts'
import type { Mailer } from './mailer.ts'
import { dueNudges, type DueNudge } from './nudges.ts'

/**
 * Sends every reminder due now (PRODUCT §3): the read models name the candidates, the rules time
 * them inside each recipient's working hours, and each person's stream decides. Claim first,
 * then mail: with several instances sweeping one store, the one whose claim is appended sends.
 *
 * When the mail server fails after the claim, the failure is recorded and the nudge tried again
 * five minutes later while its reason stands, three times in all (decider.ts). A process that dies
 * between claim and mail leaves the claim: that nudge is lost rather than ever sent twice.
 */
export async function sendDueReminders(deps: Deps): Promise<number> {
  const mailer = deps.mailer
  if (!mailer) return 0
  const now = deps.clock.now().toUTC()
  let sent = 0
  for (const nudge of await dueNudges(deps.db, now)) {
    if (await deliver(deps, mailer, nudge)) sent++
  }
  return sent
}

async function deliver(deps: Deps, mailer: Mailer, nudge: DueNudge) {
  const { personId, kind, subjectId, dueAt } = nudge
  const key = { personId, kind, subjectId, dueAt }
  const zone = nudge.recipient.time_zone
  const now = deps.clock.now().toUTC()
  const claim = mailer.delivers
    ? await claimReminder(deps, key, zone, now)
    : await previewReminder(deps, mailer, key, zone, now)
  if (!claim) return false
  try {
    await mailer.send(await composeReminder(deps.db, nudge, unsubscribeUrl(deps, claim.token), now))
    return true
  } catch (error) {
    if (!mailer.delivers) throw error
    await recordReminderFailure(deps, key, error, deps.clock.now().toUTC())
    return false
  }
}

/** The link in every mail and its List-Unsubscribe header: the person's secret, never their id. */
export const unsubscribeUrl = (deps: Deps, token: string) =>
  `${(deps.publicUrl ?? 'http://localhost:4000').replace(/\/+$/, '')}/reminders/unsubscribe?token=${token}`
