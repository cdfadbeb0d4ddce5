/**
 * Public portal (Bürgerinfo) placeholder: upcoming meetings from the read model. Server-rendered,
 * no JavaScript, accessible. Only public data: meeting name, body, date, place.
 */
import { Hono } from 'hono'
import { html, raw } from 'hono/html'
import type { MeetingCatalogue } from '../read-model/meeting-catalogue.ts'

const dateFormat = new Intl.DateTimeFormat('de-DE', {
  weekday: 'long',
  day: '2-digit',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Berlin',
})

export function portalRoutes(meetings: MeetingCatalogue, townName: () => string): Hono {
  const app = new Hono()
  app.get('/', (c) => {
    const now = new Date().toISOString()
    const upcoming = meetings
      .all()
      .filter((m) => m.start >= now.slice(0, 10) && m.state !== 'cancelled')
      .sort((a, b) => a.start.localeCompare(b.start))
      .slice(0, 12)
    const town = townName()
    c.header('Cache-Control', 'public, max-age=60')
    return c.html(html`<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bürgerinfo – ${town}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff;line-height:1.5}
header,main,footer{max-width:60rem;margin:0 auto;padding:1rem}
header{border-bottom:4px solid #0b5394}
a{color:#0b5394}a:focus-visible{outline:3px solid #0b5394;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
li{margin:.5rem 0}
</style>
</head>
<body>
<a class="skip" href="#inhalt">Zum Inhalt springen</a>
<header><p><strong>${town}</strong> – Ratsinformationssystem</p></header>
<main id="inhalt">
<h1>Bürgerinfo</h1>
<p>Das öffentliche Bürgerinformationsportal mit Sitzungen, Vorlagen und Beschlüssen wird hier aufgebaut.
Mitglieder der Gremien und die Verwaltung melden sich in der <a href="/app/">Ratstisch-App</a> an.</p>
<h2>Nächste Sitzungen</h2>
${upcoming.length === 0
  ? html`<p>Derzeit sind keine Sitzungen geplant.</p>`
  : html`<ul>${upcoming.map(
      (m) => html`<li><strong>${m.name}</strong><br>${m.organizationName} · ${dateFormat.format(new Date(m.start))} Uhr${m.location ? raw(' · ') : ''}${m.location ?? ''}</li>`,
    )}</ul>`}
</main>
<footer><p><a href="/app/">Zur App für Mitglieder und Verwaltung</a></p></footer>
</body>
</html>`)
  })
  return app
}
