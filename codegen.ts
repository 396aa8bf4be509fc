import type { CodegenConfig } from '@graphql-codegen/cli'

/** Resolver types from the SDL: the SDL is the single source of the contract. */
const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    'schema/generated/resolvers.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        contextType: '../../services/context.ts#Context',
        scalars: { DateTime: 'string', Date: 'string', TimeZone: 'string', JSON: 'unknown' },
        mappers: {
          Person: '../../services/people/queries.ts#PersonRow',
          Mentorship: '../../services/mentorships/queries.ts#MentorshipRow',
          CheckIn: '../../services/checkins/view.ts#CheckInView',
          Reply: '../../services/checkins/queries.ts#ReplyRow',
          CheckInRevision: '../../services/checkins/queries.ts#RevisionRow',
          Event: '../../services/shared/redaction.ts#EventView',
          Viewer: '../../services/shared/actor.ts#Actor',
          Question: '../../services/questions/queries.ts#QuestionRow',
          Answer: '../../services/questions/queries.ts#AnswerRow',
          QuestionChange: '../../services/questions/queries.ts#QuestionChangeRow',
          Decision: '../../services/record/queries.ts#DecisionRow',
          Resource: '../../services/record/queries.ts#ResourceRow',
          SearchHit: '../../services/search/queries.ts#SearchHitRow',
          Call: '../../services/calls/queries.ts#CallRow',
          GoalSet: '../../services/goals/queries.ts#GoalSetRow',
          Goal: '../../services/goals/queries.ts#GoalRow',
          Review: '../../services/goals/queries.ts#ReviewRow',
          AgendaItem: '../../services/calls/agenda.ts#AgendaItemRow',
          Webhook: '../../services/webhooks/queries.ts#WebhookRow',
          WebhookDelivery: '../../services/webhooks/queries.ts#DeliveryRow',
        },
        enumsAsTypes: true,
        avoidOptionals: false,
      },
    },
  },
}
export default config
