/**
 * The portal's static pages from configuration: the accessibility statement (Erklärung zur
 * Barrierefreiheit, BITV 2.0 § 7) from a JSON file (PORTAL_ACCESSIBILITY), imprint and privacy
 * notice from Markdown files (PORTAL_IMPRINT, PORTAL_PRIVACY; the rich-text subset of paper
 * sections). Without configuration the demo town gets clearly marked demo texts; a production
 * relay gets a notice that the text is missing, and a startup warning.
 */
import fs from 'node:fs'

export type ComplianceState = 'vollständig' | 'teilweise' | 'nicht'

export interface AccessibilityStatement {
  /** state of compliance with BITV 2.0 / WCAG 2.1 AA */
  compliance: ComplianceState
  /** when the statement was prepared / last reviewed (ISO dates) */
  preparedOn: string
  reviewedOn: string | null
  /** how compliance was assessed, e.g. "Selbstbewertung" */
  method: string
  /** content that is not accessible, and why (each one sentence or more) */
  limitations: string[]
  /** alternatives offered for the limitations */
  alternatives: string | null
  contact: { name: string; email: string; phone: string | null; address: string | null }
  enforcement: { name: string; url: string; text: string | null }
}

export interface PortalContent {
  accessibility: AccessibilityStatement
  /** Markdown (rich-text subset) */
  imprint: string
  privacy: string
  /** pages that show a placeholder because nothing is configured */
  unconfigured: Array<'accessibility' | 'imprint' | 'privacy'>
}

export class PortalContentError extends Error {}

export interface PortalContentConfig {
  accessibilityFile?: string
  imprintFile?: string
  privacyFile?: string
  demo: boolean
}

const DEMO_NOTICE =
  'Dies ist eine Demonstrationsinstallation von Ratstisch. Musterstadt ist eine erfundene Stadt; alle Personen, Sitzungen und Vorlagen sind frei erfunden.'

/** Defaults for the demo town (fictional contacts on the reserved `.example` domain). */
export function demoAccessibilityStatement(): AccessibilityStatement {
  return {
    compliance: 'teilweise',
    preparedOn: '2026-11-01',
    reviewedOn: null,
    method: 'Selbstbewertung mit automatischen Prüfungen (axe, WCAG 2.1 AA) und Tastatur- und Screenreader-Tests der wichtigsten Abläufe',
    limitations: [
      'Ältere Dokumente (PDF), die vor der Einführung dieses Systems erstellt wurden, sind nicht durchgehend barrierefrei (fehlende Struktur-Tags).',
      'Eingescannte Anlagen zu Vorlagen, etwa Lagepläne und Karten, haben keine Textalternative.',
    ],
    alternatives: 'Auf Anfrage stellen wir Ihnen die Inhalte nicht barrierefreier Dokumente in einer zugänglichen Form zur Verfügung.',
    contact: { name: 'Stadt Musterstadt, Sitzungsdienst (Hauptamt)', email: 'barrierefreiheit@musterstadt.example', phone: '(0 12 34) 56 78-0', address: 'Markt 1, 06999 Musterstadt' },
    enforcement: {
      name: 'Schlichtungsstelle nach dem Behindertengleichstellungsgesetz',
      url: 'https://www.schlichtungsstelle-bgg.de/',
      text: 'Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie ein Schlichtungsverfahren beantragen. Es ist kostenlos; Sie brauchen keinen Rechtsbeistand.',
    },
  }
}

function placeholderStatement(): AccessibilityStatement {
  return {
    ...demoAccessibilityStatement(),
    compliance: 'teilweise',
    method: 'noch nicht angegeben',
    limitations: ['Die Betreiberin oder der Betreiber dieses Portals hat die Erklärung zur Barrierefreiheit noch nicht hinterlegt.'],
    alternatives: null,
    contact: { name: 'noch nicht angegeben', email: 'noch-nicht-angegeben@invalid.example', phone: null, address: null },
  }
}

const DEMO_IMPRINT = `# Impressum

${DEMO_NOTICE}

**Stadt Musterstadt**\\
Markt 1\\
06999 Musterstadt

Vertreten durch den Bürgermeister.

E-Mail: [info@musterstadt.example](mailto:info@musterstadt.example)

Ratstisch ist freie Software (AGPL-3.0-or-later).`

const DEMO_PRIVACY = `# Datenschutz

${DEMO_NOTICE}

## Was dieses Portal speichert

Das Bürgerinformationsportal setzt keine Cookies und bindet keine Inhalte fremder Anbieter ein. Der Server verarbeitet bei jedem Aufruf die technisch nötigen Daten (IP-Adresse, Zeitpunkt, aufgerufene Adresse), um die Seite auszuliefern.

## Personen

Namen, Fotos und Mitgliedschaften von Mitgliedern der Gremien werden nur mit deren Einwilligung veröffentlicht. Wer nicht eingewilligt hat, wird nur als Anzahl genannt.`

const MISSING = (what: string, variable: string) =>
  `# ${what}\n\nDieser Text wurde noch nicht hinterlegt. Die Betreiberin oder der Betreiber dieses Portals legt ihn als Datei fest (Einstellung \`${variable}\`).`

const COMPLIANCE: readonly ComplianceState[] = ['vollständig', 'teilweise', 'nicht']

