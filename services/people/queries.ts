import type { Kysely } from 'kysely'
import type { Actor } from '../shared/actor.ts'
import { isUuid } from '../shared/ids.ts'
import type { WorkingHours } from './events.ts'

export interface PersonRow {
  id: string
  email: string
  name: string
  time_zone: string
  working_hours: WorkingHours[]
  role: string
}

/** The people this caller may see, as a SQL condition: the permission lives in the query. */
function visiblePeople(db: Kysely<any>, actor: Actor) {
  const query = db.selectFrom('people').selectAll()
  if (actor.scopes.has('admin') || actor.scopes.has('projections:read')) return query
  const me = actor.personId ?? '00000000-0000-0000-0000-000000000000'
  return query.where((eb) =>
    eb.or([
      eb('id', '=', me),
      eb(
        'id',
        'in',
        eb
          .selectFrom('mentorships')
          .select('mentor_id')
          .where('mentee_id', '=', me)
          .union(eb.selectFrom('mentorships').select('mentee_id as mentor_id').where('mentor_id', '=', me)),
      ),
    ]),
  )
}

export async function findPerson(db: Kysely<any>, actor: Actor, id: string): Promise<PersonRow | null> {
  if (!isUuid(id)) return null
  return (
    ((await visiblePeople(db, actor).where('id', '=', id).executeTakeFirst()) as PersonRow | undefined) ??
    null
  )
}

/** People by id without a permission check: for mentors and mentees of a mentorship already visible. */
export async function peopleByIds(db: Kysely<any>, ids: readonly string[]): Promise<Map<string, PersonRow>> {
  if (ids.length === 0) return new Map()
  const rows = (await db
    .selectFrom('people')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute()) as PersonRow[]
  return new Map(rows.map((r) => [r.id, r]))
}

/** The people `personId` is paired with, as mentor or mentee. */
export async function partnersOf(db: Kysely<any>, personId: string | null): Promise<Set<string>> {
  if (!personId) return new Set()
  const rows = await db
    .selectFrom('mentorships')
    .select(['mentor_id', 'mentee_id'])
    .where((eb) => eb.or([eb('mentor_id', '=', personId), eb('mentee_id', '=', personId)]))
    .execute()
  return new Set(rows.map((r) => (r.mentor_id === personId ? r.mentee_id : r.mentor_id) as string))
}

/**
 * Email is contact data: the admin, the person and their pair partners see it. Only a person key or
 * a tool acting for someone has a `personId`; analytics and HR keys never see an email, and a
 * key that also reads every person (projections:read) sees only its own pairs' emails.
 */
export function emailVisible(actor: Actor, person: PersonRow, partnerIds: ReadonlySet<string>) {
  if (actor.scopes.has('admin')) return true
  return actor.personId !== null && (actor.personId === person.id || partnerIds.has(person.id))
}

declare module '../context.ts' {
  interface Loaders {
    /** People by id, batched; no permission check (callers reach them through a visible mentorship). */
    person(id: string): Promise<PersonRow | undefined>
  }
}
