/**
 * Sitzungsgeld in the browser: the finance clerk approves a waiting claim, calculates March for the
 * demo town from the recorded attendance, reads a line's explanation, approves the run, creates a
 * payout and downloads the SEPA file (pain.001.001.09); member-a then sees her statement with the
 * explanations and is told plainly that claims need a connection when she is offline. Every view
 * passes axe.
 */
import { expect, test, type Browser, type Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { expectAccessible, signIn } from './journey-helpers.ts'

test.describe.configure({ mode: 'serial' })

async function newUser(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, username)
  return page
}

/** March of this year once it is over, else last year's (the demo town has a year of held meetings). */
function march(): { month: string; year: number } {
  const now = new Date()
  const year = now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1
  return { month: `${year}-03`, year }
}

test('finance calculates March, approves it and pays it out; the member reads her statement', async ({ browser }) => {
  test.setTimeout(120_000)
  const { month, year } = march()
  const finance = await newUser(browser, 'finance')
  await finance.getByRole('link', { name: 'Sitzungsgeld' }).click()
  await expect(finance.getByRole('heading', { level: 1, name: 'Sitzungsgeld – Finanzsachbearbeitung' })).toBeVisible()
  await expect(finance.getByRole('heading', { level: 2, name: 'Offene Anträge' })).toBeVisible()
  const waiting = finance.getByRole('group', { name: /^Antrag von / })
  await expect(waiting.first()).toBeVisible()
  await expectAccessible(finance, 'finance: claims')
  const name = ((await waiting.first().getAttribute('aria-label')) ?? '').replace(/^Antrag von (.*?):.*$/, '$1')
  await waiting.first().getByRole('button', { name: 'Genehmigen' }).click()
  await expect(finance.getByText(`Antrag von ${name} genehmigt.`)).toBeVisible()

  // the calculation of March from the held meetings
  await finance.getByRole('link', { name: 'Berechnungen' }).click()
  await finance.getByLabel('Von (Monat)').fill(month)
  await finance.getByRole('button', { name: 'Berechnen' }).click()
  const label = `März ${year}`
  await expect(finance.getByRole('heading', { level: 2, name: `Berechnung ${label}` })).toBeVisible({ timeout: 30_000 })
  await finance.getByText(/^Dr\. Anna Becker: /).click()
  await expect(finance.getByRole('cell', { name: new RegExp(`^Aufwandsentschädigung Stadtratsmitglied ${label}: `) })).toBeVisible()
  await expectAccessible(finance, 'finance: calculation')
  await finance.getByRole('button', { name: 'Berechnung freigeben' }).click()
  await expect(finance.getByText(`Berechnung für ${label} freigegeben.`)).toBeVisible()

  // the payout: SEPA file for the bank
  await finance.getByRole('link', { name: 'Auszahlungen' }).click()
  await finance.getByRole('button', { name: 'Auszahlung erstellen' }).click()
  // a repeated journey finds March already paid: nothing is paid twice
  await expect(finance.getByText(/Auszahlung erstellt: \d+ Überweisungen|nichts mehr auszuzahlen/)).toBeVisible()
  await expectAccessible(finance, 'finance: payouts')
  const download = finance.waitForEvent('download')
  await finance.getByRole('link', { name: /SEPA-Datei \(XML\)/ }).first().click()
  const xml = await readFile((await (await download).path())!, 'utf8')
  expect(xml.startsWith('<?xml')).toBe(true)
  expect(xml).toContain('<CstmrCdtTrfInitn>')
  expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09')

  for (const [section, heading] of [
    ['Satzung', 'Gültige Satzung'],
    ['Zuordnungen', 'Zuordnungen der Entschädigungsarten'],
    ['Bankverbindungen', 'Bankverbindungen'],
    ['Steuer', 'Steuer: Jahresübersicht'],
  ] as const) {
    await finance.getByRole('link', { name: section, exact: true }).click()
    await expect(finance.getByRole('heading', { level: 2, name: heading })).toBeVisible()
    await expect(finance.getByRole('status').filter({ hasText: 'Wird geladen' })).toHaveCount(0)
    await expectAccessible(finance, `finance: ${section}`)
  }

  // member-a: her statement with the explanations, and a clear word when offline
  const member = await newUser(browser, 'member-a')
  await member.getByRole('link', { name: 'Sitzungsgeld' }).click()
  await expect(member.getByRole('heading', { level: 1, name: 'Sitzungsgeld' })).toBeVisible()
  await member.getByLabel('Jahr').selectOption(String(year))
  await expect(member.getByRole('table', { name: `Posten ${year}` })).toBeVisible()
  await expect(member.getByRole('cell', { name: new RegExp(`^Aufwandsentschädigung Stadtratsmitglied ${label}: `) })).toBeVisible()
  await expect(member.getByRole('link', { name: `Jahresübersicht ${year} als PDF` })).toBeVisible()
  await expectAccessible(member, 'member: Sitzungsgeld')
  await member.context().setOffline(true)
  await expect(member.getByText('Keine Verbindung: Anträge können nur online eingereicht werden.', { exact: false }).first()).toBeVisible()
  await member.context().setOffline(false)
})
