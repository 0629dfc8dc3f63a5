/** A real HTTP receiver on 127.0.0.1 for webhook tests: records every request, answers as told. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  headers: IncomingHttpHeaders
  /** The body's bytes as text, exactly as they arrived. */
  raw: string
}

/** How the receiver answers the next request: a status, a dropped connection, or silence. */
export type Behaviour = number | 'drop' | 'hang' | { redirect: string }

export interface Receiver {
  url: string
  port: number
  received: Received[]
  /** Answers in this order, then `fallback` (200 unless set). */
  script: Behaviour[]
  fallback: Behaviour
  /** Stops listening (an outage: connections are refused) and listens again on the same port. */
  stop(): Promise<void>
  start(): Promise<void>
  close(): Promise<void>
}

export async function startReceiver(): Promise<Receiver> {
  let server: Server
  const receiver: Receiver = {
    url: '',
    port: 0,
    received: [],
    script: [],
    fallback: 200,
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
    async start() {
      server = make()
      await new Promise<void>((resolve) => server.listen(receiver.port, '127.0.0.1', resolve))
      receiver.port = (server.address() as AddressInfo).port
      receiver.url = `http://127.0.0.1:${receiver.port}/hooks`
    },
    async close() {
      if (server.listening) await receiver.stop()
    },
  }
  const make = () =>
    createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        receiver.received.push({
          headers: req.headers,
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        const behaviour = receiver.script.shift() ?? receiver.fallback
        if (behaviour === 'drop') return req.socket.destroy()
        if (behaviour === 'hang') return
        if (typeof behaviour === 'object') {
          res.writeHead(302, { location: behaviour.redirect }).end()
          return
        }
        res.writeHead(behaviour, { 'content-type': 'text/plain' }).end('x'.repeat(100_000))
      })
    })
  await receiver.start()
  return receiver
}
