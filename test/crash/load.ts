import { randomUUID } from 'node:crypto'
import { bearer } from '../support/server.ts'
import { CHECK_IN } from '../support/program.ts'
import type { TrellisProcess } from '../support/trellisProcess.ts'

/**
 * A crash test's load: writers, each owning one mentorship, that submit its weeks' check-ins, reply
 * to them and register people, every request with an idempotency key, one request at a time, the
 * way a careful client does. Each request remembers what the API answered, and how often it was
 * sent without an answer (the process died under it).
 */
export type Kind = 'registerPerson' | 'startMentorship' | 'submitCheckIn' | 'replyToCheckIn'

/** The event each kind of request appends, and the field of its data that holds the answered id. */
export const EVENT_OF: Record<Kind, { type: string; idField: string }> = {
  registerPerson: { type: 'PersonRegistered', idField: 'personId' },
  startMentorship: { type: 'MentorshipStarted', idField: 'mentorshipId' },
  submitCheckIn: { type: 'CheckInSubmitted', idField: 'checkInId' },
  replyToCheckIn: { type: 'ReplyWritten', idField: 'replyId' },
}

export interface Request {
  kind: Kind
  key: string
  variables: { input: Record<string, unknown> }
  headers: Record<string, string>
  /** The id the API answered with; unset while no process has answered. */
  answer?: string
  /** Sends that got no answer. */
  lost: number
  /** Of a reply: the check-in it answers. */
  checkInId?: string
}

const MUTATIONS: Record<Kind, string> = {
  registerPerson: `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
  startMentorship: `mutation($input: StartMentorshipInput!) { startMentorship(input: $input) { id } }`,
  submitCheckIn: `mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`,
  replyToCheckIn: `mutation($input: ReplyToCheckInInput!) { replyToCheckIn(input: $input) { id } }`,
}

/** The pairs start in early October: seven weeks of check-ins to submit by 2026-11-20. */
const STARTED_ON = '2026-10-05'
const WEEKS = [
  '2026-10-05',
  '2026-10-12',
  '2026-10-19',
  '2026-10-26',
  '2026-11-02',
  '2026-11-09',
  '2026-11-16',
]

export interface Program {
  adminKey: string
  hrKey: string
  writers: Writer[]
  /** Every request sent, setup included, in the order they were made. */
  requests: Request[]
}

export interface Pair {
  mentorId: string
  mentorshipId: string
  mentorKey: string
  menteeKey: string
}

/** Sends `request` to whichever process `target` names until one answers, or `target` names none. */
export async function deliver(request: Request, target: () => TrellisProcess | null): Promise<void> {
  for (let process = target(); process; process = target()) {
    let response: any
    try {
      response = await process.gql(MUTATIONS[request.kind], request.variables, request.headers)
    } catch {
      request.lost++
      await new Promise((resolve) => setTimeout(resolve, 50))
      continue
    }
    if (response.errors) {
      throw new Error(`${request.kind} ${request.key} refused: ${JSON.stringify(response.errors)}`)
    }
    request.answer = (Object.values(response.data)[0] as { id: string }).id
    return
  }
}

/** The admin (by setup), an HR key, and one mentorship per writer, all through `process`. */
export async function buildProgram(process: TrellisProcess, writerCount: number): Promise<Program> {
  const tag = randomUUID().slice(0, 8)
  const requests: Request[] = []
  const send = async (kind: Kind, headers: Record<string, string>, input: Record<string, unknown>) => {
    const key = `${tag}-${requests.length}`
    const request: Request = {
      kind,
      key,
      variables: { input: { ...input, idempotencyKey: key } },
      headers,
      lost: 0,
    }
    requests.push(request)
    await deliver(request, () => process)
    return request.answer!
  }
  const setup = await process.gql(
    `mutation { setup(input: {email: "lead-${tag}@test.trellis", name: "Lead", timeZone: "Europe/Lisbon"}) { apiKey } }`,
  )
  const adminKey: string = setup.data.setup.apiKey
  const admin = bearer(adminKey)
  const createKey = async (input: Record<string, unknown>) => {
    const created = await process.gql(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey } }`,
      { input },
      admin,
    )
    return created.data.createApiKey.apiKey as string
  }
  const hrKey = await createKey({ name: 'HR system', scopes: ['EVENTS_READ'] })
  const writers = await Promise.all(
    Array.from({ length: writerCount }, async (_, index) => {
      const person = (role: string) => ({
        email: `${role}-${index}-${tag}@test.trellis`,
        name: `${role} ${index}`,
        timeZone: role === 'mentor' ? 'America/New_York' : 'Europe/Lisbon',
      })
      const mentorId = await send('registerPerson', admin, person('mentor'))
      const menteeId = await send('registerPerson', admin, person('mentee'))
      const mentorshipId = await send('startMentorship', admin, {
        mentorId,
        menteeId,
        startedOn: STARTED_ON,
        checkInWeekday: 5,
      })
      const pair: Pair = {
        mentorId,
        mentorshipId,
        mentorKey: await createKey({ name: `mentor ${index}`, scopes: ['PERSON'], personId: mentorId }),
        menteeKey: await createKey({ name: `mentee ${index}`, scopes: ['PERSON'], personId: menteeId }),
      }
      return new Writer(index, pair, admin, `${tag}-w${index}`, requests)
    }),
  )
  return { adminKey, hrKey, writers, requests }
}

