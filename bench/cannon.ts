import { fork, type ChildProcess } from 'node:child_process'

export interface LoadJob {
  url: string
  headers: Record<string, string>
  bodies: string[]
  connections: number
  seconds: number
}

export interface LoadResult {
  requests: number
  seconds: number
  p50Ms: number
  p99Ms: number
  /** Connection errors, timeouts, non-2xx answers and 200s that carry GraphQL errors. */
  failures: number
}

/** One child process running autocannon, reused for every job (starting one costs a second). */
export function startCannon() {
  const child: ChildProcess = fork(new URL('./load.ts', import.meta.url).pathname, { stdio: 'inherit' })
  let queue = Promise.resolve() as Promise<unknown>
  return {
    fire(job: LoadJob): Promise<LoadResult> {
      const run = queue.then(
        () =>
          new Promise<LoadResult>((resolve, reject) => {
            const exited = (code: number | null) => reject(new Error(`the load generator exited (${code})`))
            child.once('exit', exited)
            child.once('message', (answer) => {
              child.off('exit', exited)
              resolve(answer as LoadResult)
            })
            child.send(job)
          }),
      )
      queue = run.catch(() => {})
      return run
    },
    close() {
      child.kill()
    },
  }
}
