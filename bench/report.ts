import { writeFileSync } from 'node:fs'

export interface RouteResult {
  name: string
  store: string
  concurrency: number
  rps: number
  p50Ms: number
  p99Ms: number
  baselineRps: number
  ratio: number
  /** The baseline's own latency at the same concurrency: how far below it a p99 bar can go here. */
  baselineP50Ms: number
  baselineP99Ms: number
}

export interface FigureResult {
  name: string
  store: string
  value: number
  unit: string
}

export type Result = RouteResult | FigureResult

/** The targets; a figure that misses one is reported as missed, never loosened. */
export const TARGETS = {
  ratio: 0.25,
  p99Ms: 50,
  concurrency: 32,
  projectionEventsPerSecond: 5000,
  rebuildMillionSeconds: 300,
}

const isRoute = (r: Result): r is RouteResult => 'rps' in r

/** Query targets hold at 32 connections on PostgreSQL; elsewhere a figure is information. */
export function routeVerdict(r: RouteResult, query: boolean): string {
  if (r.store !== 'postgres' || r.concurrency !== TARGETS.concurrency) return ''
  const misses = [
    r.ratio < TARGETS.ratio ? `ratio < ${TARGETS.ratio}` : '',
    r.p99Ms >= TARGETS.p99Ms ? `p99 ≥ ${TARGETS.p99Ms} ms` : '',
  ].filter(Boolean)
  const verdict = misses.length ? `MISSED (${misses.join(', ')})` : 'met'
  return query ? verdict : `${verdict}; a mutation, not a query target`
}

export function figureVerdict(f: FigureResult): string {
  if (f.name === 'projection catch-up')
    return f.value >= TARGETS.projectionEventsPerSecond
      ? 'met'
      : `MISSED (< ${TARGETS.projectionEventsPerSecond})`
  if (f.name.startsWith('rebuild 1,000,000 events'))
    return f.value < TARGETS.rebuildMillionSeconds ? 'met' : `MISSED (≥ ${TARGETS.rebuildMillionSeconds} s)`
  return ''
}

export function writeResults(path: string, results: Result[]) {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`)
}

export function printTable(
  results: Result[],
  queries: ReadonlySet<string>,
  notes: ReadonlyMap<string, string>,
) {
  const routes = results.filter(isRoute)
  const figures = results.filter((r): r is FigureResult => !isRoute(r))
  const rows = [
    [
      'store',
      'route',
      'conn',
      'rps',
      'p50 ms',
      'p99 ms',
      'baseline rps',
      'baseline p99 ms',
      'ratio',
      'target (pg, 32 conn)',
    ],
    ...routes.map((r) => [
      r.store,
      r.name,
      String(r.concurrency),
      r.rps.toFixed(0),
      r.p50Ms.toFixed(1),
      r.p99Ms.toFixed(1),
      r.baselineRps.toFixed(0),
      r.baselineP99Ms.toFixed(1),
      r.ratio.toFixed(3),
      [routeVerdict(r, queries.has(r.name)), notes.get(`${r.store}/${r.name}/${r.concurrency}`) ?? '']
        .filter(Boolean)
        .join('; '),
    ]),
  ]
  console.log(table(rows))
  console.log()
  console.log(
    table([
      ['store', 'figure', 'value', 'unit', 'target'],
      ...figures.map((f) => [f.store, f.name, format(f.value), f.unit, figureVerdict(f)]),
    ]),
  )
}

function format(value: number) {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2)
}

/** A Markdown table, so the output pastes into bench/README.md as is. */
function table(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [
    line(rows[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n')
}