/**
 * One client: a check-in for the next week while weeks are left, a reply to the latest check-in,
 * a new person; again and again. It stops when its target is gone or `running` turns false.
 */
export class Writer {
  private step = 0
  private latestCheckIn: string | null = null

  constructor(
    readonly index: number,
    readonly pair: Pair,
    private readonly admin: Record<string, string>,
    private readonly tag: string,
    private readonly requests: Request[],
  ) {}

  /** First retries, with the same key, what got no answer; then carries on with new requests. */
  async run(target: () => TrellisProcess | null, running: () => boolean): Promise<void> {
    for (const request of this.unanswered()) {
      if (!(await this.send(request, target))) return
    }
    while (running() && target()) {
      if (!(await this.send(this.next(), target))) return
    }
  }

  private async send(request: Request, target: () => TrellisProcess | null) {
    await deliver(request, target)
    if (request.kind === 'submitCheckIn' && request.answer) this.latestCheckIn = request.answer
    return request.answer !== undefined
  }

  /** This writer's requests still without an answer (at most one: it sends one at a time). */
  unanswered() {
    return this.requests.filter((r) => r.key.startsWith(`${this.tag}-`) && !r.answer)
  }

  private next(): Request {
    const n = this.step++
    const key = `${this.tag}-${n}`
    const week = WEEKS[n / 3]
    const make = (
      kind: Kind,
      headers: Record<string, string>,
      input: Record<string, unknown>,
      extra = {},
    ) => {
      const request: Request = {
        kind,
        key,
        variables: { input: { ...input, idempotencyKey: key } },
        headers,
        lost: 0,
        ...extra,
      }
      this.requests.push(request)
      return request
    }
    if (n % 3 === 0 && week) {
      const markdown = CHECK_IN.replace('2026-11-16', week)
      return make('submitCheckIn', bearer(this.pair.menteeKey), {
        mentorshipId: this.pair.mentorshipId,
        markdown,
        weekOf: week,
      })
    }
    if (n % 3 !== 2 && this.latestCheckIn) {
      const checkInId = this.latestCheckIn
      return make(
        'replyToCheckIn',
        bearer(this.pair.mentorKey),
        { checkInId, markdown: `Reply ${key}: what did you try next?` },
        { checkInId },
      )
    }
    return make('registerPerson', this.admin, {
      email: `person-${key}@test.trellis`,
      name: `Person ${key}`,
      timeZone: 'Asia/Kathmandu',
    })
  }
}

/** Resolves once `condition` holds, polling. */
export async function until(condition: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the load')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export const answered = (requests: Request[]) => requests.filter((r) => r.answer !== undefined)

/** What a resend test sends again: every request a kill left in flight, and an even spread of the rest. */
export function resendSample(requests: Request[], size = 40) {
  const done = answered(requests)
  const step = Math.max(1, Math.floor(done.length / size))
  return done.filter((r, i) => r.lost > 0 || i % step === 0)
}
