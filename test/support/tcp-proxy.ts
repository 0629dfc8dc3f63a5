/** A TCP proxy a test can cut and resume: a dependency (PostgreSQL, Redis) that goes away and comes back. */
import { once } from 'node:events'
import { connect, createServer, type Server, type Socket } from 'node:net'

export interface TcpProxy {
  /** The proxy's port on 127.0.0.1. */
  port: number
  /** Drops every connection and stops accepting new ones. */
  cut(): Promise<void>
  /** Accepts connections again, on the same port. */
  resume(): Promise<void>
  close(): Promise<void>
}

export async function tcpProxy(host: string, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  const serve = (): Server =>
    createServer((client) => {
      const upstream = connect(port, host)
      for (const s of [client, upstream]) {
        sockets.add(s)
        s.on('error', () => {})
        s.on('close', () => sockets.delete(s))
      }
      client.pipe(upstream).pipe(client)
    })
  let server: Server | null = serve().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const cut = async () => {
    if (server === null) return
    const closing = server
    server = null
    const closed = new Promise<void>((resolve) => closing.close(() => resolve()))
    for (const s of sockets) s.destroy()
    await closed
  }
  return {
    port: address.port,
    cut,
    async resume() {
      if (server !== null) return
      server = serve().listen(address.port, '127.0.0.1')
      await once(server, 'listening')
    },
    close: cut,
  }
}
