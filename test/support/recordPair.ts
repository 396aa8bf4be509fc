import { DateTime } from 'luxon'
import type { buildProgram } from './program.ts'
import { callerWith, type TestServer } from './server.ts'

type Program = Awaited<ReturnType<typeof buildProgram>>

/** Text a file format could get wrong: CRLF breaks and no final break. */
export const TRICKY_CHECK_IN =
  '## Week of 2026-11-16\r\n\r\n### What I Accomplished\r\n- Shipped the export\r\n\r\n' +
  '### Questions I Have\r\n1. Is `<!-- /trellis:reply -->` safe in a check-in?'

/** A reply holding a line that would end its block in the file. */
export const TRICKY_REPLY = 'Yes. Even as a line of its own:\n<!-- /trellis:reply -->\n'

/**
 * A pair's written record through the API, at chosen times: two check-ins (one edited, one with
 * tricky text), three replies, a goal set with a goal done, and a decision by each member.
 */
export async function writeRecord(server: TestServer, p: Program) {
  const as = callerWith(server)
  const mentee = as(p.menteeKey)
  const mentor = as(p.mentorKey)
  const at = (iso: string) => server.clock.set(DateTime.fromISO(iso, { zone: 'utc' }))
  const submit = async (weekOf: string, markdown: string) =>
    (
      await mentee(`mutation($input: SubmitCheckInInput!) { submitCheckIn(input: $input) { id } }`, {
        input: { mentorshipId: p.mentorshipId, weekOf, markdown },
      })
    ).submitCheckIn.id as string
  const reply = (checkInId: string, markdown: string) =>
    mentor(`mutation($input: ReplyToCheckInInput!) { replyToCheckIn(input: $input) { id } }`, {
      input: { checkInId, markdown },
    })

  at('2026-11-12T09:30:00Z')
  const first = await submit(
    '2026-11-09',
    '## Week of 2026-11-09\n\n### What I Accomplished\n- Set up the repo\n',
  )
  at('2026-11-12T16:00:00Z')
  await reply(first, 'Good start. What would a test for the parser look like?\n')
  at('2026-11-13T08:00:00Z')
  await mentee(`mutation($input: EditCheckInInput!) { editCheckIn(input: $input) { id } }`, {
    input: {
      checkInId: first,
      markdown:
        '## Week of 2026-11-09\n\n### What I Accomplished\n- Set up the repo\n- Wrote the first test\n',
    },
  })
  at('2026-11-19T10:00:00Z')
  const second = await submit('2026-11-16', TRICKY_CHECK_IN)
  at('2026-11-19T15:00:00Z')
  await reply(second, TRICKY_REPLY)
  // Two replies alike, at the same minute: both are the record, and both must come back.
  at('2026-11-19T15:30:00Z')
  await reply(second, 'Well done.')
  await reply(second, 'Well done.')

  at('2026-11-19T16:00:00Z')
  const { createGoalSet } = await mentee(
    `mutation($input: CreateGoalSetInput!) { createGoalSet(input: $input) { goals { id text } } }`,
    {
      input: {
        mentorshipId: p.mentorshipId,
        period: '2026-Q4',
        markdown:
          '## Q4 2026 Goals\n\n### Technical Skills\n- [x] Fix the flaky test\n' +
          '- [ ] Lead a code review (ready when: two PRs reviewed)\n\n### Communication\n- [ ] Write a design note\n',
      },
    },
  )
  const note = createGoalSet.goals.find((g: { text: string }) => g.text === 'Write a design note')
  at('2026-11-20T09:00:00Z')
  await mentee(`mutation($input: UpdateGoalInput!) { updateGoal(input: $input) { id } }`, {
    input: { id: note.id, done: true },
  })
  const decide = (caller: typeof mentee, title: string) =>
    caller(`mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }`, {
      input: {
        mentorshipId: p.mentorshipId,
        title,
        context: 'Tests were **flaky** on CI.',
        decision: 'Use the real database in tests.',
        why: 'Mocks hid two bugs:\n\n1. ordering\n2. time zones',
      },
    })
  at('2026-11-20T10:00:00Z')
  await decide(mentee, 'Real database in tests')
  at('2026-11-20T11:00:00Z')
  await decide(mentor, 'Review <b>before</b> merge | always')
}

export const EXPORT_QUERY = `query($id: ID!) { exportMentorship(id: $id) { files { path content } } }`
