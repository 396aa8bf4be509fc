import type { ReminderKind } from '../rules/reminders.ts'

/** One mail, plain text, as the reminders compose it. */
export interface Mail {
  to: { name: string; address: string }
  subject: string
  text: string
  html?: string
  /** Extra header lines: List-Unsubscribe and its one-click companion (RFC 8058). */
  headers: Record<string, string>
  attachments: Array<{ filename: string; content: string; contentType: string }>
  /** What the mail is about, for the log. */
  kind: ReminderKind
}

/**
 * Where mail goes: SMTP through nodemailer, or the log when no SMTP server is configured
 * (infra/mail/mailer.ts). `delivers` is false for the log: nothing reaches anyone, so nothing is
 * recorded as sent.
 */
export interface Mailer {
  readonly delivers: boolean
  send(mail: Mail): Promise<void>
  close?(): Promise<void> | void
}

declare module '../deps.ts' {
  interface Ports {
    /** Reminder mail (SMTP_URL); absent in hand-built dependencies, which send no reminders. */
    mailer?: Mailer
  }
}
