/**
 * The browser half of bench/encrypted-store.ts (bundled with Vite, run in Chromium): meeting-sized
 * Automerge documents stored through the app's own storage stack — IndexedDBStorageAdapter, plain
 * and wrapped in EncryptedStorageAdapter — and loaded back one by one by a fresh repo, as the app
 * does after a cold start; plus the app lock's unlock (PBKDF2 at the app's iteration count).
 */
import { Repo, type AutomergeUrl } from '@automerge/automerge-repo'
import { IndexedDBStorageAdapter } from '@automerge/automerge-repo-storage-indexeddb'
import { AppLock, MemoryAppLockStore } from '../../client/src/services/app-lock.ts'
import { PBKDF2_ITERATIONS } from '../../client/src/services/app-lock-policy.ts'
import { EncryptedStorageAdapter } from '../../client/src/services/encrypted-storage-adapter.ts'
import { LocalCipher } from '../../client/src/services/local-cipher.ts'

interface MeetingLike {
  name: string
  agendaItems: { id: string; number: string; title: string; text: string; files: { sha256: string; name: string; size: number }[] }[]
}

function meeting(i: number, items: number): MeetingLike {
  return {
    name: `Sitzung ${i} des Bau- und Vergabeausschusses`,
    agendaItems: Array.from({ length: items }, (_, j) => ({
      id: `item-${i}-${j}`,
      number: `Ö ${j + 1}`,
      title: `Bebauungsplan Nr. ${100 + j} „Am Mühlbach“ – Satzungsbeschluss (Sitzung ${i})`,
      text: `Die Verwaltung schlägt vor, den Bebauungsplan Nr. ${100 + j} als Satzung zu beschließen. Die Stellungnahmen aus der Beteiligung der Öffentlichkeit wurden geprüft und abgewogen.`,
      files: [{ sha256: `${i}`.padStart(64, 'a'), name: `Vorlage ${i}-${j}.pdf`, size: 120_000 + j }],
    })),
  }
}

const storageOf = (db: string, cipher?: LocalCipher) => (cipher ? new EncryptedStorageAdapter(new IndexedDBStorageAdapter(db), cipher) : new IndexedDBStorageAdapter(db))

async function create(db: string, count: number, items: number, cipher?: LocalCipher): Promise<{ urls: AutomergeUrl[]; ms: number }> {
  const repo = new Repo({ storage: storageOf(db, cipher), network: [] })
  const started = performance.now()
  const urls: AutomergeUrl[] = []
  for (let i = 0; i < count; i++) urls.push(repo.create<MeetingLike>(meeting(i, items)).url)
  await repo.flush()
  const ms = performance.now() - started
  await repo.shutdown()
  return { urls, ms }
}

/**
 * Fresh repos (nothing in memory, a cold start of the app) load every document one by one, the
 * plain and the sealed copy of document i right after each other, so that the machine's changing
 * load falls on both alike. Returns the summed milliseconds of each.
 */
async function loadBoth(plain: AutomergeUrl[], sealed: AutomergeUrl[], cipher: LocalCipher): Promise<{ plain: number; sealed: number }> {
  const plainRepo = new Repo({ storage: storageOf('bench-plain'), network: [] })
  const sealedRepo = new Repo({ storage: storageOf('bench-sealed', cipher), network: [] })
  const totals = { plain: 0, sealed: 0 }
  const timeFind = async (repo: Repo, url: AutomergeUrl) => {
    const started = performance.now()
    const handle = await repo.find<MeetingLike>(url, { signal: AbortSignal.timeout(30_000) })
    if (handle.doc().agendaItems.length === 0) throw new Error('empty document')
    return performance.now() - started
  }
  for (let i = 0; i < plain.length; i++) {
    // which one goes first alternates too
    if (i % 2 === 0) {
      totals.plain += await timeFind(plainRepo, plain[i])
      totals.sealed += await timeFind(sealedRepo, sealed[i])
    } else {
      totals.sealed += await timeFind(sealedRepo, sealed[i])
      totals.plain += await timeFind(plainRepo, plain[i])
    }
  }
  await plainRepo.shutdown()
  await sealedRepo.shutdown()
  return totals
}


export async function runBench(options: { documents: number; items: number; rounds: number }) {
  const cipher = new LocalCipher(await LocalCipher.generateKey())
  const plain = await create('bench-plain', options.documents, options.items)
  const sealed = await create('bench-sealed', options.documents, options.items, cipher)
  const plainLoads: number[] = []
  const sealedLoads: number[] = []
  await loadBoth(plain.urls, sealed.urls, cipher) // warm-up: wasm, IndexedDB and the JIT
  for (let r = 0; r < options.rounds; r++) {
    const round = await loadBoth(plain.urls, sealed.urls, cipher)
    plainLoads.push(round.plain)
    sealedLoads.push(round.sealed)
  }

  // raw AES-GCM on one document's worth of bytes and on a PDF-sized blob
  const mb = crypto.getRandomValues(new Uint8Array(1 << 16))
  const big = new Uint8Array(4 << 20)
  for (let i = 0; i < big.length; i += mb.length) big.set(mb, i)
  const sealStarted = performance.now()
  const sealedBig = await cipher.seal(big)
  const sealMs = performance.now() - sealStarted
  const openStarted = performance.now()
  await cipher.open(sealedBig)
  const openMs = performance.now() - openStarted

  // the app lock: first PIN, then unlocks (each one derivation at the app's iteration count)
  const lock = new AppLock(new MemoryAppLockStore())
  const setupStarted = performance.now()
  await lock.setUp('bench-user', '246810', '246810')
  const setupMs = performance.now() - setupStarted
  const unlocks: number[] = []
  for (let i = 0; i < 5; i++) {
    const started = performance.now()
    const result = await lock.unlock('bench-user', '246810')
    if (!result.ok) throw new Error(`unlock failed: ${result.reason}`)
    unlocks.push(performance.now() - started)
  }
  return {
    createPlainMs: plain.ms,
    createSealedMs: sealed.ms,
    plainLoads,
    sealedLoads,
    sealMs,
    openMs,
    bigBytes: big.byteLength,
    iterations: PBKDF2_ITERATIONS,
    setupMs,
    unlocks,
  }
}

;(window as unknown as { runBench: typeof runBench }).runBench = runBench
