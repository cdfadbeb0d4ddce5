/**
 * Versions of the files on an agenda item, and what this device knows about them.
 *
 * An agenda item carries a snapshot of its paper's files; the paper document holds every version
 * of every attachment. A "logical file" is one attachment across its versions (key
 * `<paperId>/<attachmentId>`, the same key annotations use); files without versions (agenda PDFs,
 * private uploads) are keyed by their SHA-256.
 *
 * Per file the app shows one cache badge — "aktuell auf diesem Gerät" (the current version is
 * cached), "neuere Version online" (only older versions are cached), "nicht heruntergeladen" — and
 * "geändert seit Sie es gelesen haben" when the version the user last opened is older than the
 * current one. Reads are recorded locally (`FileVersions.markRead`, called by the reader).
 */
import type { FileRef, PaperDoc } from '@ratstisch/domain'
import { Emitter } from './emitter.ts'
import type { UserDb } from './local-db.ts'

export interface VersionEntry {
  sha256: string
  version: number
  name: string
  mime: string
  size: number
  pages?: number
  uploadedAt?: string
  uploadedByName?: string
  comment?: string
}

export interface LogicalFile {
  /** `<paperId>/<attachmentId>`, else the SHA-256 */
  key: string
  paperId?: string
  attachmentId?: string
  /** the attachment's title when known, else the file name */
  title: string
  /** oldest first; the last one is current */
  versions: VersionEntry[]
  /** the version the agenda item presents (its snapshot) */
  shown: VersionEntry
}

export type CacheBadge = 'current' | 'newer-online' | 'not-downloaded'

export interface ReadRecord {
  fileKey: string
  version: number
  sha256: string
  meetingId: string
  at: string
}

export interface FileStatus {
  file: LogicalFile
  current: VersionEntry
  badge: CacheBadge
  /** the user opened an older version than the current one */
  changedSinceRead: boolean
  read?: ReadRecord
  /** version numbers cached on this device */
  cachedVersions: number[]
}

/** The key annotations, reads and search use for a file (see AnnotationTarget.fileKey). */
export function fileKeyOf(ref: Pick<FileRef, 'sha256' | 'attachmentId'>, paperId?: string): string {
  return ref.attachmentId && paperId ? `${paperId}/${ref.attachmentId}` : ref.sha256
}

function entryOf(ref: FileRef, version: number): VersionEntry {
  const v = ref as FileRef & Partial<Pick<VersionEntry, 'uploadedAt' | 'uploadedByName' | 'comment'>>
  const entry: VersionEntry = { sha256: ref.sha256, version, name: ref.name, mime: ref.mime, size: ref.size }
  if (ref.pages) entry.pages = ref.pages
  if (typeof v.uploadedAt === 'string') entry.uploadedAt = v.uploadedAt
  if (typeof v.uploadedByName === 'string') entry.uploadedByName = v.uploadedByName
  if (typeof v.comment === 'string' && v.comment) entry.comment = v.comment
  return entry
}

/**
 * The logical file behind an item's file reference. The paper document (when this device has it)
 * supplies all versions; the attachment is found by id or, for snapshots without one, by SHA-256.
 */
export function logicalFileOf(ref: FileRef, paperId?: string, paper?: Pick<PaperDoc, 'attachments'>): LogicalFile {
  const attachments = paper?.attachments ?? []
  const attachment =
    (ref.attachmentId ? attachments.find((a) => a.id === ref.attachmentId) : undefined) ??
    attachments.find((a) => (a.versions ?? []).some((v) => v.sha256 === ref.sha256))
  if (!attachment || !paperId) {
    const shown = entryOf(ref, ref.version ?? 1)
    return { key: fileKeyOf(ref, paperId), paperId, attachmentId: ref.attachmentId, title: ref.name, versions: [shown], shown }
  }
  const versions = (attachment.versions ?? []).map((v, i) => entryOf(v, typeof v.version === 'number' ? v.version : i + 1))
  let shown = versions.find((v) => v.sha256 === ref.sha256)
  if (!shown) {
    // the item's snapshot is newer than the copy of the paper this device has: it still counts
    shown = entryOf(ref, ref.version ?? (versions[versions.length - 1]?.version ?? 0) + 1)
    versions.push(shown)
    versions.sort((a, b) => a.version - b.version)
  }
  return { key: `${paperId}/${attachment.id}`, paperId, attachmentId: attachment.id, title: attachment.title || ref.name, versions, shown }
}

