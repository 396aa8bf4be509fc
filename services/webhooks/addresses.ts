import { BlockList, isIP } from 'node:net'

/**
 * Addresses a webhook may not reach (server-side request forgery): loopback, private and
 * link-local ranges (cloud metadata lives at 169.254.169.254), carrier-grade NAT, multicast,
 * the unspecified and reserved blocks, and their IPv6 counterparts.
 */
const refused = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  refused.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2002::', 16],
] as const)
  refused.addSubnet(network, prefix, 'ipv6')

/** Whether an IP address (v4 or v6) is one a webhook must not be sent to. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  const version = isIP(ip)
  if (version === 4) return refused.check(ip, 'ipv4')
  if (version !== 6) return true
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1, ::ffff:7f00:1) is judged as itself.
  const mapped = ipv4Inside(ip)
  return mapped ? refused.check(mapped, 'ipv4') : refused.check(ip, 'ipv6')
}

function ipv4Inside(ip: string): string | null {
  const dotted = /^(?:0{0,4}:){0,5}(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (dotted) return dotted[1]!
  const hex = /^(?:0{0,4}:){0,5}ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip)
  if (!hex) return null
  const high = parseInt(hex[1]!, 16)
  const low = parseInt(hex[2]!, 16)
  return [high >> 8, high & 255, low >> 8, low & 255].join('.')
}

/** Host names that always mean this machine, whatever DNS says. */
const LOCAL_NAMES =
  /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback)$|\.localhost$|\.local$|\.internal$/i

/**
 * A delivery URL's own verdict, before any lookup: why it is refused, or null. A host name that
 * resolves to a private address is caught again when delivering (DNS can change after creation).
 */
export function refusedUrl(url: URL, allowPrivate: boolean): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL'
  if (url.username || url.password) return 'must not carry a user name or password'
  if (allowPrivate) return null
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host)) return isPrivateAddress(host) ? 'must not point at a loopback or private address' : null
  if (LOCAL_NAMES.test(host) || !host.includes('.')) return 'must not point at a local host name'
  return null
}
