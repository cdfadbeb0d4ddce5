/**
 * The background extraction of public PDFs: page texts stored per SHA-256, unreadable files
 * recorded once (logged by hash only, never by name or content) and not retried, files that are
 * not public (any more) left alone.
 */
import { afterEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { openDatabase, type RelayDatabase } from '../db/database.ts'
import { FsBlobStore } from '../files/blob-store.ts'
import type { PublicData, PublicFile, PublicKind, PublicReader, PublicRecord } from '../public/public-model.ts'
import { PdfTextExtractor } from './pdf-text-extractor.ts'
import { PdfTextStore } from './pdf-text-store.ts'

/** A public model of files only, whose files can be withdrawn (test double of the Publisher's read side). */
class FilesOnlyReader implements PublicReader {
  generation = 0
  lastModified = new Date().toISOString()
  readonly files = new Map<string, PublicFile>()
  private readonly listeners = new Set<() => void>()
  get<K extends PublicKind>(kind: K, id: string): PublicData[K] | undefined {
    return kind === 'file' ? (this.files.get(id) as PublicData[K] | undefined) : undefined
  }
  record<K extends PublicKind>(): PublicRecord<K> | undefined {
    return undefined
  }
  all<K extends PublicKind>(kind: K): PublicData[K][] {
    return kind === 'file' ? ([...this.files.values()] as PublicData[K][]) : []
  }
  list<K extends PublicKind>(): PublicRecord<K>[] {
    return []
  }
  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  publish(file: PublicFile): void {
    this.files.set(file.id, file)
    this.changed()
  }
  withdraw(sha256: string): void {
    this.files.delete(sha256)
    this.changed()
  }
  private changed(): void {
    this.generation++
    for (const l of this.listeners) l()
  }
}

const fileOf = (sha256: string, name: string, mime = 'application/pdf'): PublicFile => ({
  id: sha256,
  sha256,
  name,
  fileName: name,
  mime,
  size: 1,
  pages: null,
  date: '2026-03-01',
  usedBy: [{ kind: 'paper', id: 'paper-1' }],
})

async function twoPagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  doc.addPage().drawText('Haushaltsplan 2027 Seite eins', { x: 50, y: 700, size: 14, font })
  doc.addPage().drawText('Spielplatzprogramm auf Seite zwei', { x: 50, y: 700, size: 14, font })
  return doc.save()
}

let db: RelayDatabase | undefined
const dirs: string[] = []
afterEach(() => {
  db?.close()
  db = undefined
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-pdf-text-'))
  dirs.push(dir)
  db = openDatabase(dir)
  const blobStore = new FsBlobStore(path.join(dir, 'blobs'))
  const store = new PdfTextStore(db)
  const reader = new FilesOnlyReader()
  const log: string[] = []
  const extractor = new PdfTextExtractor({ reader, blobStore, store, log: (line) => log.push(line) })
  return { blobStore, store, reader, log, extractor }
}

describe('PdfTextExtractor', () => {
  it('stores the page texts of public PDFs and records an unreadable one once, without its name or content in the log', async () => {
    const { blobStore, store, reader, log, extractor } = setup()
    const good = await blobStore.put(await twoPagePdf())
    const secretBytes = new TextEncoder().encode('%PDF-1.7\nGeheimer Inhalt Zuckerfabrik\n%%EOF')
    const bad = await blobStore.put(secretBytes)
    const text = await blobStore.put(new TextEncoder().encode('kein PDF'))
    reader.publish(fileOf(good.sha256, 'Anlage 1 Haushaltsplan.pdf'))
    reader.publish(fileOf(bad.sha256, 'Vertraulicher Kaufvertrag.pdf'))
    reader.publish(fileOf(text.sha256, 'notiz.txt', 'text/plain'))
    extractor.start()
    expect(extractor.pending).toBe(2)
    await extractor.idle()
    expect(extractor.pending).toBe(0)
    const pages = store.pages(good.sha256)!
    expect(pages).toHaveLength(2)
    expect(pages[0]).toContain('Haushaltsplan 2027')
    expect(pages[1]).toContain('Spielplatzprogramm')
    expect(store.status(bad.sha256)).toBe('failed')
    expect(store.pages(bad.sha256)).toBeUndefined()
    // not a PDF: never handed to pdf.js
    expect(store.status(text.sha256)).toBeUndefined()
    const failures = log.filter((l) => l.includes('unreadable ('))
    expect(failures).toEqual([expect.stringContaining(bad.sha256.slice(0, 12))])
    for (const line of log) expect(line).not.toMatch(/Vertraulich|Kaufvertrag|Zuckerfabrik|Geheim/)
    // a later change of the public model does not try it again, nor the stored one
    reader.publish(fileOf('f'.repeat(64), 'fehlt.pdf'))
    expect(extractor.pending).toBe(1)
    await extractor.idle()
    expect(log.filter((l) => l.includes('unreadable ('))).toHaveLength(1)
    // bytes not in the store yet: nothing recorded, tried again on the next change
    expect(store.status('f'.repeat(64))).toBeUndefined()
    await extractor.stop()
  })

  it('skips a file that stopped being public while it waited, and picks up files published later', async () => {
    const { blobStore, store, reader, extractor } = setup()
    const a = await blobStore.put(await twoPagePdf())
    const doc = await PDFDocument.create()
    doc.addPage().drawText('Zweites Dokument', { x: 50, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) })
    const b = await blobStore.put(await doc.save())
    reader.publish(fileOf(a.sha256, 'a.pdf'))
    reader.publish(fileOf(b.sha256, 'b.pdf'))
    extractor.start()
    // withdrawn before its turn (the first file is being read now)
    reader.withdraw(b.sha256)
    await extractor.idle()
    expect(store.status(a.sha256)).toBe('ok')
    expect(store.status(b.sha256)).toBeUndefined()
    const extracted: string[] = []
    extractor.onExtracted((sha) => extracted.push(sha))
    reader.publish(fileOf(b.sha256, 'b.pdf'))
    await extractor.idle()
    expect(extracted).toEqual([b.sha256])
    expect(store.pages(b.sha256)![0]).toContain('Zweites Dokument')
    expect(store.stats()).toMatchObject({ ok: 2, failed: 0, pages: 3 })
    await extractor.stop()
  })
})
