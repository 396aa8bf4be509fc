import { DateTime } from 'luxon'
import { resolve } from 'node:path'

/** Settings from the environment, read once at start-up and passed down (no module reads env). */
export interface Config {
  port: number
  host: string
  production: boolean
  databaseUrl: string | null
  dataDir: string
  eventstoreUrl: string | null
  /** TRELLIS_NOW: the clock starts at this instant and runs on from there. */
  now: DateTime | null
  demo: boolean
  oidc: { issuer: string; audience: string | null } | null
  /** TEMPORAL_ADDRESS: run lifecycles on Temporal instead of the embedded runner. */
  temporal: { address: string; namespace: string; taskQueue: string; inProcessWorker: boolean } | null
  /** TRELLIS_MEETING_BASE_URL: where generated call links open (a Jitsi Meet server). */
  meetingBaseUrl: string
  /** TRELLIS_PUBLIC_URL: the address clients reach Trellis at, for calendar feed URLs. */
  publicUrl: string | null
  /** SMTP_URL: where reminder mail goes (nodemailer); without it each mail is only logged. */
  smtpUrl?: string | null
  /** MAIL_FROM: the sender of reminder mail (default `Trellis <trellis@localhost>`). */
  mailFrom?: string | null
  /** TRELLIS_WEBHOOK_ALLOW_PRIVATE=1: webhooks may reach loopback and private networks. */
  webhookAllowPrivate: boolean
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be 0–65535, not ${env.PORT}`)
  let now: DateTime | null = null
  if (env.TRELLIS_NOW) {
    now = DateTime.fromISO(env.TRELLIS_NOW, { zone: 'utc' })
    if (!now.isValid) throw new ConfigError(`TRELLIS_NOW must be an ISO-8601 instant, not ${env.TRELLIS_NOW}`)
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    production: env.NODE_ENV === 'production',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: resolve(env.TRELLIS_DATA_DIR ?? 'data'),
    eventstoreUrl: env.EVENTSTORE_URL || null,
    now,
    demo: env.TRELLIS_DEMO !== '0',
    meetingBaseUrl: env.TRELLIS_MEETING_BASE_URL || 'https://meet.jit.si',
    publicUrl: env.TRELLIS_PUBLIC_URL || null,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || null,
    webhookAllowPrivate: env.TRELLIS_WEBHOOK_ALLOW_PRIVATE === '1',
    oidc: env.OIDC_ISSUER ? { issuer: env.OIDC_ISSUER, audience: env.OIDC_AUDIENCE || null } : null,
    temporal: env.TEMPORAL_ADDRESS
      ? {
          address: env.TEMPORAL_ADDRESS,
          namespace: env.TEMPORAL_NAMESPACE || 'default',
          taskQueue: env.TEMPORAL_TASK_QUEUE || 'trellis-lifecycle',
          inProcessWorker: env.TRELLIS_WORKER !== '0',
        }
      : null,
  }
}
