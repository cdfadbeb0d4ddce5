/**
 * Concurrent editing: two department authors type into the same section of a paper through the
 * real relay for --seconds (default 60); author B loses the network for the middle half and keeps
 * typing offline, then reconnects.
 *
 * Each client behaves like the section editor (rt-rich-text-editor): a keystroke is the minimal
 * splice between the text before and after it (rich-text-ops.ts), made at a caret that moves
 * through remote changes via Automerge patches. Every inserted character is tagged with its
 * Automerge element id; at the end the merged text must hold exactly the characters both typed,
 * minus the ones either of them deleted.
 *
 * Prints keystrokes per client, merged length, the merge time after reconnect (until both clients
 * and the relay hold everything the other side had at the moment of reconnecting) and its ratio
 * to a baseline measured in the same run: the round trip of one small change from one client
 * through the relay to the other while both are online.
 *
 *   npm run bench:concurrent-editing -- [--seconds 60] [--seed 1]
 *
 * The relay runs in a child process (this script with --relay) so that it does not share an event
 * loop with the typing clients; the parent asks it for its heads over the IPC channel.
 */
import * as A from '@automerge/automerge'
import { Repo, type AutomergeUrl, type DocHandle, type DocHandleChangePayload, type DocumentId, type PeerId } from '@automerge/automerge-repo'
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { PaperDoc, PaperListEntry } from '@ratstisch/domain'
import { mapIndex, spliceBetween, splicesFromPatches } from '../client/src/components/rich-text-editor/rich-text-ops.ts'
import { NodeSyncClientAdapter } from '../sync-server/src/testing/node-sync-client.ts'
import { percentile, ROOT } from './support/processes.ts'

/** The section both authors type into (Sachverhalt of a Beschlussvorlage). */
const SECTION = 1
const PATH = ['sections', SECTION, 'text']
const PASSWORD = 'bench-password-123'
const AUTHORS = [
  { id: 'author-a', username: 'author-a', name: 'Anna Autorin' },
  { id: 'author-b', username: 'author-b', name: 'Bernd Bearbeiter' },
] as const

type RelayQuery = { type: 'heads'; documentId: string } | { type: 'wait-heads'; documentId: string; heads: string[] }
type RelayRequest = RelayQuery & { id: number }
type RelayReply = { id: number; heads: string[]; text: string }

// =============================================================================================
// child: the relay (test fixture town plus two authors of the Bauamt)

async function runRelay(): Promise<void> {
  const { startFixture } = await import('../sync-server/src/testing/relay-fixture.ts')
  const dataDir = process.env.DATA_DIR
  if (!dataDir) throw new Error('DATA_DIR is required')
  const fx = await startFixture({ port: 0 }, dataDir)
  for (const a of AUTHORS) await fx.relay.users.create({ ...a, password: PASSWORD, roles: ['author'], departmentId: 'dept-bau' })

  const handles = new Map<string, Promise<DocHandle<PaperDoc>>>()
  const handleOf = (documentId: string) => {
    let h = handles.get(documentId)
    if (!h) handles.set(documentId, (h = fx.relay.relayRepo.handle<PaperDoc>(documentId as DocumentId)))
    return h
  }
  const reply = (id: number, handle: DocHandle<PaperDoc>) => {
    const doc = handle.doc()
    const message: RelayReply = { id, heads: A.getHeads(doc), text: doc.sections[SECTION].text }
    process.send!(message)
  }
  process.on('message', async (raw) => {
    const request = raw as RelayRequest
    const handle = await handleOf(request.documentId)
    if (request.type === 'heads') return reply(request.id, handle)
    const check = () => {
      if (!A.hasHeads(handle.doc(), request.heads)) return
      handle.off('change', check)
      reply(request.id, handle)
    }
    handle.on('change', check)
    check()
  })
  process.on('SIGTERM', () => process.exit(0))
  process.stdout.write(`PORT ${fx.port}\n`)
}

// =============================================================================================
// parent: two typing clients

