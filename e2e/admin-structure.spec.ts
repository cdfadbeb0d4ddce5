/**
 * The clerk's office maintains the town's structure in the app: a new legislative term, a new
 * committee with its rules of procedure, a person with portrait and consent to publication, a
 * membership of that person, and the end of that membership (access ends after its last day).
 * Every section is checked with axe and worked by keyboard; the forms keep typed input through a
 * refused save and a lost connection. A council member sees no administration and gets 403.
 * Uses only records it creates itself (other journeys rely on the demo accounts' seats).
 */
import { expect, test, type Locator, type Page } from '@playwright/test'
import zlib from 'node:zlib'
import { expectAccessible, focusedElement, signIn } from './journey-helpers.ts'

/** A real PNG of one colour, made here so the journey needs no fixture file. */
function portraitPng(width = 24, height = 30): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [11, 79, 138]).flat())])
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))])
}

/** Presses Tab until the focused element matches; proves it is reachable by keyboard. */
async function tabTo(page: Page, matches: (f: { tag: string; id: string; text: string }) => boolean, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (matches(await focusedElement(page))) return
  }
  throw new Error(`not reachable by Tab within ${max} steps`)
}

/** Opens a section of the administration from its sub-navigation, by keyboard. */
async function openSection(page: Page, title: string): Promise<void> {
  await page.locator('rt-admin-view nav').getByRole('link', { name: title, exact: true }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: title, exact: true })).toBeVisible()
  await expect(page.locator('rt-admin-view nav').getByRole('link', { name: title, exact: true })).toHaveAttribute('aria-current', 'page')
  await expect(page.locator('rt-admin-view table caption')).toBeVisible()
}

const statusMessage = (page: Page, text: string | RegExp): Locator => page.locator('rt-admin-view .status').getByText(text)

