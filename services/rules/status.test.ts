import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { checkInStatus, type CheckInStatus } from './week.ts'

describe('checkInStatus: DUE, SUBMITTED, LATE, REPLIED or MISSED', () => {
  const dueEnd = '2026-03-21T00:00:00Z'
  it.each<{ rule: string; submittedAt?: string; repliedAt?: string; now: string; status: CheckInStatus }>([
    { rule: 'nothing written before the due day ends is DUE', now: '2026-03-20T23:59:59Z', status: 'DUE' },
    { rule: 'nothing written when the due day has ended is MISSED', now: dueEnd, status: 'MISSED' },
    {
      rule: 'written on time is SUBMITTED',
      submittedAt: '2026-03-20T10:00:00Z',
      now: '2026-03-20T11:00:00Z',
      status: 'SUBMITTED',
    },
    {
      rule: 'written on time stays SUBMITTED after the due day',
      submittedAt: '2026-03-20T10:00:00Z',
      now: '2026-03-25T00:00:00Z',
      status: 'SUBMITTED',
    },
    {
      rule: 'written after the due day ended is LATE',
      submittedAt: '2026-03-21T00:00:00Z',
      now: '2026-03-22T00:00:00Z',
      status: 'LATE',
    },
    {
      rule: 'a reply makes it REPLIED',
      submittedAt: '2026-03-20T10:00:00Z',
      repliedAt: '2026-03-20T12:00:00Z',
      now: '2026-03-22T00:00:00Z',
      status: 'REPLIED',
    },
    {
      rule: 'a reply to a late check-in still makes it REPLIED',
      submittedAt: '2026-03-22T10:00:00Z',
      repliedAt: '2026-03-22T12:00:00Z',
      now: '2026-03-23T00:00:00Z',
      status: 'REPLIED',
    },
    {
      rule: 'a reply after now has not happened yet',
      submittedAt: '2026-03-20T10:00:00Z',
      repliedAt: '2026-03-20T12:00:00Z',
      now: '2026-03-20T11:00:00Z',
      status: 'SUBMITTED',
    },
    {
      rule: 'a submission after now has not happened yet',
      submittedAt: '2026-03-20T10:00:00Z',
      now: '2026-03-20T09:00:00Z',
      status: 'DUE',
    },
  ])('$rule', ({ submittedAt, repliedAt, now, status }) => {
    expect(checkInStatus({ submittedAt, repliedAt, dueEnd, now })).toBe(status)
  })

  it('as time passes a check-in’s status only moves forward: DUE → MISSED → SUBMITTED/LATE → REPLIED', () => {
    const rank: Record<CheckInStatus, number> = { DUE: 0, MISSED: 1, SUBMITTED: 2, LATE: 2, REPLIED: 3 }
    const hour = fc.integer({ min: 0, max: 24 * 14 })
    fc.assert(
      fc.property(
        hour,
        fc.option(hour),
        fc.option(hour),
        fc.array(hour, { minLength: 2 }),
        (end, sub, reply, nows) => {
          const at = (h: number) => DateTime.fromISO('2026-03-16T00:00:00Z').plus({ hours: h })
          const submittedAt = sub === null ? null : at(sub)
          const repliedAt = sub === null || reply === null ? null : at(sub + reply)
          const ranks = [...nows]
            .sort((a, b) => a - b)
            .map((now) => rank[checkInStatus({ submittedAt, repliedAt, dueEnd: at(end), now: at(now) })])
          expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
        },
      ),
    )
  })
})
