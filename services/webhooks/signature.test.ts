import { describe, expect, it } from 'vitest'
import { newWebhookSecret, refusedSecret, signature, signedHeaders, verifySignature } from './signature.ts'

describe('webhook signatures follow Standard Webhooks', () => {
  it('match the specification’s own example', () => {
    expect(
      signature(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')
  })

  it('verify with the secret, and fail for another secret, body, id or time', () => {
    const secret = newWebhookSecret()
    const headers = signedHeaders(secret, 'evt-1', 1_700_000_000, '{"a":1}')
    expect(verifySignature(secret, headers, '{"a":1}')).toBe(true)
    expect(verifySignature(newWebhookSecret(), headers, '{"a":1}')).toBe(false)
    expect(verifySignature(secret, headers, '{"a":2}')).toBe(false)
    expect(verifySignature(secret, { ...headers, 'webhook-id': 'evt-2' }, '{"a":1}')).toBe(false)
    expect(verifySignature(secret, { ...headers, 'webhook-timestamp': '1700000001' }, '{"a":1}')).toBe(false)
  })

  it('generated secrets are 32 random bytes and pass the check a client’s own must pass', () => {
    const secret = newWebhookSecret()
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32)
    expect(refusedSecret(secret)).toBeNull()
    expect(newWebhookSecret()).not.toBe(secret)
  })

  it.each([
    ['MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'must start with whsec_'],
    ['whsec_not base64!', 'must be base64 after the prefix'],
    ['whsec_c2hvcnQ=', 'must hold 24 to 64 bytes'],
    [`whsec_${Buffer.alloc(65).toString('base64')}`, 'must hold 24 to 64 bytes'],
  ])('a client’s secret %s is refused: %s', (secret, why) => expect(refusedSecret(secret)).toBe(why))
})