export function currentVersion(file: LogicalFile): VersionEntry {
  return file.versions[file.versions.length - 1] ?? file.shown
}

export function cacheBadge(file: LogicalFile, cached: ReadonlySet<string>): CacheBadge {
  if (cached.has(currentVersion(file).sha256)) return 'current'
  return file.versions.some((v) => cached.has(v.sha256)) ? 'newer-online' : 'not-downloaded'
}

/** True when the user's last opened version is older than the current one. */
export function changedSinceRead(file: LogicalFile, read: ReadRecord | undefined): boolean {
  if (!read) return false
  const current = currentVersion(file)
  if (read.sha256 === current.sha256) return false
  const readVersion = file.versions.find((v) => v.sha256 === read.sha256)?.version ?? read.version
  return readVersion < current.version
}

/**
 * The read that counts for a file: recorded under its key or under the SHA-256 of one of its
 * versions (a reader that did not know the attachment), the highest version wins.
 */
export function readFor(file: LogicalFile, reads: ReadonlyMap<string, ReadRecord>): ReadRecord | undefined {
  let best: ReadRecord | undefined
  for (const r of [reads.get(file.key), ...file.versions.map((v) => reads.get(v.sha256))]) {
    if (!r) continue
    const version = file.versions.find((v) => v.sha256 === r.sha256)?.version ?? r.version
    if (!best || version > best.version) best = { ...r, version }
  }
  return best
}

export function fileStatus(file: LogicalFile, cached: ReadonlySet<string>, reads: ReadonlyMap<string, ReadRecord>): FileStatus {
  const read = readFor(file, reads)
  return {
    file,
    current: currentVersion(file),
    badge: cacheBadge(file, cached),
    changedSinceRead: changedSinceRead(file, read),
    read,
    cachedVersions: file.versions.filter((v) => cached.has(v.sha256)).map((v) => v.version),
  }
}

/** Keeps the newer of two reads of the same file (opening an old version later does not undo reading the new one). */
export function mergeRead(existing: ReadRecord | undefined, next: ReadRecord): ReadRecord {
  if (!existing || next.version > existing.version || (next.version === existing.version && next.sha256 === existing.sha256)) return next
  return existing
}

const READ_PREFIX = 'file-read:'

export interface FileVersionsEvents extends Record<string, unknown> {
  /** a read was recorded for this file key */
  read: string
}

/** Local record of which version of each file the user opened (IndexedDB, this device only). */
export class FileVersions extends Emitter<FileVersionsEvents> {
  constructor(private readonly db: UserDb) {
    super()
  }

  /**
   * Records that the user opened `version` (`sha256`) of the file `fileKey` (see fileKeyOf) in a
   * meeting. Called by the reader when a file is shown.
   */
  async markRead(meetingId: string, fileKey: string, version: number, sha256: string): Promise<void> {
    if (!fileKey || !/^[0-9a-f]{64}$/.test(sha256)) return
    const key = READ_PREFIX + fileKey
    const next: ReadRecord = { fileKey, version: Number.isFinite(version) ? version : 1, sha256, meetingId, at: new Date().toISOString() }
    await this.db.transaction('rw', this.db.kv, async () => {
      const row = await this.db.kv.get(key)
      const existing = row ? parseRead(row.value) : undefined
      await this.db.kv.put({ key, value: JSON.stringify(mergeRead(existing, next)) })
    })
    this.emit('read', fileKey)
  }

  /** Every recorded read, by file key. */
  async reads(): Promise<Map<string, ReadRecord>> {
    const rows = await this.db.kv.where('key').startsWith(READ_PREFIX).toArray()
    const out = new Map<string, ReadRecord>()
    for (const row of rows) {
      const r = parseRead(row.value)
      if (r) out.set(r.fileKey, r)
    }
    return out
  }
}

function parseRead(value: string): ReadRecord | undefined {
  try {
    const v = JSON.parse(value) as Partial<ReadRecord>
    if (typeof v.fileKey !== 'string' || typeof v.sha256 !== 'string' || typeof v.version !== 'number') return undefined
    return { fileKey: v.fileKey, sha256: v.sha256, version: v.version, meetingId: typeof v.meetingId === 'string' ? v.meetingId : '', at: typeof v.at === 'string' ? v.at : '' }
  } catch {
    return undefined
  }
}