/** Reads and validates the configured static pages; throws PortalContentError with a clear message. */
export function loadPortalContent(config: PortalContentConfig): { content: PortalContent; warnings: string[] } {
  const warnings: string[] = []
  const unconfigured: PortalContent['unconfigured'] = []
  const readText = (file: string, variable: string) => {
    try {
      const text = fs.readFileSync(file, 'utf8')
      if (!text.trim()) throw new Error('the file is empty')
      if (text.length > 200_000) throw new Error('the file is larger than 200,000 characters')
      return text
    } catch (error) {
      throw new PortalContentError(`${variable} ${file}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const page = (file: string | undefined, variable: string, key: 'imprint' | 'privacy', what: string, demoText: string) => {
    if (file) return readText(file, variable)
    if (config.demo) return demoText
    unconfigured.push(key)
    warnings.push(`${variable} is not set: the portal's ${key} page shows a placeholder`)
    return MISSING(what, variable)
  }
  const imprint = page(config.imprintFile, 'PORTAL_IMPRINT', 'imprint', 'Impressum', DEMO_IMPRINT)
  const privacy = page(config.privacyFile, 'PORTAL_PRIVACY', 'privacy', 'Datenschutz', DEMO_PRIVACY)
  let accessibility: AccessibilityStatement
  if (config.accessibilityFile) {
    let json: unknown
    try {
      json = JSON.parse(readText(config.accessibilityFile, 'PORTAL_ACCESSIBILITY'))
    } catch (error) {
      if (error instanceof PortalContentError) throw error
      throw new PortalContentError(`PORTAL_ACCESSIBILITY ${config.accessibilityFile}: not valid JSON (${error instanceof Error ? error.message : String(error)})`)
    }
    accessibility = parseAccessibilityStatement(json, config.accessibilityFile)
  } else if (config.demo) accessibility = demoAccessibilityStatement()
  else {
    accessibility = placeholderStatement()
    unconfigured.push('accessibility')
    warnings.push('PORTAL_ACCESSIBILITY is not set: the accessibility statement (required by BITV 2.0) shows a placeholder')
  }
  return { content: { accessibility, imprint, privacy, unconfigured }, warnings }
}

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))
const text = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max

export function parseAccessibilityStatement(json: unknown, label: string): AccessibilityStatement {
  const problems: string[] = []
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new PortalContentError(`PORTAL_ACCESSIBILITY ${label}: must be a JSON object`)
  const j = json as Record<string, unknown>
  const allowed = ['$comment', 'compliance', 'preparedOn', 'reviewedOn', 'method', 'limitations', 'alternatives', 'contact', 'enforcement']
  for (const key of Object.keys(j)) if (!allowed.includes(key)) problems.push(`unknown key "${key}"`)
  if (!COMPLIANCE.includes(j.compliance as ComplianceState)) problems.push('compliance must be "vollständig", "teilweise" or "nicht"')
  if (!isDate(j.preparedOn)) problems.push('preparedOn must be an ISO date (YYYY-MM-DD)')
  if (j.reviewedOn !== undefined && j.reviewedOn !== null && !isDate(j.reviewedOn)) problems.push('reviewedOn must be an ISO date or null')
  if (!text(j.method, 500)) problems.push('method must say how compliance was assessed (e.g. "Selbstbewertung")')
  const limitations = Array.isArray(j.limitations) ? j.limitations : null
  if (!limitations || !limitations.every((l) => text(l))) problems.push('limitations must be a list of texts (may be empty when compliance is "vollständig")')
  else if (j.compliance !== 'vollständig' && limitations.length === 0) problems.push('limitations must name what is not accessible unless compliance is "vollständig"')
  if (j.alternatives !== undefined && j.alternatives !== null && !text(j.alternatives)) problems.push('alternatives must be a text or null')
  const contact = (j.contact ?? {}) as Record<string, unknown>
  if (!text(contact.name, 200)) problems.push('contact.name is required')
  if (typeof contact.email !== 'string' || !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(contact.email)) problems.push('contact.email must be an e-mail address (feedback contact, BITV 2.0 § 7)')
  if (contact.phone !== undefined && contact.phone !== null && !(typeof contact.phone === 'string' && /^[0-9 +()\-/]{3,40}$/.test(contact.phone))) problems.push('contact.phone must be a phone number')
  if (contact.address !== undefined && contact.address !== null && !text(contact.address, 300)) problems.push('contact.address must be a text or null')
  const enforcement = (j.enforcement ?? {}) as Record<string, unknown>
  if (!text(enforcement.name, 200)) problems.push('enforcement.name (the enforcement body, Durchsetzungsverfahren) is required')
  if (typeof enforcement.url !== 'string' || !/^https?:\/\/[^\s"'<>]+$/.test(enforcement.url)) problems.push('enforcement.url must be an http(s) address')
  if (enforcement.text !== undefined && enforcement.text !== null && !text(enforcement.text)) problems.push('enforcement.text must be a text or null')
  if (problems.length) throw new PortalContentError(`PORTAL_ACCESSIBILITY ${label} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  return {
    compliance: j.compliance as ComplianceState,
    preparedOn: j.preparedOn as string,
    reviewedOn: (j.reviewedOn as string | null | undefined) ?? null,
    method: (j.method as string).trim(),
    limitations: (limitations as string[]).map((l) => l.trim()),
    alternatives: (j.alternatives as string | null | undefined) ?? null,
    contact: { name: contact.name as string, email: contact.email as string, phone: (contact.phone as string | undefined) ?? null, address: (contact.address as string | undefined) ?? null },
    enforcement: { name: enforcement.name as string, url: enforcement.url as string, text: (enforcement.text as string | undefined) ?? null },
  }
}
