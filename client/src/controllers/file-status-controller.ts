/**
 * Versions and device status of the files on a meeting's agenda items, for a Lit view: opens the
 * papers of the items (those this user may read) to learn every version of each attachment, asks
 * the blob cache which versions are on this device and the local read records which version the
 * user last opened, and re-renders the host when any of that changes.
 */
import type { DocHandle } from '@automerge/automerge-repo'
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { AgendaItem, FileRef, PaperDoc } from '@ratstisch/domain'
import { fileStatus, logicalFileOf, type FileStatus, type LogicalFile, type ReadRecord, type VersionEntry } from '../services/file-versions.ts'
import { runLimited } from '../services/meeting-pinner.ts'
import { documentIdOf } from '../services/relay-contract.ts'
import type { Session } from '../services/session.ts'

export interface LocatedVersion {
  ref: FileRef
  /** the document that grants access to the file (for the blob cache) */
  documentId: string
  file: LogicalFile
  version: VersionEntry
  item?: AgendaItem
}

export class FileStatusController implements ReactiveController {
  private readonly papers = new Map<string, { url: string; handle?: DocHandle<PaperDoc>; off?: () => void }>()
  private cached = new Set<string>()
  private reads = new Map<string, ReadRecord>()
  private items: readonly { item: AgendaItem; documentId: string }[] = []
  private itemsKey = ''
  private offs: (() => void)[] = []
  private connected = false
  private refreshQueued = false

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly session: () => Session | undefined,
  ) {
    host.addController(this)
  }

  hostConnected(): void {
    this.connected = true
    const s = this.session()
    if (!s) return
    this.offs.push(
      s.pinner.on('change', () => this.queueRefresh()),
      s.pinner.on('progress', (a) => !a.busy && this.queueRefresh()),
      s.fileVersions.on('read', () => this.queueRefresh()),
      s.uploads.on('change', () => this.queueRefresh()),
    )
    for (const p of this.papers.values()) this.subscribe(p)
    this.queueRefresh()
  }

  hostDisconnected(): void {
    this.connected = false
    for (const off of this.offs) off()
    this.offs = []
    for (const p of this.papers.values()) {
      p.off?.()
      p.off = undefined
    }
  }

  /**
   * The items the host shows, with the document each belongs to (call when the meeting documents
   * change; cheap when nothing relevant changed).
   */
  track(items: readonly { item: AgendaItem; documentId: string }[]): void {
    const key = items.map(({ item, documentId }) => `${documentId}:${item.id}:${item.paper?.id ?? ''}:${(item.files ?? []).map((f) => f.sha256).join(',')}`).join('|')
    if (key === this.itemsKey) return
    this.itemsKey = key
    this.items = items
    const s = this.session()
    if (!s) return
    const wanted = new Map<string, string>()
    for (const { item } of items) if (item.paper?.id && item.paper.url && s.catalogue.has(documentIdOf(item.paper.url))) wanted.set(item.paper.id, item.paper.url)
    const toOpen = [...wanted].filter(([id]) => !this.papers.has(id))
    for (const [id, url] of toOpen) this.papers.set(id, { url })
    void runLimited(toOpen, 4, async ([id, url]) => {
      try {
        const handle = await s.repo.find<PaperDoc>(url, navigator.onLine ? 15_000 : 3000)
        const entry = this.papers.get(id)
        if (!entry || entry.url !== url) return
        entry.handle = handle
        if (this.connected) this.subscribe(entry)
        this.host.requestUpdate()
      } catch {
        // not on this device and no connection: the item's snapshot is all we know
      }
    })
    this.queueRefresh()
  }

  private subscribe(entry: { handle?: DocHandle<PaperDoc>; off?: () => void }): void {
    const handle = entry.handle
    if (!handle || entry.off) return
    const listener = () => {
      this.host.requestUpdate()
      this.queueRefresh()
    }
    handle.on('change', listener)
    entry.off = () => handle.off('change', listener)
  }

  private queueRefresh(): void {
    if (this.refreshQueued) return
    this.refreshQueued = true
    queueMicrotask(() => {
      this.refreshQueued = false
      void this.refresh()
    })
  }

  /** Re-reads which versions are cached and what the user read. */
  private async refresh(): Promise<void> {
    const s = this.session()
    if (!s) return
    const shas = new Set<string>()
    for (const { item } of this.items) for (const f of item.files ?? []) for (const v of this.logicalFile(item, f).versions) shas.add(v.sha256)
    const [cached, reads] = await Promise.all([s.files.cachedOf([...shas]), s.fileVersions.reads()])
    this.cached = cached
    this.reads = reads
    this.host.requestUpdate()
  }

  paperOf(item: AgendaItem): PaperDoc | undefined {
    const h = item.paper?.id ? this.papers.get(item.paper.id)?.handle : undefined
    return h && h.isReady() ? h.doc() : undefined
  }

  logicalFile(item: AgendaItem, ref: FileRef): LogicalFile {
    return logicalFileOf(ref, item.paper?.id, this.paperOf(item))
  }

  statusOf(item: AgendaItem, ref: FileRef): FileStatus {
    return fileStatus(this.logicalFile(item, ref), this.cached, this.reads)
  }

  isCached(sha256: string): boolean {
    return this.cached.has(sha256)
  }

  /** Any version of any item file (older ones included), with the document that grants access. */
  locate(sha256: string): LocatedVersion | undefined {
    for (const { item, documentId } of this.items) {
      for (const ref of item.files ?? []) {
        const file = this.logicalFile(item, ref)
        const version = file.versions.find((v) => v.sha256 === sha256)
        if (!version) continue
        const paperHandle = item.paper?.id ? this.papers.get(item.paper.id)?.handle : undefined
        // versions the item does not carry are readable through the paper document
        const viaPaper = version.sha256 !== ref.sha256 && paperHandle
        return {
          ref: { sha256: version.sha256, name: version.name, mime: version.mime, size: version.size, ...(version.pages ? { pages: version.pages } : {}) },
          documentId: viaPaper ? paperHandle.documentId : documentId,
          file,
          version,
          item,
        }
      }
    }
    return undefined
  }
}
