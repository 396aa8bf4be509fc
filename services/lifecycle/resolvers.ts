import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { nextCheckInDue } from './nextDue.ts'

export const lifecycleResolvers: Resolvers = {
  Mentorship: {
    async nextCheckInDue(m, _, ctx) {
      const now = ctx.deps.clock.now()
      const due = nextCheckInDue(
        {
          startedOn: m.started_on,
          menteeZone: (await ctx.person(m.mentee_id))?.time_zone ?? 'UTC',
          checkInWeekday: m.check_in_weekday,
          phase: m.phase,
          paused: m.paused,
          submittedWeeks: (await ctx.recentWeeks(m.id)) ?? [],
        },
        now,
      )
      return due?.toISO() ?? null
    },
  },
}
