import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { nextCheckInDue } from './nextDue.ts'

export const lifecycleResolvers: Resolvers = {
  Mentorship: {
    async nextCheckInDue(m, _, ctx) {
      const now = ctx.deps.clock.now()
      const recent = await ctx.deps.db
        .selectFrom('check_ins')
        .select('week_of')
        .where('mentorship_id', '=', m.id)
        .where('week_of', '>=', now.minus({ weeks: 6 }).toISODate()!)
        .execute()
      const due = nextCheckInDue(
        {
          startedOn: m.started_on,
          menteeZone: (await ctx.person(m.mentee_id))?.time_zone ?? 'UTC',
          checkInWeekday: m.check_in_weekday,
          phase: m.phase,
          paused: m.paused,
          submittedWeeks: recent.map((r) => r.week_of as string),
        },
        now,
      )
      return due?.toISO() ?? null
    },
  },
}