class RelayProcess {
  private nextId = 1
  private readonly waiting = new Map<number, (reply: RelayReply) => void>()

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (raw) => {
      const reply = raw as RelayReply
      this.waiting.get(reply.id)?.(reply)
      this.waiting.delete(reply.id)
    })
  }

  static start(dataDir: string): Promise<RelayProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--relay'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    })
    return new Promise((resolve, reject) => {
      let out = ''
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /PORT (\d+)/.exec(out)
        if (m) resolve(new RelayProcess(child, Number(m[1])))
      })
      child.on('exit', (code) => reject(new Error(`relay exited with ${code}`)))
    })
  }

  private ask(request: RelayQuery): Promise<RelayReply> {
    const id = this.nextId++
    return new Promise((resolve) => {
      this.waiting.set(id, resolve)
      this.child.send({ ...request, id })
    })
  }

  heads(documentId: string): Promise<RelayReply> {
    return this.ask({ type: 'heads', documentId })
  }

  /** Resolves when the relay's copy contains all of `heads`. */
  waitHeads(documentId: string, heads: string[]): Promise<RelayReply> {
    return this.ask({ type: 'wait-heads', documentId, heads })
  }

  stop(): void {
    this.child.kill('SIGTERM')
  }
}

/** A small deterministic PRNG (mulberry32), so runs with the same --seed type the same keys. */
function prng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = (
  'Der Bau- und Vergabeausschuss empfiehlt dem Stadtrat die Sanierung der Hauptstraße zwischen Marktplatz ' +
  'und Bahnhof. Die Kosten betragen voraussichtlich 1,2 Mio. € und werden aus dem Haushalt 2026 finanziert. ' +
  'Gemäß § 45 KVG LSA ist der Stadtrat zuständig. Anwohnerinnen und Anwohner wurden frühzeitig beteiligt; ' +
  'die Straßenbeleuchtung wird auf LED umgestellt, Gehwege werden barrierefrei. Fördermittel über 480.000 € ' +
  'sind beantragt. Größere Bäume bleiben erhalten, Parkplätze entfallen nur vereinzelt. 🚧 Während der Bauzeit ' +
  'gilt eine Umleitung über die Schulstraße; Rettungswege bleiben frei. Die Öffentlichkeit wird informiert.'
).split(' ')

interface Typist {
  name: string
  repo: Repo
  adapter: NodeSyncClientAdapter
  handle: DocHandle<PaperDoc>
  caret: number
  /** element id -> character, for every character this client inserted */
  inserted: Map<string, string>
  /** element ids this client deleted */
  deleted: Set<string>
  inserts: number
  deletes: number
  offlineKeystrokes: number
  online: boolean
  pending: string[]
  random: () => number
  local: boolean
}

const textOf = (handle: DocHandle<PaperDoc>): string => handle.doc().sections[SECTION].text
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff
/** The Automerge element id of the character at a UTF-16 index ("12@ab34…"). */
const elementAt = (doc: A.Doc<PaperDoc>, index: number): string => A.getCursor(doc, PATH, index).replace(/^-/, '')

function nextKey(t: Typist): string {
  if (t.pending.length === 0) {
    const word = WORDS[Math.floor(t.random() * WORDS.length)]
    const end = t.random() < 0.05 ? '\n\n' : ' '
    t.pending = [...word, ...end]
  }
  return t.pending.shift()!
}

/** One keystroke as the editor makes it: the splice between the text before and after. */
function keystroke(t: Typist): void {
  const before = textOf(t.handle)
  t.caret = Math.min(t.caret, before.length)
  const r = t.random()
  if (r < 0.06) {
    // jump somewhere else first: the end or a random place (never into a surrogate pair)
    let at = t.random() < 0.5 ? before.length : Math.floor(t.random() * (before.length + 1))
    if (at > 0 && at < before.length && isLow(before.charCodeAt(at))) at--
    t.caret = at
  }
  if (r > 0.9 && t.caret > 0) {
    const width = isLow(before.charCodeAt(t.caret - 1)) ? 2 : 1
    const id = elementAt(t.handle.doc(), t.caret - width)
    const after = before.slice(0, t.caret - width) + before.slice(t.caret)
    const splice = spliceBetween(before, after, t.caret - width)!
    change(t, splice)
    t.deleted.add(id)
    t.caret -= width
    t.deletes++
  } else {
    const key = nextKey(t)
    const after = before.slice(0, t.caret) + key + before.slice(t.caret)
    const splice = spliceBetween(before, after, t.caret + key.length)!
    if (splice.deleteCount !== 0 || splice.insert !== key) throw new Error(`unexpected splice ${JSON.stringify(splice)}`)
    change(t, splice)
    t.inserted.set(elementAt(t.handle.doc(), splice.index), key)
    t.caret = splice.index + key.length
    t.inserts++
  }
  if (!t.online) t.offlineKeystrokes++
}

