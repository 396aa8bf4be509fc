import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['services/**/*.test.ts', 'infra/**/*.test.ts', 'workflows/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    setupFiles: ['test/support/noNetwork.ts'],
    reporters: ['default', './test/support/summaryReporter.ts'],
  },
})
