import type { Kysely } from 'kysely'
import type { DateTime } from 'luxon'
import { renderCalendar } from '../calendar/ics.ts'
import { agendaOf } from '../calls/agenda.ts'
import { utc } from '../checkins/view.ts'
import type { Mail } from './mailer.ts'
import type { DueNudge } from './nudges.ts'

/** An instant as the recipient reads it: their wall clock, and the zone it is in. */
const localTime = (at: DateTime, zone: string) =>
  `${at.setZone(zone).setLocale('en-GB').toFormat('cccc d LLLL, HH:mm')} (${zone})`
const localDay = (at: DateTime, zone: string) => at.setZone(zone).setLocale('en-GB').toFormat('cccc d LLLL')

/**
 * The mail for a nudge: plain text, and only what the recipient may read — they are a member of
 * the pair, so its question titles, call link and agenda are theirs; nothing of another pair is
 * ever looked up. Every mail ends with the unsubscribe link and carries it as List-Unsubscribe,
 * with one-click unsubscribe (RFC 8058).
 */
export async function composeReminder(
  db: Kysely<any>,
  nudge: DueNudge,
  unsubscribeUrl: string,
  now: DateTime,
): Promise<Mail> {
  const zone = nudge.recipient.time_zone
  const body = await bodyOf(db, nudge, zone, now)
  const footer = [
    '',
    '--',
    'Trellis sends these reminders only inside your working hours, and at most five a week.',
    `Stop them: ${unsubscribeUrl}`,
  ]
  return {
    to: { name: nudge.recipient.name, address: nudge.recipient.email },
    subject: body.subject,
    text: [`Hi ${nudge.recipient.name},`, '', ...body.lines, ...footer].join('\n') + '\n',
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      // RFC 3834: a machine wrote this; out-of-office replies should not answer it.
      'Auto-Submitted': 'auto-generated',
      'X-Trellis-Reminder': nudge.kind,
    },
    attachments: body.attachments ?? [],
    kind: nudge.kind,
  }
}

interface Body {
  subject: string
  lines: string[]
  attachments?: Mail['attachments']
}

async function bodyOf(db: Kysely<any>, nudge: DueNudge, zone: string, now: DateTime): Promise<Body> {
  const { row, other } = nudge
  switch (nudge.kind) {
    case 'CHECK_IN_DUE':
      return {
        subject: 'Your weekly check-in is due today',
        lines: [
          `Your check-in for the week of ${row.week_of} is due today, ${localDay(nudge.timing.dueAt, zone)}.`,
          `${other.name} will read it and reply.`,
        ],
      }
    case 'REPLY_WAITING':
      return {
        subject: `${other.name}’s check-in is waiting for your reply`,
        lines: [
          `${other.name} sent the check-in for the week of ${row.week_of} on ${localTime(utc(row.submitted_at!), zone)}.`,
          'It has had no reply for two days: a short reply now keeps the feedback loop going.',
        ],
      }
    case 'QUESTION_NEARING':
      return {
        subject: `A question from ${other.name} is due ${localTime(utc(row.due_at!), zone)}`,
        lines: [
          `${other.name} asked (${urgencyOf(row.urgency)}): ${row.title}`,
          `Its answer is due ${localTime(utc(row.due_at!), zone)}.`,
        ],
      }
    case 'QUESTION_OVERDUE':
      return {
        subject: `A question from ${other.name} is past its deadline`,
        lines: [
          `${other.name} asked (${urgencyOf(row.urgency)}): ${row.title}`,
          `Its answer was due ${localTime(utc(row.due_at!), zone)}, and it is still open.`,
        ],
      }
    case 'CALL_SOON':
      return callSoon(db, nudge, zone, now)
  }
}

const urgencyOf = (urgency: string | undefined) =>
  ({ BLOCKING: 'blocking', THIS_WEEK: 'this week', CAN_WAIT: 'can wait' })[urgency ?? ''] ?? 'a question'

async function callSoon(db: Kysely<any>, nudge: DueNudge, zone: string, now: DateTime): Promise<Body> {
  const { row, other } = nudge
  const start = utc(row.start_at!)
  const end = utc(row.end_at!)
  const minutes = Math.max(1, Math.round(start.diff(now, 'minutes').minutes))
  const agenda = (
    await agendaOf(db, { id: row.subject_id, mentorship_id: row.mentorship_id, start_at: start.toISO()! })
  )
    .filter((item) => !item.done)
    .map((item) => `- ${item.text}`)
  const calendar = renderCalendar(
    'Trellis',
    [
      {
        // The feed's UID and SEQUENCE: a calendar that has the call updates it, never doubles it.
        uid: `call-${row.subject_id}@trellis`,
        summary: `Call with ${other.name}`,
        description: `Join: ${row.join_url}`,
        url: row.join_url,
        sequence: row.sequence ?? 0,
        cancelled: false,
        when: { start, end },
      },
    ],
    now,
  )
  return {
    subject: `Your call with ${other.name} starts in ${minutes} minutes`,
    lines: [
      `Your call with ${other.name} starts ${localTime(start, zone)} and ends at ${end.setZone(zone).toFormat('HH:mm')}.`,
      `Join: ${row.join_url}`,
      '',
      ...(agenda.length ? ['Agenda:', ...agenda] : ['Nothing is on the agenda yet.']),
    ],
    attachments: [
      {
        filename: 'call.ics',
        content: calendar,
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      },
    ],
  }
}
