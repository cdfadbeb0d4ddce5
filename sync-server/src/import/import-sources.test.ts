/**
 * Imports of the other reference sources through the fixture server: the specification's example
 * objects (OParl 1.1 and 1.0) and the SOMACOS capture of Wuppertal (organizations answering 404),
 * each with its expected counts and the quirks in its report.
 */
import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { OParlFixtureServer, specExamplesSource, wuppertalSource, type FixtureSource } from '@ratstisch/oparl/testing'
import { getSetting } from '../db/database.ts'
import { sharedPath } from '../../../scripts/shared-dir.ts'
import { loadConfig } from '../config.ts'
import { createRelay, type Relay } from '../relay.ts'
import type { ImportProgress } from './import-service.ts'
import { localIdFor } from './oparl-mapping.ts'

const examples11 = sharedPath('oparl/examples')
const examples10 = sharedPath('oparl/examples-1.0')
const wuppertal = sharedPath('oparl/real/meine-stadt-transparent/oparl-missing')

async function importOnce(source: FixtureSource, check: (relay: Relay, done: ImportProgress, server: OParlFixtureServer) => Promise<void> | void): Promise<void> {
  const server = await OParlFixtureServer.start(source)
  const relay = createRelay({ ...loadConfig({}), port: 0, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-import-src-')), evictIdleMs: 0 })
  try {
    await relay.portalSearch.stop()
    await relay.pdfTexts.stop()
    relay.imports.start({ systemUrl: server.systemUrl, requestsPerSecond: 0 })
    const done = (await relay.imports.wait())!
    expect(done.error).toBeNull()
    expect(done.status).toBe('done')
    await relay.publisher.reconcile()
    await check(relay, done, server)
  } finally {
    await relay.close()
    await server.close()
  }
}

const codes = (done: ImportProgress) => new Set(done.report.map((l) => `${l.outcome}:${l.code}`))

describe.skipIf(!examples11)('the specification\'s examples (OParl 1.1)', () => {
  it('imports body, term, organization, person, meeting with its agenda item, paper with its consultation, files and place', async () => {
    await importOnce(specExamplesSource(examples11!), (relay, done, server) => {
      const p = relay.publisher
      expect(getSetting(relay.db, 'town.name')).toBe('Stadt Köln, kreisfreie Stadt')
      expect(getSetting(relay.db, 'town.ags')).toBe('05315000')
      expect(p.all('term').map((t) => t.name)).toEqual(['21. Wahlperiode'])
      const meeting = p.get('meeting', localIdFor('meeting', `${server.origin}/meeting/281`))!
      expect(meeting).toMatchObject({ name: '4. Sitzung des Finanzausschusses', organizationName: 'Ausschuss für Haushalt und Finanzen', state: 'held' })
      expect(meeting.invitation).not.toBeNull()
      // protocols and the auxiliary file: one file (all four name the same File URL)
      expect(meeting.files.length).toBe(1)
      const item = p.get('agenda-item', meeting.agendaItemIds[0])!
      expect(item).toMatchObject({ number: '10.1', title: 'Satzungsänderung für Ausschreibungen', result: 'angenommen', resolutionText: 'Der Beschluss weicht wie folgt vom Antrag ab: ...' })
      const paper = p.get('paper', localIdFor('paper', `${server.origin}/paper/749`))!
      expect(paper).toMatchObject({ reference: '1234/2014', paperType: 'Anfrage', date: '2014-04-04' })
      expect(paper.attachments.length).toBe(2)
      expect(p.all('person').map((x) => x.name)).toEqual(['Prof. Dr. Max Mustermann'])
      expect(p.all('location').length).toBe(1)
      // the consultation's body answers 404: a placeholder keeps it, and the report says so
      const report = codes(done)
      expect(report).toContain('failed:reference-not-found')
      expect(report).toContain('repaired:placeholder-organization')
      expect(report).toContain('warning:file-checksum-mismatch')
      expect(p.all('organization').some((o) => o.name.startsWith('Gremium aus dem Altsystem'))).toBe(true)
    })
  }, 30_000)
})

describe.skipIf(!examples10)('the specification\'s examples (OParl 1.0)', () => {
  it('imports them too, and skips the Location whose "id:" key is misspelt', async () => {
    await importOnce(specExamplesSource(examples10!), (relay, done) => {
      const p = relay.publisher
      expect([p.all('meeting').length, p.all('paper').length, p.all('person').length, p.all('agenda-item').length]).toEqual([1, 1, 1, 1])
      expect(p.all('location').length).toBe(0)
      const report = codes(done)
      expect(report).toContain('skipped:invalid-object')
      expect(report).toContain('repaired:embedded-without-timestamps')
    })
  }, 30_000)
})

describe.skipIf(!wuppertal)('SOMACOS Session of Wuppertal (OParl 1.0)', () => {
  it('keeps the meeting whose organizations answer 404 under a placeholder body, and reports every quirk', async () => {
    await importOnce(wuppertalSource(wuppertal!), (relay, done, server) => {
      const p = relay.publisher
      const meeting = p.get('meeting', localIdFor('meeting', `${server.origin}/oparl/bodies/0001/meetings/19160`))!
      expect(meeting.name).toBe('SI/0507/20')
      expect(meeting.organizationName).toBe('Gremium aus dem Altsystem (gr/230)')
      expect(meeting.files.length).toBe(3)
      // "Instance 0001" does not become the town's name
      expect(getSetting(relay.db, 'town.name')).toBeUndefined()
      const report = codes(done)
      for (const code of [
        'repaired:other-oparl-versions-case',
        'repaired:license-not-url',
        'repaired:product-not-url',
        'repaired:system-name-is-version',
        'repaired:body-placeholder-name',
        'repaired:equivalent-empty',
        'warning:plain-http',
        'warning:placeholder-timestamp',
        'failed:reference-not-found',
        'repaired:placeholder-organization',
      ]) expect(report, code).toContain(code)
      expect(done.report.find((l) => l.code === 'reference-not-found')!.count).toBe(2)
    })
  }, 30_000)
})
