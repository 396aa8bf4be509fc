import type { Kysely } from 'kysely'
import { iso } from '../checkins/view.ts'
import type { CheckInRow, ReplyRow, RevisionRow } from '../checkins/queries.ts'
import { goalsOfSets, goalSetsOf, type GoalRow } from '../goals/queries.ts'
import type { MentorshipRow } from '../mentorships/queries.ts'
import type { DecisionRow } from '../record/queries.ts'
import { isUuid } from '../shared/ids.ts'
import type { CheckInRecord, PairRecord, Role } from './record.ts'

/**
 * A pair's whole written record from the read models, for whoever may read it: the caller checks
 * membership first (the resolver), or is the operator's CLI. Null when there is no such pair.
 */
export async function pairRecord(db: Kysely<any>, mentorshipId: string): Promise<PairRecord | null> {
  if (!isUuid(mentorshipId)) return null
  const pair = (await db
    .selectFrom('mentorships')
    .selectAll()
    .where('id', '=', mentorshipId)
    .executeTakeFirst()) as MentorshipRow | undefined
  if (!pair) return null
  const roleOf = (personId: string): Role => (personId === pair.mentee_id ? 'mentee' : 'mentor')
  const [people, checkIns, goalSets, decisions] = await Promise.all([
    db
      .selectFrom('people')
      .select(['id', 'name'])
      .where('id', 'in', [pair.mentor_id, pair.mentee_id])
      .execute(),
    checkInsOf(db, mentorshipId),
    goalSetsOf(db, mentorshipId),
    db.selectFrom('decisions').selectAll().where('mentorship_id', '=', mentorshipId).execute() as Promise<
      DecisionRow[]
    >,
  ])
  const goals: Map<string, GoalRow[]> = goalSets.length
    ? await goalsOfSets(
        db,
        goalSets.map((s) => s.id),
      )
    : new Map()
  const name = (id: string) => (people.find((p) => p.id === id)?.name as string | undefined) ?? ''
  return {
    pair: {
      mentorshipId,
      mentorName: name(pair.mentor_id),
      menteeName: name(pair.mentee_id),
      startedOn: pair.started_on,
    },
    checkIns: checkIns.map((c) => ({
      ...c,
      replies: c.replies.map((r) => ({ author: roleOf(r.author_id), at: iso(r.at), markdown: r.markdown })),
    })),
    goalSets: goalSets.map((s) => ({
      period: s.period,
      createdAt: iso(s.created_at),
      goals: (goals.get(s.id) ?? []).map((g) => ({
        category: g.category,
        text: g.text,
        done: g.done,
        readyWhen: g.ready_when,
      })),
    })),
    decisions: decisions.map((d) => ({
      at: iso(d.at),
      by: roleOf(d.recorded_by),
      title: d.title,
      context: d.context,
      decision: d.decision,
      why: d.why,
    })),
  }
}

/** Check-ins with every version of their text (oldest first) and their replies' rows. */
async function checkInsOf(db: Kysely<any>, mentorshipId: string) {
  const rows = (await db
    .selectFrom('check_ins')
    .select(['id', 'week_of', 'markdown', 'submitted_at'])
    .where('mentorship_id', '=', mentorshipId)
    .orderBy('week_of')
    .execute()) as Array<Pick<CheckInRow, 'id' | 'week_of' | 'markdown' | 'submitted_at'>>
  const ids = rows.map((r) => r.id)
  const [revisions, replies] = ids.length
    ? await Promise.all([
        db
          .selectFrom('check_in_revisions')
          .selectAll()
          .where('check_in_id', 'in', ids)
          .orderBy('revision')
          .execute() as Promise<RevisionRow[]>,
        db
          .selectFrom('check_in_replies')
          .selectAll()
          .where('check_in_id', 'in', ids)
          .orderBy('at')
          .execute() as Promise<ReplyRow[]>,
      ])
    : [[], []]
  return rows.map((row): Omit<CheckInRecord, 'replies'> & { replies: ReplyRow[] } => {
    const versions = revisions
      .filter((r) => r.check_in_id === row.id)
      .map((r) => ({ at: iso(r.at), markdown: r.markdown }))
    return {
      weekOf: row.week_of,
      // Every check-in has its revisions; one without (should a row predate them) is its text alone.
      versions: versions.length ? versions : [{ at: iso(row.submitted_at), markdown: row.markdown! }],
      replies: replies.filter((r) => r.check_in_id === row.id),
    }
  })
}
