import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgram, CHECK_IN } from '../support/program.ts'
import { bearer, startServer, type GqlResponse, type TestServer } from '../support/server.ts'

/** Commands check what they are given against the pair's calendar, zone and history. */
describe('journey: commands refuse what would corrupt or reveal the program', () => {
  let server: TestServer
  let p: Awaited<ReturnType<typeof buildProgram>>
  let admin: Record<string, string>

  beforeAll(async () => {
    // 12:00 UTC on Friday 2026-11-20 is already Saturday 02:00 on Kiritimati (UTC+14).
    server = await startServer('pglite', { now: '2026-11-20T12:00:00Z' })
    p = await buildProgram(server, { mentee: { timeZone: 'Pacific/Kiritimati' } })
    admin = bearer(p.adminKey)
  })
  afterAll(() => server?.close())

  const error = (r: GqlResponse<unknown>) => ({
    code: r.errors?.[0]?.extensions.code,
    reason: r.errors?.[0]?.extensions.reason,
    fields: r.errors?.[0]?.extensions.fields?.map((f) => f.field),
  })

  it.each(['0001-01-01', '9999-12-31', '2024-11-19', '2028-11-22'])(
    'a mentorship starts within two years of today: startedOn %s names input.startedOn',
    async (startedOn) => {
      const r = await server.gql(
        `mutation($input: StartMentorshipInput!) { startMentorship(input: $input) { id } }`,
        { input: { mentorId: p.mentorId, menteeId: p.menteeId, startedOn } },
        admin,
      )
      expect(error(r)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.startedOn'] })
    },
  )

  it('an idempotency key reused for another operation is a CONFLICT, and nothing changes', async () => {
    const mutate = (operation: string, input: Record<string, unknown>) =>
      server.gql(
        `mutation($input: ${operation[0]!.toUpperCase()}${operation.slice(1)}Input!) { ${operation}(input: $input) { id } }`,
        { input },
        bearer(p.menteeKey),
      )
    const submitted = await mutate('submitCheckIn', {
      mentorshipId: p.mentorshipId,
      markdown: CHECK_IN,
      weekOf: '2026-11-02',
      idempotencyKey: 'k1',
    })
    const checkInId = submitted.data.submitCheckIn.id
    const edited = await mutate('editCheckIn', { checkInId, markdown: 'changed', idempotencyKey: 'k1' })
    expect(error(edited)).toMatchObject({ code: 'CONFLICT', reason: 'idempotency_key_reused' })
    const read = await server.gql(`{ checkIn(id: "${checkInId}") { markdown } }`, {}, bearer(p.menteeKey))
    expect(read.data.checkIn.markdown).toBe(CHECK_IN)

    // The same operation with its own key is still repeated safely, once.
    await mutate('editCheckIn', { checkInId, markdown: 'changed', idempotencyKey: 'k2' })
    await mutate('editCheckIn', { checkInId, markdown: 'changed again', idempotencyKey: 'k2' })
    const again = await server.gql(`{ checkIn(id: "${checkInId}") { markdown } }`, {}, bearer(p.menteeKey))
    expect(again.data.checkIn.markdown).toBe('changed')
  })

  it('an outsider submitting to a mentorship gets NOT_FOUND before any word about the week', async () => {
    const other = await buildProgram(server)
    const submit = (mentorshipId: string) =>
      server.gql(
        `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
        { input: { mentorshipId, markdown: CHECK_IN, weekOf: '2026-11-18' } },
        bearer(other.menteeKey),
      )
    const existing = await submit(p.mentorshipId)
    const missing = await submit('7f3c0000-0000-4000-8000-000000000000')
    expect(error(existing)).toEqual(error(missing))
    expect(error(existing).code).toBe('NOT_FOUND')
  })

  it('a pause until a date that has passed in the mentee’s zone is refused, though not yet in UTC', async () => {
    const pause = (until: string, key = p.adminKey) =>
      server.gql(
        `mutation($input: PauseMentorshipInput!) { pauseMentorship(input: $input) { paused pausedUntil } }`,
        { input: { mentorshipId: p.mentorshipId, until, reason: 'leave' } },
        bearer(key),
      )
    expect(error(await pause('2026-11-20'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['input.until'],
    })
    const outsider = await buildProgram(server)
    expect(error(await pause('2026-11-20', outsider.menteeKey)).code).toBe('NOT_FOUND')
    expect((await pause('2026-11-21')).data.pauseMentorship).toEqual({
      paused: true,
      pausedUntil: '2026-11-21',
    })
  })

  describe('people', () => {
    const registerPerson = (input: Record<string, unknown>) =>
      server.gql(
        `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { timeZone } }`,
        { input: { email: `zone-${Math.random()}@test.trellis`, name: 'Z', ...input } },
        admin,
      )

    it.each([
      ['europe/lisbon', 'Europe/Lisbon'],
      ['utc', 'UTC'],
      ['AMERICA/NEW_YORK', 'America/New_York'],
    ])('a time zone is stored in its canonical spelling: %s is %s', async (given, stored) => {
      expect((await registerPerson({ timeZone: given })).data.registerPerson.timeZone).toBe(stored)
    })

    it('working hours that overlap on the same day name the later block', async () => {
      const r = await registerPerson({
        timeZone: 'UTC',
        workingHours: [
          { day: 1, start: '09:00', end: '12:00' },
          { day: 2, start: '11:00', end: '17:00' },
          { day: 1, start: '12:00', end: '17:00' },
          { day: 1, start: '16:00', end: '18:00' },
        ],
      })
      expect(error(r)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.workingHours.3'] })
    })
  })
})