test('the clerk maintains terms, bodies, persons and memberships', async ({ page }) => {
  const suffix = Date.now().toString(36).slice(-5)
  // a period no other run or term uses (terms must not overlap)
  const year = 2040 + 5 * Math.floor(Math.random() * 30)
  const termName = `IX ${suffix}`
  const committeeName = `Ausschuss für Umwelt und Klima ${suffix}`
  const committeeShort = `Umwelt ${suffix}`
  const familyName = `Neumann-${suffix}`
  const personName = `Dr. Clara ${familyName}`

  await signIn(page, 'clerk')
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Verwaltung' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Wahlperioden' })).toBeVisible()
  await expectAccessible(page, 'admin: terms')

  // --- a legislative term; an empty save first: errors announced, focus on the first field ---
  await page.getByRole('button', { name: 'Anlegen' }).click()
  await expect(page.locator('rt-admin-view #form-error')).toContainText('Bitte korrigieren Sie')
  expect((await focusedElement(page)).id).toBe('f-name')
  await expect(page.getByLabel('Bezeichnung')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.locator('rt-admin-view #err-name')).toHaveText('Bitte „Bezeichnung“ angeben.')
  await expectAccessible(page, 'admin: terms with errors')

  await page.getByLabel('Bezeichnung').fill(termName)
  await page.getByLabel('Beginn').fill(`${year}-07-01`)
  await page.getByLabel('Ende', { exact: true }).fill(`${year + 5}-06-30`)
  await page.getByLabel('Ende', { exact: true }).focus()
  await tabTo(page, (f) => f.tag === 'button' && f.text === 'Anlegen')
  await page.keyboard.press('Enter')
  await expect(statusMessage(page, `„${termName}“ wurde angelegt.`)).toBeVisible()
  await expect(page.getByRole('rowheader', { name: termName })).toBeVisible()

  // the relay refuses an overlapping term: the message sits at the field, the input stays
  await page.getByLabel('Bezeichnung').fill(`X ${suffix}`)
  await page.getByLabel('Beginn').fill(`${year + 4}-01-01`)
  await page.getByLabel('Ende', { exact: true }).fill(`${year + 9}-06-30`)
  await page.getByRole('button', { name: 'Anlegen' }).click()
  await expect(page.locator('rt-admin-view #err-startDate')).toContainText('überschneidet sich mit der Wahlperiode')
  await expect(page.locator('rt-admin-view #form-error')).toContainText('überschneidet sich mit der Wahlperiode')
  await expect(page.getByLabel('Beginn')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('Bezeichnung')).toHaveValue(`X ${suffix}`)
  await expect(page.getByLabel('Ende', { exact: true })).toHaveValue(`${year + 9}-06-30`)

  // --- a committee with its rules of procedure, worked by keyboard ---
  await openSection(page, 'Gremien')
  await expectAccessible(page, 'admin: bodies')
  await page.getByLabel('Name', { exact: true }).focus()
  await page.keyboard.type(committeeName)
  await page.keyboard.press('Tab')
  await page.keyboard.type(committeeShort)
  await expect(page.getByLabel('Art des Gremiums')).toHaveValue('Ausschuss')
  await page.getByLabel('Beginn').fill('2024-07-01')
  await page.getByLabel('Ladungsfrist (Tage)').fill('10')
  await page.getByLabel('Beschlussfähigkeit', { exact: true }).selectOption({ label: 'mindestens die Hälfte der stimmberechtigten Mitglieder anwesend' })
  await page.getByLabel('Mindestzahl anwesender Mitglieder').fill('3')
  await page.getByLabel('Sitzungen sind öffentlich').focus()
  await tabTo(page, (f) => f.tag === 'button' && f.text === 'Anlegen')
  await page.keyboard.press('Enter')
  await expect(statusMessage(page, `„${committeeName}“ wurde angelegt.`)).toBeVisible()
  const committeeRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: committeeName }) })
  await expect(committeeRow).toContainText('10 Tage (Eilfall 3)')
  await expect(committeeRow).toContainText('mindestens die Hälfte')

  // editing it: the form shows its settings; a shortened period longer than the full one is refused
  await committeeRow.getByRole('button', { name: `${committeeName} bearbeiten` }).click()
  await expect(page.getByRole('heading', { level: 3, name: `${committeeName} bearbeiten` })).toBeFocused()
  await expect(page.getByLabel('Ladungsfrist (Tage)')).toHaveValue('10')
  await page.getByLabel('Verkürzte Ladungsfrist in Eilfällen (Tage)').fill('12')
  await page.getByRole('button', { name: 'Änderungen speichern' }).click()
  await expect(page.locator('rt-admin-view #err-settings-urgentInvitationPeriodDays')).toHaveText('Die verkürzte Ladungsfrist darf nicht länger sein als die Ladungsfrist.')
  expect((await focusedElement(page)).id).toBe('f-settings-urgentInvitationPeriodDays')
  await page.getByRole('button', { name: 'Abbrechen' }).click()

  // --- factions and departments: lists, accessible ---
  await openSection(page, 'Fraktionen')
  await expectAccessible(page, 'admin: factions')
  await openSection(page, 'Ämter')
  await expectAccessible(page, 'admin: departments')

  // --- a person with portrait and consent ---
  await openSection(page, 'Personen')
  await expectAccessible(page, 'admin: persons')
  await page.getByLabel('Anrede').selectOption('Frau')
  await page.getByLabel('Titel').fill('Dr.')
  await page.getByLabel('Vorname').fill('Clara')
  await page.getByLabel('Nachname').fill(familyName)
  await page.getByLabel('Veröffentlichung im Bürgerinfoportal erlaubt').check()
  await page.getByLabel('Neues Porträt auswählen').setInputFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: portraitPng() })
  await expect(page.getByRole('img', { name: 'Vorschau des neuen Porträts' })).toBeVisible()
  await expectAccessible(page, 'admin: person form with portrait preview')
  await page.getByRole('button', { name: 'Anlegen' }).click()
  await expect(statusMessage(page, `„${personName}“ wurde angelegt.`)).toBeVisible()
  const personRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: personName }) })
  await expect(personRow).toContainText('erlaubt')
  const persons = (await (await page.request.get('/api/admin/structure/persons')).json()) as {
    persons: { id: string; name: string; publishConsent: boolean; portraitSha256: string | null }[]
  }
  const person = persons.persons.find((p) => p.name === personName)!
  expect(person).toMatchObject({ publishConsent: true })
  expect(person.portraitSha256).toMatch(/^[0-9a-f]{64}$/)
  const portrait = await page.request.get(`/api/structure/persons/${person.id}/portrait`)
  expect(portrait.status()).toBe(200)
  expect(portrait.headers()['content-type']).toBe('image/png')
  await personRow.getByRole('button', { name: `${personName} bearbeiten` }).click()
  const current = page.getByRole('img', { name: `Aktuelles Porträt von ${personName}` })
  await expect(current).toBeVisible()
  await expect.poll(() => current.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
  await page.getByRole('button', { name: 'Abbrechen' }).click()

  // --- a membership of that person in the new committee ---
  await openSection(page, 'Mitgliedschaften')
  await expectAccessible(page, 'admin: memberships')
  await page.getByLabel('Person', { exact: true }).selectOption({ label: personName })
  await page.getByLabel('Gremium oder Fraktion', { exact: true }).selectOption({ label: committeeName })
  await page.getByLabel('Rolle').selectOption('sachkundige Einwohnerin')
  await expect(page.getByLabel('Stimmrecht')).not.toBeChecked()
  await page.getByLabel('Beginn').fill('2024-07-01')
  await page.getByRole('button', { name: 'Anlegen' }).click()
  await expect(statusMessage(page, `„${personName} – ${committeeName}“ wurde angelegt.`)).toBeVisible()

  // the same seat twice in the same period is refused; the choices stay
  await page.getByLabel('Person', { exact: true }).selectOption({ label: personName })
  await page.getByLabel('Gremium oder Fraktion', { exact: true }).selectOption({ label: committeeName })
  await page.getByLabel('Rolle').selectOption('sachkundige Einwohnerin')
  await page.getByLabel('Beginn').fill('2025-01-01')
  await page.getByRole('button', { name: 'Anlegen' }).click()
  await expect(page.locator('rt-admin-view #err-startDate')).toContainText('für diesen Zeitraum schon die Rolle')
  await expect(page.getByLabel('Beginn')).toHaveValue('2025-01-01')

  // --- ending it: confirm dialog, by keyboard; access ends after the last day ---
  await page.getByLabel('Anzeigen für').selectOption({ label: committeeName })
  const seat = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: personName }) })
  await expect(seat).toHaveCount(1)
  const endButton = seat.getByRole('button', { name: `Mitgliedschaft ${personName} – ${committeeName} beenden` })
  await endButton.focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Mitgliedschaft beenden' })
  await expect(dialog).toBeVisible()
  await expect(page.getByLabel('Letzter Tag der Mitgliedschaft')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await endButton.focus()
  await page.keyboard.press('Enter')
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('keinen Zugriff mehr')
  await expectAccessible(page, 'admin: end membership dialog')
  const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin' })
  await page.getByLabel('Letzter Tag der Mitgliedschaft').fill(yesterday)
  await tabTo(page, (f) => f.tag === 'button' && f.text === 'Mitgliedschaft beenden')
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(statusMessage(page, /endet mit dem/)).toBeVisible()
  // only current memberships are listed: the ended seat is gone, and comes back with all
  await expect(seat).toHaveCount(0)
  await page.getByLabel('Nur aktuelle Mitgliedschaften').uncheck()
  await expect(seat).toHaveCount(1)
  const [y, m, d] = yesterday.split('-')
  await expect(seat).toContainText(`${d}.${m}.${y}`)
  await expect(seat.getByRole('button', { name: /beenden$/ })).toHaveCount(0)
  const memberships = (await (await page.request.get('/api/admin/structure/memberships')).json()) as {
    memberships: { personId: string; endDate: string | null }[]
  }
  expect(memberships.memberships.find((x) => x.personId === person.id)?.endDate).toBe(yesterday)
})