function change(t: Typist, splice: { index: number; deleteCount: number; insert: string }): void {
  t.local = true
  try {
    t.handle.change((d) => A.splice(d, PATH, splice.index, splice.deleteCount, splice.insert))
  } finally {
    t.local = false
  }
}

async function login(origin: string, username: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`)
  return res.headers.get('set-cookie')!.split(';')[0]
}

function connect(relay: RelayProcess, cookie: string): NodeSyncClientAdapter {
  const origin = `http://127.0.0.1:${relay.port}`
  return new NodeSyncClientAdapter(`ws://127.0.0.1:${relay.port}/sync`, { cookie, origin })
}

/** Resolves (with the time) when the handle's document contains all of `heads`. */
function whenHas(handle: DocHandle<PaperDoc>, heads: string[]): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (!A.hasHeads(handle.doc(), heads)) return
      handle.off('change', check)
      resolve(performance.now())
    }
    handle.on('change', check)
    check()
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, seed: { type: 'string', default: '1' } } })
  const seconds = Number(values.seconds)
  const seed = Number(values.seed)
  if (!(seconds >= 2)) throw new Error('--seconds must be at least 2')

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-bench-editing-'))
  const relay = await RelayProcess.start(dataDir)
  const origin = `http://127.0.0.1:${relay.port}`
  try {
    const cookies = await Promise.all(AUTHORS.map((a) => login(origin, a.username)))
    const created = await fetch(`${origin}/api/papers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie: cookies[0] },
      body: JSON.stringify({ paperType: 'Beschlussvorlage', name: 'Sanierung der Hauptstraße (Benchmark)' }),
    })
    if (created.status !== 201) throw new Error(`creating the paper: ${created.status} ${await created.text()}`)
    const entry = (await created.json()) as PaperListEntry
    const url = entry.url as AutomergeUrl
    const documentId = url.slice('automerge:'.length)

    const typists: Typist[] = []
    for (const [i, author] of AUTHORS.entries()) {
      const adapter = connect(relay, cookies[i])
      const repo = new Repo({ network: [adapter], peerId: `u-${author.id}-bench` as PeerId })
      await adapter.whenReady()
      const handle = await repo.find<PaperDoc>(url, { signal: AbortSignal.timeout(30_000) })
      const t: Typist = {
        name: author.name,
        repo,
        adapter,
        handle,
        caret: 0,
        inserted: new Map(),
        deleted: new Set(),
        inserts: 0,
        deletes: 0,
        offlineKeystrokes: 0,
        online: true,
        pending: [],
        random: prng(seed * 1000 + i),
        local: false,
      }
      // A colleague's change moves the caret like the editor does: through the patches.
      handle.on('change', ({ patches }: DocHandleChangePayload<PaperDoc>) => {
        if (t.local) return
        const splices = splicesFromPatches(patches, PATH)
        t.caret = splices ? mapIndex(t.caret, splices, 'before') : Math.min(t.caret, textOf(handle).length)
      })
      typists.push(t)
    }
    const [a, b] = typists

    // --- baseline: one small change from one client through the relay to the other ---------
    const roundTrips: number[] = []
    for (let n = 0; n < 25; n++) {
      const [from, to] = n % 2 === 0 ? [a, b] : [b, a]
      const started = performance.now()
      from.handle.change((d) => A.splice(d, ['sections', 0, 'text'], 0, 0, 'x'))
      const arrived = await whenHas(to.handle, A.getHeads(from.handle.doc()))
      if (n >= 5) roundTrips.push(arrived - started)
      await sleep(40)
    }
    const baseline = percentile(roundTrips, 50)

    // --- typing -------------------------------------------------------------------------------
    const durationMs = seconds * 1000
    const offlineAt = durationMs / 4
    const onlineAt = (durationMs * 3) / 4
    const started = performance.now()
    let typing = true
    const loops = typists.map(async (t) => {
      while (typing) {
        await sleep(30 + t.random() * 50)
        if (typing) keystroke(t)
      }
    })

    await sleep(offlineAt)
    b.repo.networkSubsystem.removeNetworkAdapter(b.adapter)
    b.online = false
    const offlineSince = performance.now()
    await sleep(onlineAt - (performance.now() - started))

    // reconnect: what each side had at this moment must reach the other side and the relay
    const headsA = A.getHeads(a.handle.doc())
    const headsB = A.getHeads(b.handle.doc())
    const offlineFor = performance.now() - offlineSince
    const reconnectAt = performance.now()
    b.adapter = connect(relay, cookies[1])
    b.repo.networkSubsystem.addNetworkAdapter(b.adapter)
    b.online = true
    const [aHasB, bHasA, relayHasBoth] = await Promise.all([
      whenHas(a.handle, headsB),
      whenHas(b.handle, headsA),
      relay.waitHeads(documentId, [...headsA, ...headsB]).then(() => performance.now()),
    ])
    const mergeMs = Math.max(aHasB, bHasA, relayHasBoth) - reconnectAt

    await sleep(Math.max(0, durationMs - (performance.now() - started)))
    typing = false
    await Promise.all(loops)

    // --- quiescence: identical heads and text everywhere ---------------------------------------
    const stopAt = performance.now()
    let relayState = await relay.heads(documentId)
    for (;;) {
      const ha = A.getHeads(a.handle.doc()).sort().join()
      const hb = A.getHeads(b.handle.doc()).sort().join()
      relayState = await relay.heads(documentId)
      if (ha === hb && hb === [...relayState.heads].sort().join() && textOf(a.handle) === textOf(b.handle) && textOf(a.handle) === relayState.text) break
      if (performance.now() - stopAt > 60_000) throw new Error('clients and relay did not converge within 60 s')
      await sleep(10)
    }
    const quiesceMs = performance.now() - stopAt

    // --- every keystroke kept? -------------------------------------------------------------------
    const doc = a.handle.doc()
    const text = textOf(a.handle)
    const expected = new Map<string, string>([...a.inserted, ...b.inserted])
    const deleted = new Set([...a.deleted, ...b.deleted])
    const seen = new Set<string>()
    const problems: string[] = []
    for (let i = 0; i < text.length; ) {
      const width = i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1
      const id = elementAt(doc, i)
      const ch = text.slice(i, i + width)
      if (expected.get(id) !== ch) problems.push(`unexpected ${JSON.stringify(ch)} (${id}) at ${i}`)
      if (deleted.has(id)) problems.push(`deleted ${JSON.stringify(ch)} (${id}) is back at ${i}`)
      if (seen.has(id)) problems.push(`${id} twice`)
      seen.add(id)
      i += width
    }
    let lost = 0
    for (const id of expected.keys()) if (!deleted.has(id) && !seen.has(id)) lost++
    if (lost) problems.push(`${lost} typed characters are missing`)
    const survived = (t: Typist) => [...t.inserted.keys()].filter((id) => !deleted.has(id)).length

    // --- report ----------------------------------------------------------------------------------
    const f = (ms: number) => `${ms.toFixed(1)} ms`
    console.log(`concurrent editing: 2 authors, one section, ${seconds} s (B offline ${(offlineFor / 1000).toFixed(1)} s in the middle), seed ${seed}`)
    // A starved machine types fewer keys than planned (one every 30–80 ms) and merges slower.
    console.log(`  machine                 ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} (1 min)`)
    for (const t of typists) {
      console.log(
        `  ${t.name.padEnd(18)} keystrokes ${String(t.inserts + t.deletes).padStart(5)} (${t.inserts} typed, ${t.deletes} deleted; ${t.offlineKeystrokes} offline), characters kept ${survived(t)}`,
      )
    }
    console.log(`  merged text             ${text.length} UTF-16 code units, ${seen.size} characters, identical on A, B and the relay`)
    console.log(`  every keystroke kept    ${problems.length === 0 ? 'yes' : `NO: ${problems.slice(0, 5).join('; ')}`}`)
    console.log(`  baseline round trip     p50 ${f(baseline)} (one change A→relay→B / B→relay→A, both online)`)
    console.log(`  merge after reconnect   ${f(mergeMs)} (A has B's offline work ${f(aHasB - reconnectAt)}, B has A's ${f(bHasA - reconnectAt)}, relay both ${f(relayHasBoth - reconnectAt)})`)
    console.log(`  ratio merge/baseline    ${(mergeMs / baseline).toFixed(1)}×`)
    console.log(`  converged after typing  ${f(quiesceMs)} after the last keystroke`)

    for (const t of typists) {
      t.repo.networkSubsystem.adapters.forEach((x) => x.disconnect())
      await t.repo.shutdown().catch(() => {})
    }
    process.exitCode = problems.length === 0 ? 0 : 1
  } finally {
    relay.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

if (process.argv.includes('--relay')) await runRelay()
else {
  await main()
  // stdout may be a pipe (asynchronous): let the report out before ending the open handles
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()))
  process.exit()
}
