import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { reminderStream } from '../../services/reminders/handlers.ts'
import { sendDueReminders } from '../../services/reminders/sweep.ts'
import { buildProgram } from '../support/program.ts'
import { callerWith, startServer, type TestServer } from '../support/server.ts'

/**
 * Without SMTP_URL nothing reaches anyone: each reminder due is one log line (to, kind, subject),
 * once per process, and nothing is recorded as sent.
 */
describe('journey: reminders without SMTP_URL are logged, not sent', () => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>
  const lines: string[] = []

  beforeAll(async () => {
    vi.spyOn(console, 'info').mockImplementation((line: string) => void lines.push(line))
    server = await startServer('pglite', { now: '2026-03-17T10:00:00Z' })
    p = await buildProgram(server, { startedOn: '2026-03-16' })
    await callerWith(server)(p.menteeKey)(
      `mutation($input: ScheduleCallInput!) { scheduleCall(input: $input) { id } }`,
      {
        input: {
          mentorshipId: p.mentorshipId,
          start: '2026-03-17T14:00:00Z',
          durationMinutes: 30,
          kind: 'BIWEEKLY',
          joinUrl: 'https://meet.example/pair',
        },
      },
    )
  })
  afterAll(async () => {
    vi.restoreAllMocks()
    await server?.close()
  })

  it('logs one line per reminder, once, and records nothing', async () => {
    // 13:50 UTC: 13:50 in Lisbon and 09:50 in New York, both at work; the call starts at 14:00.
    server.clock.set(DateTime.fromISO('2026-03-17T13:50:00Z'))
    expect(await sendDueReminders(server.trellis.deps)).toBe(2)
    expect(await sendDueReminders(server.trellis.deps)).toBe(0)
    const mail = lines.filter((l) => l.startsWith('mail not sent (no SMTP_URL): '))
    expect(mail).toHaveLength(2)
    expect(mail.join('\n')).toMatch(
      /CALL_SOON to mentor-[^ ]+@test\.trellis: "Your call with Inês Mentee starts in 10 minutes"/,
    )
    expect(mail.join('\n')).toMatch(
      /CALL_SOON to mentee-[^ ]+@test\.trellis: "Your call with Maya Mentor starts in 10 minutes"/,
    )
    for (const id of [p.mentorId, p.menteeId])
      expect(await server.trellis.store.readStream(reminderStream(id))).toEqual([])
  })
})