test('the clerk edits a body’s standard agenda items and tie rule by keyboard', async ({ page, baseURL }) => {
  const suffix = Date.now().toString(36).slice(-5)
  const name = `Ortschaftsrat Vorlage ${suffix}`
  const view = page.locator('rt-admin-view')
  const titles = () => view.locator('.template-row input[type="text"]')

  await signIn(page, 'clerk')
  await page.goto('/app/admin/bodies')
  await expect(page.getByRole('heading', { level: 2, name: 'Gremien' })).toBeVisible()
  await expect(view.locator('table caption')).toBeVisible()
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByLabel('Kurzname').fill(`OR ${suffix}`)
  await expect(view.getByText('Das Gremium verwendet die Standardvorlage.')).toBeVisible()
  await expect(titles()).toHaveCount(11)
  await expect(titles().nth(2)).toHaveValue('Einwohnerfragestunde')

  // remove "Einwohnerfragestunde" by keyboard: focus goes to the row that takes its place
  await view.getByRole('button', { name: '„Einwohnerfragestunde“ entfernen' }).focus()
  await page.keyboard.press('Enter')
  await expect(view.locator('.template-status')).toHaveText('„Einwohnerfragestunde“ wurde entfernt.')
  await expect(titles()).toHaveCount(10)
  expect((await focusedElement(page)).id).toBe('f-settings-standardItems-2')
  await expect(titles().nth(2)).toHaveValue('Feststellung der Tagesordnung')

  // move "Anfragen und Anregungen" up twice: the focus stays on its "up" button
  await view.getByRole('button', { name: '„Anfragen und Anregungen“ nach oben verschieben' }).focus()
  await page.keyboard.press('Enter')
  expect((await focusedElement(page)).id).toBe('f-settings-standardItems-4-up')
  await page.keyboard.press('Enter')
  expect((await focusedElement(page)).id).toBe('f-settings-standardItems-3-up')
  await expect(titles().nth(3)).toHaveValue('Anfragen und Anregungen')
  await expect(view.locator('.template-status')).toHaveText('„Anfragen und Anregungen“ steht jetzt an Position 4.')

  // add an entry: the new title field gets the focus; an empty title is refused before sending
  await view.getByRole('button', { name: 'Regel-TOP hinzufügen' }).focus()
  await page.keyboard.press('Enter')
  expect((await focusedElement(page)).id).toBe('f-settings-standardItems-10')
  await page.getByRole('button', { name: 'Anlegen' }).click()
  await expect(view.locator('#err-settings-standardItems-10')).toHaveText('Regel-TOP 11: Bitte einen Titel angeben.')
  expect((await focusedElement(page)).id).toBe('f-settings-standardItems-10')
  await page.keyboard.type('Grundstücksangelegenheiten')
  const row = view.getByRole('group', { name: 'Regel-TOP 11' })
  await row.getByLabel('Teil').selectOption('confidential')
  await row.getByLabel('Stellung').selectOption('start')
  await page.getByLabel('Bei Stimmengleichheit').selectOption({ label: 'entscheidet die Stimme des Vorsitzes' })
  await expectAccessible(page, 'admin: body with its standard items')
  await page.getByRole('button', { name: 'Anlegen' }).click()
  await expect(statusMessage(page, `„${name}“ wurde angelegt.`)).toBeVisible()

  // the relay stored exactly this template and rule
  const orgs = (await (await page.request.get('/api/admin/structure/organizations')).json()) as { organizations: { name: string; settings: { tieBreak: string; standardItems?: { title: string; public: boolean; position: string }[] } }[] }
  const saved = orgs.organizations.find((o) => o.name === name)!
  expect(saved.settings.tieBreak).toBe('chair')
  expect(saved.settings.standardItems?.map((t) => t.title)).not.toContain('Einwohnerfragestunde')
  expect(saved.settings.standardItems?.[3].title).toBe('Anfragen und Anregungen')
  expect(saved.settings.standardItems?.at(-1)).toMatchObject({ title: 'Grundstücksangelegenheiten', public: false, position: 'start' })

  // a hostile template sent past the form is refused with a German reason
  const origin = new URL(baseURL!).origin
  const refused = await page.request.post('/api/admin/structure/organizations', {
    data: { name: `X ${suffix}`, shortName: `X ${suffix}`, organizationType: 'Gremium', classification: 'Ausschuss', settings: { standardItems: [{ key: 'a', title: '<script>', public: 'ja', position: 'start' }] } },
    headers: { origin },
  })
  expect(refused.status()).toBe(400)
  expect(JSON.stringify(await refused.json())).toContain('Regel-Tagesordnungspunkt 1')

  // editing shows the body's own template; going back to the default is one button
  const bodyRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) })
  await bodyRow.getByRole('button', { name: `${name} bearbeiten` }).click()
  await expect(view.getByText('Das Gremium hat eine eigene Vorlage.')).toBeVisible()
  await expect(titles()).toHaveCount(11)
  await expect(page.getByLabel('Bei Stimmengleichheit')).toHaveValue('chair')
  await view.getByRole('button', { name: 'Standardvorlage wiederherstellen' }).focus()
  await page.keyboard.press('Enter')
  await expect(titles()).toHaveCount(11)
  await expect(titles().nth(2)).toHaveValue('Einwohnerfragestunde')
  expect((await focusedElement(page)).id).toBe('template-add')
  await page.getByRole('button', { name: 'Änderungen speichern' }).click()
  await expect(statusMessage(page, `Änderungen an „${name}“ wurden gespeichert.`)).toBeVisible()
  const after = (await (await page.request.get('/api/admin/structure/organizations')).json()) as { organizations: { name: string; settings: { standardItems?: unknown } }[] }
  expect(after.organizations.find((o) => o.name === name)!.settings.standardItems).toBeUndefined()
})

