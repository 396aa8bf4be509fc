import { sql, type Kysely } from 'kysely'
import { checkInIdFor } from '../checkins/view.ts'
import { insertRows, ROWS_PER_STATEMENT, type Projection } from '../shared/projection.ts'
import type { LifecycleEvent } from './events.ts'

interface Due {
  mentorship_id: string
  check_in_id: string
  week_of: string
  due_at: string
}

/**
 * The weeks the lifecycle put due, and which were missed or left without a reply.
 */
export const lifecycleProjection: Projection = {
  name: 'check_in_dues',
  tables: ['check_in_dues'],
  async open(trx) {
    const added = new Map<string, Due>()
    // A flag updates the week's row only if it exists when the flag comes, as event by event: a
    // reply overdue before the due day (a check-in submitted early) sets nothing. So flags that
    // come before their week's due in this batch go to stored rows before the insert, the rest after.
    const beforeDue = new Map<string, Flags>()
    const afterDue = new Map<string, Flags>()
    return {
      apply({ event }) {
        const e = event as LifecycleEvent
        if (e.type !== 'CheckInDue' && e.type !== 'CheckInMissed' && e.type !== 'ReplyOverdue') return
        const { mentorshipId, weekOf } = e.data
        const key = `${mentorshipId}/${weekOf}`
        if (e.type === 'CheckInDue') {
          // The first due of a week stands, as `on conflict do nothing` keeps the stored one.
          if (!added.has(key))
            added.set(key, {
              mentorship_id: mentorshipId,
              check_in_id: checkInIdFor(mentorshipId, weekOf),
              week_of: weekOf,
              due_at: e.data.dueAt,
            })
          return
        }
        const into = added.has(key) ? afterDue : beforeDue
        const flags = into.get(key) ?? { mentorshipId, weekOf, missed: false, overdue: false }
        if (e.type === 'CheckInMissed') flags.missed = true
        else flags.overdue = true
        into.set(key, flags)
      },
      async close() {
        await setFlags(trx, [...beforeDue.values()])
        await insertRows(trx, 'check_in_dues', [...added.values()], (insert) =>
          insert.onConflict((oc) => oc.columns(['mentorship_id', 'week_of']).doNothing()),
        )
        await setFlags(trx, [...afterDue.values()])
      },
    }
  },
}

interface Flags {
  mentorshipId: string
  weekOf: string
  missed: boolean
  overdue: boolean
}

/** Flags only ever turn on: or-ing them into the stored rows is order-free. */
async function setFlags(trx: Kysely<any>, flags: Flags[]) {
  for (let i = 0; i < flags.length; i += ROWS_PER_STATEMENT) {
    const values = sql.join(
      flags
        .slice(i, i + ROWS_PER_STATEMENT)
        .map((f) => sql`(${f.mentorshipId}::uuid, ${f.weekOf}, ${f.missed}::boolean, ${f.overdue}::boolean)`),
    )
    await sql`
      update check_in_dues d
      set missed = d.missed or f.missed, reply_overdue = d.reply_overdue or f.overdue
      from (values ${values}) as f(mentorship_id, week_of, missed, overdue)
      where d.mentorship_id = f.mentorship_id and d.week_of = f.week_of`.execute(trx)
  }
}
