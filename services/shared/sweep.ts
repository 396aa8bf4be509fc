/**
 * A task run every `everyMs`, each run after the last one ended (never two at once), until
 * stopped; a failing run is reported and the next one still comes.
 */
export function startSweep(task: () => Promise<unknown>, everyMs: number, onError: (error: unknown) => void) {
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> = Promise.resolve()
  let stopped = false
  const tick = () => {
    running = task().then(
      () => undefined,
      (error) => onError(error),
    )
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, everyMs)
    })
  }
  tick()
  return {
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
