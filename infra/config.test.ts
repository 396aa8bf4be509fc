import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

describe('configuration from the environment', () => {
  it('TRELLIS_NOW starts the clock at a chosen instant', () => {
    expect(loadConfig({ TRELLIS_NOW: '2026-05-31T09:00:00Z' }).now?.toISO()).toBe('2026-05-31T09:00:00.000Z')
  })

  it('a bad TRELLIS_NOW or PORT is a clear configuration error', () => {
    expect(() => loadConfig({ TRELLIS_NOW: 'yesterday' })).toThrow(ConfigError)
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be/)
  })

  it('the embedded default needs nothing set', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 4000,
      databaseUrl: null,
      eventstoreUrl: null,
      demo: true,
      oidc: null,
    })
    expect(config.dataDir).toMatch(/data$/)
  })
})
