import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ArchiveError } from '../services/archive/format.ts'
import { describeItem, importItems, type ImportReport } from '../services/archive/handlers.ts'
import { readRecordFiles } from '../services/archive/read.ts'
import type { ArchiveFile, ImportItem } from '../services/archive/record.ts'
import { convertWeeklyReport } from '../services/archive/weeklyReport.ts'
import { DomainError } from '../services/shared/errors.ts'
import { CliError, cliArgs, openTrellis, runCli } from './archiveCli.ts'

/**
 * `npm run import -- --dir <dir> --mentorship <id> [--dry-run]`: an exported record's folder,
 * appended into an existing mentorship through the domain's handlers, all or nothing.
 * `npm run import -- --weekly-reports <dir> --mentorship <id> [--dry-run]`: real weekly reports
 * (*.md with a front matter date) as check-ins in the template, each on its own.
 * Prints what it imported, skipped and could not place; exit 1 if anything was refused or
 * malformed, 2 when the database is in use.
 */
const USAGE =
  'npm run import -- (--dir <exported folder> | --weekly-reports <dir>) --mentorship <id> [--dry-run]'

runCli('import', async () => {
  const args = cliArgs(USAGE, {
    dir: { type: 'string' },
    'weekly-reports': { type: 'string' },
    mentorship: { type: 'string' },
    'dry-run': { type: 'boolean' },
  })
  const reportsDir = args['weekly-reports']
  if (!args.mentorship || !!args.dir === !!reportsDir)
    throw new CliError(`--mentorship and one of --dir or --weekly-reports are required\nusage: ${USAGE}`)
  const dryRun = args['dry-run'] ?? false
  // Everything is read and checked before the database is opened.
  const plan = args.dir ? recordPlan(args.dir) : reportsPlan(reportsDir!)
  for (const line of plan.notes) console.log(line)
  if (plan.errors.length) {
    for (const error of plan.errors) console.error(`malformed ${error.message}`)
    console.error(`nothing imported: ${plan.errors.length} malformed file(s)`)
    return 1
  }
  const trellis = await openTrellis('import')
  try {
    const report = await importItems(trellis.deps, args.mentorship, plan.items, {
      dryRun,
      allOrNothing: plan.allOrNothing,
    }).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'NOT_FOUND')
        throw new CliError(`no mentorship ${args.mentorship}`)
      throw error
    })
    printReport(report, dryRun, plan.allOrNothing)
    return report.outcomes.some((o) => o.result === 'refused') || plan.failed ? 1 : 0
  } finally {
    await trellis.close()
  }
})

interface Plan {
  items: ImportItem[]
  /** Malformed input: nothing is imported. */
  errors: ArchiveError[]
  /** Lines to print before importing (what each report could not place). */
  notes: string[]
  /** Files left out that make the exit code 1 without stopping the others. */
  failed: boolean
  allOrNothing: boolean
}

function recordPlan(dir: string): Plan {
  const { files, errors } = filesUnder(dir)
  const read = readRecordFiles(files)
  return {
    items: read.items,
    errors: [...errors, ...read.errors],
    notes: [],
    failed: false,
    allOrNothing: true,
  }
}

/** Each report is one check-in: one that cannot be read is reported and the rest go on. */
function reportsPlan(dir: string): Plan {
  const plan: Plan = { items: [], errors: [], notes: [], failed: false, allOrNothing: false }
  for (const name of entries(dir).sort()) {
    if (!name.endsWith('.md')) {
      plan.notes.push(`ignored   ${name}: not a Markdown report`)
      continue
    }
    try {
      const report = convertWeeklyReport(name, readFileSync(join(dir, name), 'utf8'))
      const { at, weekOf, markdown } = report
      plan.items.push({ kind: 'submitCheckIn', at, weekOf, markdown, source: { file: name, line: 1 } })
      const unplaced = report.unplaced.length ? `; not placed: ${report.unplaced.join(' | ')}` : ''
      plan.notes.push(`read      ${name}: week of ${report.weekOf}${unplaced}`)
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error
      plan.notes.push(`unplaced  ${error.message}`)
      plan.failed = true
    }
  }
  return plan
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => !name.startsWith('.'))
  } catch (error) {
    throw new CliError(`cannot read ${dir}: ${(error as Error).message}`)
  }
}

/** Every file under `dir` but dot-files (`.git`); a link or device is named, not followed. */
function filesUnder(dir: string) {
  const files: ArchiveFile[] = []
  const errors: ArchiveError[] = []
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const full = join(at, entry.name)
      const path = relative(dir, full).split('\\').join('/')
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) files.push({ path, content: readFileSync(full, 'utf8') })
      else errors.push(new ArchiveError({ file: path, line: 1 }, 'not a regular file (a link?): not read'))
    }
  }
  entries(dir)
  walk(dir)
  return { files, errors }
}

function printReport(report: ImportReport, dryRun: boolean, allOrNothing: boolean) {
  const count = { imported: 0, already: 0, refused: 0 }
  const verb = dryRun || !report.written ? 'would import' : 'imported'
  for (const { item, result, reason } of report.outcomes) {
    count[result]++
    const where = `${item.source.file}:${item.source.line}`
    if (result === 'imported') console.log(`${verb}  ${where}: ${describeItem(item)}`)
    else if (result === 'already') console.log(`skipped   ${where}: ${describeItem(item)} (already imported)`)
    else console.log(`refused   ${where}: ${describeItem(item)}: ${reason}`)
  }
  console.log(`${count.imported} to import, ${count.already} already there, ${count.refused} refused`)
  if (dryRun) console.log('dry run: nothing written')
  else if (!report.written && allOrNothing)
    console.log('nothing written: a record is imported whole, and the domain refused part of it')
  else console.log(`written: ${report.outcomes.filter((o) => o.result === 'imported').length} item(s)`)
}
