import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReceiver } from '../../test/support/webhookReceiver.ts'
import { createWebhookTransport } from './transport.ts'

/** DNS as an attacker would set it: a public-looking name that points at this machine. */
const rebinding = (address: string, family = 4) =>
  ((
    _host: string,
    _options: unknown,
    callback: (e: null, a: Array<{ address: string; family: number }>) => void,
  ) => callback(null, [{ address, family }])) as any

describe('webhook transport', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  beforeAll(async () => {
    receiver = await startReceiver()
  })
  afterAll(() => receiver?.close())
  const port = () => new URL(receiver.url).port

  it('refuses a name that resolves to a private address, checked when connecting', async () => {
    const transport = createWebhookTransport({ allowPrivate: false, resolve: rebinding('127.0.0.1') })
    await expect(transport.post(`http://hr.example.com:${port()}/hooks/trellis`, {}, '{}')).rejects.toThrow(
      /resolves to a private address/,
    )
    const v6 = createWebhookTransport({ allowPrivate: false, resolve: rebinding('::ffff:127.0.0.1', 6) })
    await expect(v6.post(`http://hr.example.com:${port()}/x`, {}, '{}')).rejects.toThrow(/private address/)
    expect(receiver.received).toHaveLength(0)
  })

  it('refuses literal private addresses before any connection', async () => {
    const transport = createWebhookTransport({ allowPrivate: false })
    await expect(transport.post(receiver.url, {}, '{}')).rejects.toThrow(/loopback or private/)
    expect(receiver.received).toHaveLength(0)
  })

  it('posts and reports the status when private addresses are allowed, following no redirect', async () => {
    const transport = createWebhookTransport({ allowPrivate: true, resolve: rebinding('127.0.0.1') })
    expect(
      await transport.post(`http://hr.example.com:${port()}/hooks/trellis`, { 'x-a': '1' }, '{"a":1}'),
    ).toEqual({
      status: 200,
    })
    expect(receiver.received[0]).toMatchObject({ body: '{"a":1}' })
    expect(receiver.received[0]!.headers['x-a']).toBe('1')
    receiver.answer(302)
    expect((await transport.post(receiver.url, {}, '{}')).status).toBe(302)
  })
})
