import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, relative, resolve, sep } from 'node:path'
import { pairRecord } from '../services/archive/queries.ts'
import { recordFiles } from '../services/archive/write.ts'
import { CliError, cliArgs, openTrellis, runCli } from './archiveCli.ts'

/**
 * `npm run export -- --mentorship <id> --out <dir>`: the pair's record as Markdown files in <dir>
 * (created if missing; the export's own files are overwritten, others left alone), the same files
 * the GraphQL `exportMentorship` returns. Exit 1 for a mistake, 2 when the database is in use.
 */
const USAGE = 'npm run export -- --mentorship <id> --out <dir>'

runCli('export', async () => {
  const args = cliArgs(USAGE, { mentorship: { type: 'string' }, out: { type: 'string' } })
  if (!args.mentorship || !args.out)
    throw new CliError(`--mentorship and --out are required\nusage: ${USAGE}`)
  const out = resolve(args.out)
  // Before the database: a folder that cannot be written is known without touching anything.
  try {
    mkdirSync(out, { recursive: true })
    accessSync(out, constants.W_OK)
  } catch (error) {
    throw new CliError(`cannot write to ${out}: ${(error as Error).message}`)
  }
  const trellis = await openTrellis('export')
  try {
    const record = await pairRecord(trellis.deps.db, args.mentorship)
    if (!record) throw new CliError(`no mentorship ${args.mentorship}`)
    const files = recordFiles(record)
    for (const file of files) {
      const target = resolve(out, file.path)
      // The writer names files from dates and periods only; this holds it to staying inside <dir>.
      if (relative(out, target).startsWith('..') || !target.startsWith(out + sep))
        throw new Error(`refusing to write outside ${out}: ${file.path}`)
      try {
        mkdirSync(dirname(target), { recursive: true })
        writeFileSync(target, file.content)
      } catch (error) {
        throw new CliError(`cannot write ${target}: ${(error as Error).message}`)
      }
    }
    console.log(`exported mentorship ${args.mentorship} to ${out}: ${files.length} files`)
    for (const file of files) console.log(`  ${file.path}`)
    return 0
  } finally {
    await trellis.close()
  }
})
