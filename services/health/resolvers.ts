import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { iso } from '../checkins/view.ts'
import { isMember } from '../shared/membership.ts'
import { feedbackHints } from '../rules/feedback.ts'
import { memoized } from '../shared/memo.ts'

// A pure function of the reply's text, read with every reply: remembered like its HTML.
const hintsFor = memoized(feedbackHints)

export const healthResolvers: Resolvers = {
  Mentorship: {
    async healthSignals(m, _, ctx) {
      const rows = await ctx.deps.db
        .selectFrom('health_signals')
        .selectAll()
        .where('mentorship_id', '=', m.id)
        .orderBy('since')
        .execute()
      return rows.map((r) => ({
        kind: r.kind as never,
        explanation: r.explanation as string,
        since: iso(r.since),
      }))
    },
  },
  Reply: {
    feedbackHints: async (reply, _, ctx) =>
      (await isMember(ctx, reply.mentorship_id)) ? (hintsFor(reply.markdown) as never) : [],
  },
}
