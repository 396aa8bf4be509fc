import { sql, type Kysely } from 'kysely'
import type { CallEvent } from '../calls/events.ts'
import type { CheckInEvent } from '../checkins/events.ts'
import type { GoalEvent } from '../goals/events.ts'
import type { QuestionEvent } from '../questions/events.ts'
import type { RecordEvent } from '../record/events.ts'
import type { Projection } from '../shared/projection.ts'
import { insertRows } from '../shared/projection.ts'

export type DocumentType =
  'CHECK_IN' | 'REPLY' | 'QUESTION' | 'ANSWER' | 'DECISION' | 'RESOURCE' | 'CALL_NOTE' | 'REVIEW'

interface Document {
  type: DocumentType
  id: string
  mentorship_id: string | null
  title: string
  body: string
  at: string
}

/** A reply or an answer is titled after what it answers, found in this batch or stored. */
interface Pending {
  document: Document
  parent: { type: DocumentType; id: string; prefix: string }
}

const paragraphs = (...parts: Array<string | null | undefined>) => parts.filter(Boolean).join('\n\n')

/**
 * Everything written, as one searchable document each (PRODUCT §4). The text is indexed by a
 * generated `tsvector` column; who may read a document is decided when searching, from its
 * mentorship (null: the program's library, readable by all).
 */
export const searchProjection: Projection = {
  name: 'search',
  tables: ['search_documents'],
  async open(trx) {
    const documents = new Map<string, Document>()
    const pending: Pending[] = []
    const key = (type: DocumentType, id: string) => `${type}:${id}`
    const put = (d: Document) => documents.set(key(d.type, d.id), d)
    return {
      apply({ event, metadata }) {
        const at = metadata.occurredAt
        const e = event as CheckInEvent | QuestionEvent | RecordEvent | CallEvent | GoalEvent
        switch (e.type) {
          case 'CheckInSubmitted':
            put({
              type: 'CHECK_IN',
              id: e.data.checkInId,
              mentorship_id: e.data.mentorshipId,
              title: `Check-in, week of ${e.data.weekOf}`,
              body: e.data.markdown,
              at,
            })
            return
          case 'CheckInEdited': {
            const known = documents.get(key('CHECK_IN', e.data.checkInId))
            if (known) known.body = e.data.markdown
            // Stored earlier: the title stays, the body is replaced when written.
            else
              put({
                type: 'CHECK_IN',
                id: e.data.checkInId,
                mentorship_id: e.data.mentorshipId,
                title: '',
                body: e.data.markdown,
                at,
              })
            return
          }
          case 'ReplyWritten':
            pending.push({
              document: {
                type: 'REPLY',
                id: e.data.replyId,
                mentorship_id: e.data.mentorshipId,
                title: '',
                body: e.data.markdown,
                at,
              },
              parent: { type: 'CHECK_IN', id: e.data.checkInId, prefix: 'Reply to: ' },
            })
            return
          case 'QuestionAsked': {
            const d = e.data
            put({
              type: 'QUESTION',
              id: d.questionId,
              mentorship_id: d.mentorshipId,
              title: d.title,
              body: paragraphs(
                d.body,
                d.context.goal,
                d.context.tried,
                d.context.errors,
                d.context.hypothesis,
              ),
              at,
            })
            return
          }
          case 'QuestionAnswered':
            pending.push({
              document: {
                type: 'ANSWER',
                id: e.data.answerId,
                mentorship_id: e.data.mentorshipId,
                title: '',
                body: e.data.body,
                at,
              },
              parent: { type: 'QUESTION', id: e.data.questionId, prefix: 'Answer to: ' },
            })
            return
          case 'DecisionRecorded': {
            const d = e.data
            put({
              type: 'DECISION',
              id: d.decisionId,
              mentorship_id: d.mentorshipId,
              title: d.title,
              body: paragraphs(d.context, d.decision, d.why),
              at,
            })
            return
          }
          case 'CallOutcomeRecorded': {
            const d = e.data
            if (d.notes)
              put({
                type: 'CALL_NOTE',
                id: d.callId,
                mentorship_id: d.mentorshipId,
                title: `Call notes, ${at.slice(0, 10)}`,
                body: d.notes,
                at,
              })
            return
          }
          case 'ReviewRecorded': {
            const d = e.data
            put({
              type: 'REVIEW',
              id: d.reviewId,
              mentorship_id: d.mentorshipId,
              title: `Goal review, ${at.slice(0, 10)}`,
              body: paragraphs(
                d.summary,
                ...d.goalChanges.map((c) => c.newText),
                ...d.newGoals.map((g) => g.text),
              ),
              at,
            })
            return
          }
          case 'ResourceAdded': {
            const d = e.data
            put({
              type: 'RESOURCE',
              id: d.resourceId,
              mentorship_id: null,
              title: d.title,
              body: paragraphs(d.body, d.url, d.tags.join(' ')),
              at,
            })
            return
          }
        }
      },
      async close() {
        const titles = await storedTitles(
          trx,
          pending.filter((p) => !documents.has(key(p.parent.type, p.parent.id))).map((p) => p.parent),
        )
        for (const { document, parent } of pending) {
          const title =
            documents.get(key(parent.type, parent.id))?.title || titles.get(key(parent.type, parent.id)) || ''
          put({ ...document, title: `${parent.prefix}${title}` })
        }
        const rows = [...documents.values()]
        await insertRows(trx, 'search_documents', rows, (insert) =>
          insert.onConflict((oc) =>
            oc.columns(['type', 'id']).doUpdateSet({
              body: sql`excluded.body`,
              // An edit arriving alone carries no title: the stored one stays.
              title: sql`coalesce(nullif(excluded.title, ''), search_documents.title)`,
            }),
          ),
        )
      },
    }
  },
}

async function storedTitles(trx: Kysely<any>, parents: Array<{ type: DocumentType; id: string }>) {
  const titles = new Map<string, string>()
  const byType = new Map<DocumentType, Set<string>>()
  for (const p of parents) byType.set(p.type, (byType.get(p.type) ?? new Set()).add(p.id))
  for (const [type, ids] of byType) {
    const rows = await trx
      .selectFrom('search_documents')
      .select(['id', 'title'])
      .where('type', '=', type)
      .where('id', 'in', [...ids])
      .execute()
    for (const row of rows) titles.set(`${type}:${row.id}`, row.title as string)
  }
  return titles
}
