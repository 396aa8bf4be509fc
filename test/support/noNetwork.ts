import net from 'node:net'

/** Tests talk to this machine only: an outbound connection elsewhere is a bug, so refuse it. */
const loopback = /^(localhost|127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/
const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: any[]) {
  const options = typeof args[0] === 'object' && args[0] !== null ? args[0] : { host: args[1] }
  const host = options.host ?? 'localhost'
  if (!options.path && !loopback.test(host)) {
    throw new Error(`outbound network refused in tests: ${host}`)
  }
  return (connect as any).apply(this, args)
} as typeof connect
