import { describe, expect, it } from 'vitest'
import { DEFAULT_PUSH_HOSTS, loadConfig } from './config.ts'

describe('relay configuration', () => {
  it('has safe defaults for push hosts, the VAPID contact and the portal resolutions', () => {
    const config = loadConfig({ PUBLIC_URL: 'http://localhost:8080' })
    expect(config.pushHosts).toEqual(DEFAULT_PUSH_HOSTS)
    expect(config.vapidSubject).toMatch(/^mailto:ratstisch@localhost$/)
    expect(config.portalResolutions).toBe('status')
    expect(loadConfig({ PUBLIC_URL: 'https://rats.example' }).vapidSubject).toBe('https://rats.example')
  })

  it('reads PUSH_HOSTS as a trimmed, lower-case list', () => {
    expect(loadConfig({ PUSH_HOSTS: ' Push.Example , ,fcm.googleapis.com' }).pushHosts).toEqual(['push.example', 'fcm.googleapis.com'])
  })

  it('refuses a wrong VAPID_SUBJECT or PORTAL_RESOLUTIONS at start with a clear message', () => {
    expect(() => loadConfig({ VAPID_SUBJECT: 'ratsbuero@musterstadt.example' })).toThrow(/VAPID_SUBJECT must be a mailto: address or an https: URL/)
    expect(() => loadConfig({ VAPID_SUBJECT: 'http://rats.example' })).toThrow(/VAPID_SUBJECT/)
    expect(loadConfig({ VAPID_SUBJECT: 'mailto:ratsbuero@musterstadt.example' }).vapidSubject).toBe('mailto:ratsbuero@musterstadt.example')
    expect(() => loadConfig({ PORTAL_RESOLUTIONS: 'all' })).toThrow(/PORTAL_RESOLUTIONS must be off, status or reports/)
  })

  it('reads RATSTISCH_DEMO_MARKER as 6-64 characters of [A-Za-z0-9_-] and refuses anything else at start', () => {
    expect(loadConfig({}).demoMarker).toBeNull()
    expect(loadConfig({ RATSTISCH_DEMO_MARKER: '' }).demoMarker).toBeNull()
    expect(loadConfig({ RATSTISCH_DEMO_MARKER: 'Leak-Check_42' }).demoMarker).toBe('Leak-Check_42')
    expect(loadConfig({ RATSTISCH_DEMO_MARKER: 'x'.repeat(64) }).demoMarker).toBe('x'.repeat(64))
    for (const bad of ['short', 'x'.repeat(65), 'mit Leerzeichen', 'Umlaut-Ä-1234', '<script>x', 'a.b.c.d.e']) {
      expect(() => loadConfig({ RATSTISCH_DEMO_MARKER: bad }), bad).toThrow(/RATSTISCH_DEMO_MARKER must be 6 to 64 characters/)
    }
  })

  it('reads OPARL_LICENSE as a licence URL and refuses anything else at start', () => {
    expect(loadConfig({}).oparlLicense).toBeNull()
    expect(loadConfig({ OPARL_LICENSE: 'https://creativecommons.org/licenses/by/4.0/' }).oparlLicense).toBe('https://creativecommons.org/licenses/by/4.0/')
    for (const bad of ['CC BY 4.0', 'ftp://example.org/licence', 'https://example.org/a licence']) {
      expect(() => loadConfig({ OPARL_LICENSE: bad }), bad).toThrow(/OPARL_LICENSE must be the URL of a licence/)
    }
  })
})
