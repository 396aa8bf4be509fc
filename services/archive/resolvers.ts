import type { Resolvers } from '../../schema/generated/resolvers.ts'
import { READERS, requireAnyScope } from '../shared/actor.ts'
import { isMember } from '../shared/membership.ts'
import { pairRecord } from './queries.ts'
import { recordFiles } from './write.ts'

export const archiveResolvers: Resolvers = {
  Query: {
    async exportMentorship(_, { id }, ctx) {
      requireAnyScope(ctx.actor, READERS)
      // All of it is the pair's text: outside the pair (admins too) there is nothing to export.
      if (!(await isMember(ctx, id))) return null
      const record = await pairRecord(ctx.deps.db, id)
      return record && { files: recordFiles(record) }
    },
  },
}
