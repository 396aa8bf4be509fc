import { describe, expect, it } from 'vitest'
import { canonicalZone, isIanaZone } from './week.ts'

describe('isIanaZone: people’s zones are IANA names', () => {
  it.each([
    ['Asia/Kathmandu', true],
    ['America/St_Johns', true],
    ['UTC', true],
    ['Etc/GMT+5', true],
    ['GMT+0', true], // a real IANA link name, unlike UTC+1
    ['+05:00', false],
    ['-03:30', false],
    ['UTC+1', false],
    ['America/Nowhere', false],
    ['', false],
  ])('%s is %s', (name, valid) => {
    expect(isIanaZone(name)).toBe(valid)
  })
})

describe('canonicalZone: one zone is stored one way', () => {
  it.each([
    ['europe/lisbon', 'Europe/Lisbon'],
    ['utc', 'UTC'],
    ['etc/gmt+5', 'Etc/GMT+5'],
    ['AMERICA/ST_JOHNS', 'America/St_Johns'],
    ['Asia/Kathmandu', 'Asia/Kathmandu'], // current IANA name, though Intl resolves it to Asia/Katmandu
    ['US/Pacific', 'US/Pacific'],
    ['us/pacific', 'America/Los_Angeles'],
  ])('%s is stored as %s', (given, canonical) => {
    expect(canonicalZone(given)).toBe(canonical)
  })

  it('a name that is not a zone is refused, not guessed', () => {
    expect(() => canonicalZone('+05:00')).toThrow(RangeError)
  })
})
