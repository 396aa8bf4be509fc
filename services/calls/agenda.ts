import type { Kysely } from 'kysely'
import { trackedQuestionId } from '../shared/ids.ts'
import { parseCheckIn } from '../rules/template.ts'
import { agendaRows } from './queries.ts'

export type AgendaSource =
  'FLAGGED_QUESTION' | 'CAN_WAIT_QUESTION' | 'CHECK_IN_STRUGGLE' | 'CHECK_IN_QUESTION' | 'MEMBER'

export interface AgendaItemRow {
  id: string
  text: string
  source: AgendaSource
  mentorshipId: string
  done: boolean
}

/**
 * What the pair's record puts on a call's agenda (the article: calls for what writing cannot
 * settle): questions flagged for the call, open questions that can wait, and the latest check-in's
 * struggles and its questions not yet answered. Built when read, so it follows the record until
 * the call; ids follow from what each item is, so ticks and order stay attached to it.
 */
export async function recordAgenda(db: Kysely<any>, mentorshipId: string, before: string) {
  const items: Array<Omit<AgendaItemRow, 'done'>> = []
  const questions = await db
    .selectFrom('questions')
    .select(['id', 'title', 'urgency', 'status', 'flagged_for_call'])
    .where('mentorship_id', '=', mentorshipId)
    .where('status', '!=', 'RESOLVED')
    .orderBy('asked_at')
    .orderBy('id')
    .execute()
  for (const q of questions.filter((q) => q.flagged_for_call))
    items.push({ id: `question:${q.id}`, text: q.title, source: 'FLAGGED_QUESTION', mentorshipId })
  for (const q of questions.filter(
    (q) => !q.flagged_for_call && q.status === 'OPEN' && q.urgency === 'CAN_WAIT',
  ))
    items.push({ id: `question:${q.id}`, text: q.title, source: 'CAN_WAIT_QUESTION', mentorshipId })

  const latest = await db
    .selectFrom('check_ins')
    .select(['id', 'markdown'])
    .where('mentorship_id', '=', mentorshipId)
    .where('submitted_at', '<=', before)
    .orderBy('week_of', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (latest) {
    const { sections } = parseCheckIn(latest.markdown as string)
    sections.struggled.forEach((text, i) =>
      items.push({
        id: `checkin:${latest.id}:struggled:${i}`,
        text,
        source: 'CHECK_IN_STRUGGLE',
        mentorshipId,
      }),
    )
    const tracked = new Map(questions.map((q) => [q.id as string, q.status as string]))
    sections.questions.forEach((text, i) => {
      const questionId = trackedQuestionId(latest.id as string, i)
      const status = tracked.get(questionId)
      // Answered in writing already: settled. Tracked and still open: listed once, as its question.
      if (status === undefined)
        items.push({
          id: `checkin:${latest.id}:questions:${i}`,
          text,
          source: 'CHECK_IN_QUESTION',
          mentorshipId,
        })
      else if (status === 'OPEN' && !items.some((item) => item.id === `question:${questionId}`))
        items.push({ id: `question:${questionId}`, text, source: 'CHECK_IN_QUESTION', mentorshipId })
    })
  }
  return items
}

/** The whole agenda of a call: the record's items and the members' own, in the members' order. */
export async function agendaOf(
  db: Kysely<any>,
  call: { id: string; mentorship_id: string; start_at: Date | string },
) {
  const [fromRecord, rows] = await Promise.all([
    recordAgenda(db, call.mentorship_id, new Date(call.start_at).toISOString()),
    agendaRows(db, call.id),
  ])
  const all = [
    ...fromRecord,
    ...rows.added.map((a) => ({
      id: a.item_id,
      text: a.text,
      source: 'MEMBER' as const,
      mentorshipId: call.mentorship_id,
    })),
  ]
  const rank = new Map((rows.order ?? []).map((id, i) => [id, i]))
  // Items the members ordered first, in their order; the rest after, as the record lists them.
  const ordered = all
    .map((item, natural) => ({ item, key: rank.get(item.id) ?? rows.order?.length ?? 0, natural }))
    .sort((a, b) => a.key - b.key || a.natural - b.natural)
    .map(({ item }) => item)
  return ordered.map((item) => ({ ...item, done: rows.ticks.get(item.id) ?? false }))
}
