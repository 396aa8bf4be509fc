import type { Phase } from '../services/rules/phases.ts'

/**
 * One list of lifecycle scenarios (PRODUCT §2), run against both engines: given a mentorship,
 * at each instant do something (or just let time pass), then expect these events on its stream.
 * Dates are absolute and lie ahead of today: Temporal's test server starts at the real time.
 */
export type Step =
  | { at: string; submit: string }
  | { at: string; reply: string }
  | { at: string; pause: string | null }
  | { at: string; resume: true }
  | { at: string; transition: Phase }
  | { at: string; respond: boolean; by: 'mentee' | 'admin' }

export interface Expectation {
  type: string
  count?: number
  /** Every event of this type, in order: its time (ISO, UTC) and a subset of its data. */
  each?: Array<{ at?: string; data?: Record<string, unknown> }>
  /** Local wall-clock time (HH:mm in the mentee's zone) of every event of this type. */
  localTime?: string
}

export interface Scenario {
  name: string
  menteeZone: string
  startedOn: string
  checkInWeekday: number
  steps: Step[]
  until: string
  expect: Expectation[]
}

export const scenarios: Scenario[] = [
  {
    name: 'a full year: weekly, step down to monthly at 6 months, ad hoc proposed at 12',
    menteeZone: 'Europe/Lisbon',
    startedOn: '2027-01-04',
    checkInWeekday: 5,
    steps: [{ at: '2027-07-05T09:00:00.000Z', respond: true, by: 'mentee' }],
    until: '2028-01-10T00:00:00.000Z',
    expect: [
      { type: 'CheckInDue', count: 26 + 6 },
      { type: 'CheckInMissed', count: 26 + 6 },
      { type: 'CallDue', count: 13 },
      { type: 'ReviewDue', count: 13 },
      {
        type: 'PhaseChangeProposed',
        each: [
          { at: '2027-07-03T23:00:00.000Z', data: { from: 'WEEKLY', to: 'MONTHLY' } },
          { at: '2028-01-04T00:00:00.000Z', data: { from: 'MONTHLY', to: 'AD_HOC' } },
        ],
      },
      { type: 'MentorshipPhaseChanged', each: [{ data: { from: 'WEEKLY', to: 'MONTHLY' } }] },
    ],
  },
  {
    name: 'a missed week, and a check-in left without a reply',
    menteeZone: 'Europe/Lisbon',
    startedOn: '2027-01-04',
    checkInWeekday: 5,
    steps: [{ at: '2027-01-08T10:00:00.000Z', submit: '2027-01-04' }],
    until: '2027-01-17T00:00:00.000Z',
    expect: [
      { type: 'CheckInDue', count: 2 },
      { type: 'CheckInMissed', each: [{ at: '2027-01-16T00:00:00.000Z', data: { weekOf: '2027-01-11' } }] },
      { type: 'ReplyOverdue', each: [{ at: '2027-01-09T10:00:00.000Z', data: { weekOf: '2027-01-04' } }] },
    ],
  },
  {
    name: 'a late reply: the window closes first, the reply still lands',
    menteeZone: 'America/St_Johns',
    startedOn: '2027-01-04',
    checkInWeekday: 3,
    steps: [
      { at: '2027-01-06T14:00:00.000Z', submit: '2027-01-04' },
      { at: '2027-01-07T20:00:00.000Z', reply: '2027-01-04' },
      { at: '2027-01-13T14:00:00.000Z', submit: '2027-01-11' },
      { at: '2027-01-13T20:00:00.000Z', reply: '2027-01-11' },
    ],
    until: '2027-01-15T00:00:00.000Z',
    expect: [
      { type: 'ReplyOverdue', each: [{ at: '2027-01-07T14:00:00.000Z', data: { weekOf: '2027-01-04' } }] },
      { type: 'ReplyWritten', count: 2 },
      { type: 'CheckInMissed', count: 0 },
    ],
  },
  {
    name: 'leave across a due date: nothing falls due, and it ends the day after `until`',
    menteeZone: 'Europe/Lisbon',
    startedOn: '2027-01-04',
    checkInWeekday: 5,
    steps: [{ at: '2027-01-12T10:00:00.000Z', pause: '2027-01-20' }],
    until: '2027-01-30T00:00:00.000Z',
    expect: [
      {
        type: 'CheckInDue',
        each: [
          { data: { weekOf: '2027-01-04' } },
          { data: { weekOf: '2027-01-18' } },
          { data: { weekOf: '2027-01-25' } },
        ],
      },
      { type: 'CheckInMissed', count: 3 },
      { type: 'CallDue', count: 0 },
      { type: 'MentorshipResumed', each: [{ at: '2027-01-21T00:00:00.000Z' }] },
    ],
  },
  {
    name: 'an admin holds the step down: it is proposed again four weeks later',
    menteeZone: 'Asia/Kathmandu',
    startedOn: '2027-01-04',
    checkInWeekday: 1,
    steps: [{ at: '2027-07-06T06:00:00.000Z', respond: false, by: 'admin' }],
    until: '2027-08-10T00:00:00.000Z',
    expect: [
      {
        type: 'PhaseChangeProposed',
        each: [
          { at: '2027-07-03T18:15:00.000Z' },
          { at: '2027-08-03T06:00:00.000Z', data: { to: 'MONTHLY' } },
        ],
      },
      { type: 'PhaseProposalHeld', count: 1 },
      { type: 'MentorshipPhaseChanged', count: 0 },
    ],
  },
  {
    name: 'a mentee on Lord Howe Island across both DST changes: due days start at local midnight',
    menteeZone: 'Australia/Lord_Howe',
    startedOn: '2027-01-04',
    checkInWeekday: 5,
    steps: [],
    until: '2027-10-30T00:00:00.000Z',
    expect: [
      { type: 'CheckInDue', count: 43, localTime: '00:00' },
      { type: 'CheckInMissed', count: 43, localTime: '00:00' },
    ],
  },
  {
    name: 'a start on the 31st steps down on the last day of the sixth month',
    menteeZone: 'America/New_York',
    startedOn: '2027-03-31',
    checkInWeekday: 4,
    steps: [],
    until: '2027-10-05T00:00:00.000Z',
    expect: [
      { type: 'PhaseChangeProposed', each: [{ at: '2027-09-30T04:00:00.000Z', data: { to: 'MONTHLY' } }] },
    ],
  },
]
