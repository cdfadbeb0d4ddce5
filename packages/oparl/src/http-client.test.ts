/** The polite client: retries with backoff on 5xx, timeouts and broken JSON; not on 404; limits concurrency and rate. */
import { afterEach, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HttpError, OParlHttpClient, parseRetryAfter } from './http-client.ts'

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()))
  server = undefined
})

/** A server answering each request with the next planned response. */
async function serve(plan: Array<(res: import('node:http').ServerResponse) => void>, onRequest?: () => void): Promise<string> {
  let n = 0
  server = createServer((_req, res) => {
    onRequest?.()
    const step = plan[Math.min(n++, plan.length - 1)]
    step(res)
  })
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`
}
const ok = (body: unknown) => (res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))

describe('OParlHttpClient', () => {
  it('retries 500, broken JSON and a timeout, then succeeds', async () => {
    const url = await serve([
      (res) => res.writeHead(500).end('oops'),
      (res) => res.writeHead(200).end('{"data": ['),
      () => {}, // never answers: timeout
      ok({ data: [1] }),
    ])
    const retries: string[] = []
    const client = new OParlHttpClient({ timeoutMs: 300, backoffBaseMs: 5, requestsPerSecond: 0, onRetry: (r) => retries.push(r.reason) })
    expect(await client.getJson(url)).toEqual({ data: [1] })
    expect(client.stats).toMatchObject({ requests: 4, retries: 3, failures: 0 })
    expect(retries[0]).toBe('HTTP 500')
    expect(retries[1]).toMatch(/unreadable JSON/)
    expect(retries[2]).toMatch(/timed out/)
  })

  it('does not retry a 404 and gives up after the configured retries', async () => {
    const url404 = await serve([(res) => res.writeHead(404).end()])
    const client = new OParlHttpClient({ backoffBaseMs: 1, requestsPerSecond: 0, retries: 3 })
    const error = await client.getJson(url404).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect((error as HttpError).status).toBe(404)
    expect(client.stats.requests).toBe(1)
    await new Promise<void>((r) => server!.close(() => r()))
    const url500 = await serve([(res) => res.writeHead(503).end()])
    const again = new OParlHttpClient({ backoffBaseMs: 1, requestsPerSecond: 0, retries: 2 })
    await expect(again.getJson(url500)).rejects.toMatchObject({ status: 503 })
    expect(again.stats).toMatchObject({ requests: 3, retries: 2, failures: 1 })
  })

  it('backs off exponentially and honours Retry-After', async () => {
    const url = await serve([(res) => res.writeHead(429, { 'retry-after': '0' }).end(), (res) => res.writeHead(500).end(), ok({})])
    const delays: number[] = []
    const client = new OParlHttpClient({ backoffBaseMs: 40, requestsPerSecond: 0, onRetry: (r) => delays.push(r.delayMs) })
    await client.getJson(url)
    expect(delays[0]).toBe(0)
    expect(delays[1]).toBeGreaterThanOrEqual(60)
    expect(delays[1]).toBeLessThanOrEqual(100)
    expect(parseRetryAfter('2')).toBe(2000)
  })

  it('keeps to the concurrency and the request rate', async () => {
    let active = 0
    let peak = 0
    const starts: number[] = []
    const url = await serve([
      (res) => {
        active++
        peak = Math.max(peak, active)
        setTimeout(() => {
          active--
          ok({})(res)
        }, 30)
      },
    ], () => starts.push(Date.now()))
    const client = new OParlHttpClient({ concurrency: 2, requestsPerSecond: 0 })
    await Promise.all(Array.from({ length: 8 }, () => client.getJson(url)))
    expect(peak).toBe(2)
    const slow = new OParlHttpClient({ concurrency: 8, requestsPerSecond: 20 })
    starts.length = 0
    const t0 = Date.now()
    await Promise.all(Array.from({ length: 6 }, () => slow.getJson(url)))
    // 6 requests at 20/s: the last starts 250 ms after the first
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240)
  })

  it('stops at once when its signal aborts', async () => {
    const url = await serve([() => {}])
    const controller = new AbortController()
    const client = new OParlHttpClient({ signal: controller.signal, timeoutMs: 10_000, requestsPerSecond: 0 })
    const pending = client.getJson(url)
    setTimeout(() => controller.abort(new Error('stop')), 50)
    await expect(pending).rejects.toThrow('stop')
  })
})