test('without a connection the administration says so and keeps what was typed', async ({ page, context }) => {
  await signIn(page, 'clerk')
  await page.goto('/app/admin/departments')
  await expect(page.getByRole('heading', { level: 2, name: 'Ämter' })).toBeVisible()
  await expect(page.locator('rt-admin-view table caption')).toBeVisible()
  await page.getByLabel('Name', { exact: true }).fill('Amt für Digitalisierung')
  await page.getByLabel('Kurzname').fill('Digital')
  await context.setOffline(true)
  await expect(page.getByText(/Keine Verbindung zum Server. Die Verwaltung braucht eine Verbindung/)).toBeVisible()
  await page.getByRole('button', { name: 'Anlegen' }).click()
  await expect(page.locator('rt-admin-view #form-error')).toContainText('nichts wurde gespeichert')
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Amt für Digitalisierung')
  await expect(page.getByLabel('Kurzname')).toHaveValue('Digital')
  await expectAccessible(page, 'admin: offline')
  await context.setOffline(false)
  await expect(page.getByText(/Keine Verbindung zum Server. Die Verwaltung braucht eine Verbindung/)).toBeHidden()
})

test('a council member gets no administration and a 403 from its API', async ({ page, baseURL }) => {
  await signIn(page, 'member-a')
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' })
  await expect(nav.getByRole('link', { name: 'Sitzungen' })).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Verwaltung' })).toHaveCount(0)

  const origin = new URL(baseURL!).origin
  expect((await page.request.get('/api/admin/structure/terms')).status()).toBe(403)
  expect((await page.request.get('/api/admin/structure/persons')).status()).toBe(403)
  const write = await page.request.post('/api/admin/structure/terms', {
    data: { name: 'Putsch', startDate: '2300-01-01', endDate: '2300-12-31' },
    headers: { origin },
  })
  expect(write.status()).toBe(403)
  expect((await page.request.get('/api/structure/organizations')).status()).toBe(200)

  await page.goto('/app/admin/memberships')
  await expect(page.getByText('Dieser Bereich ist nur für die Verwaltung und den Sitzungsdienst.')).toBeVisible()
  await expect(page.locator('rt-admin-view table')).toHaveCount(0)
  await expectAccessible(page, 'admin: forbidden for members')
})
