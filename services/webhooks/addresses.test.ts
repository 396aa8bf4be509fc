import { describe, expect, it } from 'vitest'
import { isPrivateAddress, refusedUrl } from './addresses.ts'

describe('a webhook never reaches inside the network', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '0:0:0:0:0:ffff:10.0.0.1',
    'not an address',
  ])('%s is refused', (address) => expect(isPrivateAddress(address)).toBe(true))

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => expect(isPrivateAddress(address)).toBe(false),
  )

  it.each([
    ['http://127.0.0.1/x', 'must not point at a loopback or private address'],
    ['http://2130706433/x', 'must not point at a loopback or private address'],
    ['http://0x7f.1/x', 'must not point at a loopback or private address'],
    ['http://[::1]/x', 'must not point at a loopback or private address'],
    ['http://localhost:8080/x', 'must not point at a local host name'],
    ['http://api.localhost/x', 'must not point at a local host name'],
    ['http://metadata/x', 'must not point at a local host name'],
    ['http://printer.local/x', 'must not point at a local host name'],
    ['ftp://hr.example.com/x', 'must be an http or https URL'],
    ['https://user:secret@hr.example.com/x', 'must not carry a user name or password'],
  ])('%s: %s', (url, why) => expect(refusedUrl(new URL(url), false)).toBe(why))

  it('allows public names, and private ones only when TRELLIS_WEBHOOK_ALLOW_PRIVATE=1', () => {
    expect(refusedUrl(new URL('https://hr.example.com/hooks'), false)).toBeNull()
    expect(refusedUrl(new URL('http://127.0.0.1:9000/hooks'), true)).toBeNull()
    // Credentials and other schemes stay refused either way.
    expect(refusedUrl(new URL('https://a:b@127.0.0.1/'), true)).not.toBeNull()
  })
})
