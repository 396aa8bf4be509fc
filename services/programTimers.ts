import type { Deps } from './deps.ts'
import { evaluateProgramHealth } from './health/evaluate.ts'
import { recordOverdueQuestions } from './questions/overdue.ts'
import { sendDueReminders } from './reminders/sweep.ts'

/**
 * What the program does on a clock rather than on an event: each timer looks at the read models
 * and records (or mails) what is due, idempotently, so several instances or a repeated activity
 * do each thing once. `everyPolls` spaces a timer out against the lifecycle's poll.
 */
export const PROGRAM_TIMERS = [
  { name: 'question deadlines', everyPolls: 1, run: recordOverdueQuestions },
  // Reminders move by the minute (15 before a call): every 5 polls keeps the load low.
  { name: 'reminders', everyPolls: 5, run: sendDueReminders },
  // Health moves by the week: a look every minute is plenty.
  { name: 'program health', everyPolls: 60, run: evaluateProgramHealth },
] as const satisfies ReadonlyArray<{ name: string; everyPolls: number; run: (deps: Deps) => Promise<number> }>

export type ProgramTimerName = (typeof PROGRAM_TIMERS)[number]['name']

export function runProgramTimer(deps: Deps, name: string): Promise<number> {
  const timer = PROGRAM_TIMERS.find((t) => t.name === name)
  if (!timer) throw new Error(`no program timer named ${name}`)
  return timer.run(deps)
}
