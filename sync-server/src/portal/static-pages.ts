/**
 * The portal's static pages from configuration (portal-content.ts): the accessibility statement
 * (Erklärung zur Barrierefreiheit, BITV 2.0 § 7), imprint and privacy notice.
 */
import { parseRichText } from '@ratstisch/domain'
import { formatShortDate } from './portal-format.ts'
import { h } from './portal-html.ts'
import type { PortalPage } from './portal-view.ts'
import { richTextHtml } from './rich-text-html.ts'

const COMPLIANCE_TEXT = {
  vollständig: 'Dieses Portal ist mit den Anforderungen der BITV 2.0 (WCAG 2.1, Stufe AA) vollständig vereinbar.',
  teilweise: 'Dieses Portal ist wegen der folgenden Unvereinbarkeiten und Ausnahmen teilweise mit der BITV 2.0 (WCAG 2.1, Stufe AA) vereinbar.',
  nicht: 'Dieses Portal ist mit der BITV 2.0 (WCAG 2.1, Stufe AA) nicht vereinbar.',
} as const

export const accessibilityPage: PortalPage = (view) => {
  const s = view.content.accessibility
  const unconfigured = view.content.unconfigured.includes('accessibility')
  const body = h`<h1>Erklärung zur Barrierefreiheit</h1>
${unconfigured ? h`<div class="notice alert"><p><strong>Hinweis:</strong> Diese Erklärung wurde von der Betreiberin oder dem Betreiber noch nicht hinterlegt.</p></div>` : ''}
<p>${view.site.townName()} ist bemüht, das Bürgerinformationsportal im Einklang mit dem Behindertengleichstellungsrecht barrierefrei zugänglich zu machen. Diese Erklärung gilt für das Bürgerinformationsportal (Sitzungen, Vorlagen, Beschlüsse, Gremien) unter dieser Adresse.</p>
<h2>Stand der Vereinbarkeit mit den Anforderungen</h2>
<p>${COMPLIANCE_TEXT[s.compliance]}</p>
${
  s.limitations.length
    ? h`<h2>Nicht barrierefreie Inhalte</h2><ul>${s.limitations.map((l) => h`<li>${l}</li>`)}</ul>${s.alternatives ? h`<p>${s.alternatives}</p>` : ''}`
    : ''
}
<h2>Erstellung dieser Erklärung</h2>
<p>Diese Erklärung wurde am ${formatShortDate(s.preparedOn)} erstellt${s.reviewedOn ? h` und zuletzt am ${formatShortDate(s.reviewedOn)} überprüft` : ''}. Grundlage ist: ${s.method}.</p>
<h2>Barrieren melden: Kontakt</h2>
<p>Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten aufgefallen, oder benötigen Sie Informationen in einer zugänglichen Form? Dann wenden Sie sich bitte an:</p>
<address>${s.contact.name}${s.contact.address ? h`<br>${s.contact.address}` : ''}<br>
E-Mail: <a href="mailto:${s.contact.email}">${s.contact.email}</a>${s.contact.phone ? h`<br>Telefon: <a href="tel:${s.contact.phone.replace(/[^0-9+]/g, '')}">${s.contact.phone}</a>` : ''}</address>
<h2>Durchsetzungsverfahren</h2>
<p>${s.enforcement.text ?? 'Wenn Sie auf Ihre Meldung keine zufriedenstellende Antwort erhalten, können Sie sich an die zuständige Stelle wenden:'}</p>
<p><a href="${s.enforcement.url}">${s.enforcement.name}</a></p>`
  return { title: 'Erklärung zur Barrierefreiheit', breadcrumb: [], section: 'info', body }
}

/** a configured Markdown page; its first "#" heading is the page's <h1> */
function markdownPage(source: string, fallbackTitle: string): { title: string; body: ReturnType<typeof richTextHtml> } {
  const first = parseRichText(source)[0]
  const hasH1 = first?.type === 'heading' && first.level === 1
  const title = hasH1 ? first.inlines.map((i) => i.text).join('') || fallbackTitle : fallbackTitle
  return { title, body: hasH1 ? richTextHtml(source, 1) : h`<h1>${fallbackTitle}</h1>${richTextHtml(source, 2)}` }
}

export const imprintPage: PortalPage = (view) => {
  const page = markdownPage(view.content.imprint, 'Impressum')
  return { title: page.title, breadcrumb: [], section: 'info', body: page.body }
}

export const privacyPage: PortalPage = (view) => {
  const page = markdownPage(view.content.privacy, 'Datenschutz')
  return { title: page.title, breadcrumb: [], section: 'info', body: page.body }
}
