import { randomUUID } from 'node:crypto'
import { bearer, type TestServer } from './server.ts'

/**
 * A fresh program through the API, the way a client builds one: admin (by setup on first use),
 * a mentor in New York, a mentee in Lisbon, their mentorship, and person keys for both.
 * Every call makes new people (unique emails), so tests own their data.
 */
export async function buildProgram(
  server: TestServer,
  overrides: {
    mentee?: Partial<PersonInput>
    mentor?: Partial<PersonInput>
    startedOn?: string
    checkInWeekday?: number
  } = {},
) {
  const adminKey = await adminKeyFor(server)
  const admin = bearer(adminKey)
  const tag = randomUUID().slice(0, 8)
  const mentor = await register(server, admin, {
    email: `mentor-${tag}@test.trellis`,
    name: 'Maya Mentor',
    timeZone: 'America/New_York',
    ...overrides.mentor,
  })
  const mentee = await register(server, admin, {
    email: `mentee-${tag}@test.trellis`,
    name: 'Inês Mentee',
    timeZone: 'Europe/Lisbon',
    ...overrides.mentee,
  })
  const started = await server.gql(
    `mutation($input: StartMentorshipInput!) { startMentorship(input: $input) { id } }`,
    {
      input: {
        mentorId: mentor,
        menteeId: mentee,
        startedOn: overrides.startedOn ?? '2026-11-02',
        checkInWeekday: overrides.checkInWeekday ?? 5,
      },
    },
    admin,
  )
  if (started.errors) throw new Error(JSON.stringify(started.errors))
  return {
    adminKey,
    mentorId: mentor,
    menteeId: mentee,
    mentorshipId: started.data.startMentorship.id as string,
    mentorKey: await keyFor(server, admin, mentor),
    menteeKey: await keyFor(server, admin, mentee),
  }
}

interface PersonInput {
  email: string
  name: string
  timeZone: string
  workingHours?: Array<{ day: number; start: string; end: string }>
}

const adminKeys = new WeakMap<TestServer, Promise<string>>()

/** Another instance on the same database: setup is done, its admin key is the first one's. */
export function useAdminKey(server: TestServer, key: string) {
  adminKeys.set(server, Promise.resolve(key))
}

export function adminKeyFor(server: TestServer): Promise<string> {
  let key = adminKeys.get(server)
  if (!key) {
    key = server
      .gql(
        `mutation { setup(input: {email: "lead@test.trellis", name: "Lead", timeZone: "Europe/Lisbon"}) { apiKey } }`,
      )
      .then((r) => {
        if (r.errors) throw new Error(JSON.stringify(r.errors))
        return r.data.setup.apiKey as string
      })
    adminKeys.set(server, key)
  }
  return key
}

export async function register(server: TestServer, admin: Record<string, string>, input: PersonInput) {
  const r = await server.gql(
    `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
    { input },
    admin,
  )
  if (r.errors) throw new Error(JSON.stringify(r.errors))
  return r.data.registerPerson.id as string
}

export async function keyFor(
  server: TestServer,
  admin: Record<string, string>,
  personId: string,
  scopes = ['PERSON'],
) {
  const r = await server.gql(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey } }`,
    { input: { name: `key for ${personId}`, scopes, personId } },
    admin,
  )
  if (r.errors) throw new Error(JSON.stringify(r.errors))
  return r.data.createApiKey.apiKey as string
}

export const CHECK_IN = `## Week of 2026-11-16

### What I Accomplished
- Fixed the flaky date-picker test
- Shipped the CSV export behind a flag

### What I Struggled With
- Docker cache: I tried reordering COPY lines, the cache still missed

### Questions I Have
1. When should a test use the real database?
2. Should I ask for design review before coding?

### Next Week's Goals
- Finish the export ticket
- Write a design note
- Stretch: profile the dashboard query

### Feedback for Mentor
- The written replies with links help a lot
`
