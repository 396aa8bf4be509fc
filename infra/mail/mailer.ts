import nodemailer from 'nodemailer'
import type { Mail, Mailer } from '../../services/reminders/mailer.ts'

export const DEFAULT_MAIL_FROM = 'Trellis <trellis@localhost>'

export interface MailSettings {
  /** SMTP_URL, e.g. smtp://user:pass@mail.example:587; none: mail is only logged. */
  smtpUrl?: string | null
  /** MAIL_FROM, the sender every mail names. */
  mailFrom?: string | null
}

/**
 * Mail through SMTP with nodemailer when SMTP_URL is set; otherwise one log line per mail saying
 * what would have been sent, and a mailer that says it delivers nothing.
 */
export function createMailer(settings: MailSettings, log: (line: string) => void = console.info): Mailer {
  const from = settings.mailFrom || DEFAULT_MAIL_FROM
  if (!settings.smtpUrl) return logMailer(log)
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    // A mail server that hangs must not hold the sweep for nodemailer's default minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
  return {
    delivers: true,
    async send(mail: Mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html && { html: mail.html }),
        headers: mail.headers,
        attachments: mail.attachments,
      })
    },
    close: () => transport.close(),
  }
}

function logMailer(log: (line: string) => void): Mailer {
  return {
    delivers: false,
    async send(mail: Mail) {
      log(`mail not sent (no SMTP_URL): ${mail.kind} to ${mail.to.address}: ${JSON.stringify(mail.subject)}`)
    },
  }
}
