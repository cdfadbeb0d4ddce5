/**
 * The demo town's allowances: the Musterstadt statute (packages/allowances/statutes), the town's
 * account and bank data of the members (one expert resident without, so a payout shows a blocked
 * transfer), the finance clerk's assignments (the full-time mayor gets nothing; a member takes over
 * a committee chair's supplement) and an absence, and claims on held meetings — approved, pending
 * with proofs (for the finance clerk's queue) and one rejected. No runs: the finance user calculates.
 * Deterministic for a town and anchor date. With the leak-test marker, claim notes and proofs carry it.
 */
import { composeIBAN } from 'ibantools'
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { validateStatute } from '@ratstisch/allowances'
import { setSetting } from '../db/database.ts'
import { markerNote } from '../demo/demo-marker.ts'
import type { DemoMeeting, DemoTown } from '../demo/demo-town.ts'
import type { Relay } from '../relay.ts'
import type { ClaimData, ClaimFile, ClaimKind } from './allowance-store.ts'

const STATUTE_FILE = new URL('../../../packages/allowances/statutes/musterstadt.json', import.meta.url)
const FINANCE_USER = 'user-finance'

/** A valid German IBAN for a demo account number (Stadtsparkasse Musterstadt, a made-up bank code). */
export function demoIban(account: number): string {
  const iban = composeIBAN({ countryCode: 'DE', bban: `81053000${String(account).padStart(10, '0')}` })
  if (!iban) throw new Error(`no IBAN for account ${account}`)
  return iban
}

/** An 11-digit demo tax id (not a real one: the leading digits are fixed, the rest from the person id). */
function demoTaxId(personId: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(personId).digest('hex').slice(0, 12)}`).toString().padStart(9, '0').slice(-9)
  return `86${digits}`
}

/** A one-page PDF standing in for a scanned proof (employer's certificate, ticket, care invoice). */
async function proofPdf(title: string, lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false })
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
  const page = pdf.addPage([595.28, 841.89])
  page.drawText(title, { x: 70, y: 760, size: 16, font: bold })
  lines.forEach((line, i) => page.drawText(line, { x: 70, y: 720 - i * 18, size: 11, font }))
  pdf.setTitle(title)
  pdf.setCreationDate(new Date('2000-01-01T00:00:00Z'))
  pdf.setModificationDate(new Date('2000-01-01T00:00:00Z'))
  return pdf.save({ useObjectStreams: false })
}

const germanDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`
const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
const firstOfMonth = (iso: string, monthsBack: number) => {
  const d = new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1 - monthsBack, 1))
  return d.toISOString().slice(0, 10)
}

export interface DemoAllowancesReport {
  payees: number
  claims: number
  assignments: number
}

export async function seedDemoAllowances(relay: Relay, town: DemoTown, options: { anchorDate: string; marker: string | null }): Promise<DemoAllowancesReport> {
  const store = relay.allowances.store
  const at = `${options.anchorDate}T08:00:00.000Z`

  const checked = validateStatute(JSON.parse(readFileSync(STATUTE_FILE, 'utf8')) as unknown)
  if (!checked.ok) throw new Error(`demo statute invalid: ${checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`)
  const json = JSON.stringify(checked.statute, null, 2)
  store.addStatute({ statuteId: checked.statute.id, title: checked.statute.title, json, sha256: createHash('sha256').update(json).digest('hex'), by: FINANCE_USER, at })

  setSetting(
    relay.db,
    'allowances.debtor',
    JSON.stringify({ name: town.body.name, iban: demoIban(3_000_100), street: 'Markt 1', postalCode: '06999', town: town.body.name.replace(/^Stadt\s+/, ''), country: 'DE' }),
  )

  // bank data: every person with a seat, except the first expert resident (a blocked transfer in the demo)
  const organizations = new Map(town.organizations.map((o) => [o.id, o]))
  const seated = [...new Set(town.memberships.map((m) => m.personId))].sort()
  const withoutAccount = town.memberships.find((m) => m.role.startsWith('sachkundige'))?.personId
  const persons = new Map(town.persons.map((p) => [p.id, p]))
  let payees = 0
  seated.forEach((personId, i) => {
    const person = persons.get(personId)
    if (!person || personId === withoutAccount) return
    store.savePayee(
      { personId, accountHolder: null, iban: demoIban(1_000_000 + i * 7919), bic: null, street: null, postalCode: null, town: null, country: null, taxId: demoTaxId(personId) },
      FINANCE_USER,
      at,
    )
    payees++
  })

  // assignments: the full-time mayor gets no allowance; a member takes over a committee chair's supplement
  const userPerson = (username: string) => town.users.find((u) => u.username === username)?.personId
  const termStart = town.legislativeTerm.startDate
  let assignments = 0
  const mayor = userPerson('mayor')
  if (mayor) {
    for (const typeId of ['flat-council', 'supplement-chair', 'supplement-committee-chair', 'session-fee']) {
      store.addAssignment({ personId: mayor, typeId, action: 'remove', from: termStart, to: null, note: 'Hauptamtlicher Bürgermeister: keine Entschädigung nach der Satzung' }, FINANCE_USER, at)
      assignments++
    }
  }
  const memberD = userPerson('member-d')
  const committee = town.organizations.find((o) => o.classification === 'Ausschuss' && town.memberships.some((m) => m.personId === memberD && m.organizationId === o.id))
  if (memberD && committee) {
    store.addAssignment(
      { personId: memberD, typeId: 'supplement-committee-chair', action: 'add', from: firstOfMonth(options.anchorDate, 2), to: null, organizationId: committee.id, note: `Kommissarischer Vorsitz ${committee.shortName}` },
      FINANCE_USER,
      at,
    )
    assignments++
  }
  // one council member absent (illness) for four months and counting: the monthly rate lapses after three
  const absent = town.memberships.find(
    (m) => organizations.get(m.organizationId)?.classification === 'Stadtrat' && m.role === 'Mitglied' && !town.users.some((u) => u.personId === m.personId),
  )
  if (absent) store.addAbsence({ personId: absent.personId, from: addDays(firstOfMonth(options.anchorDate, 4), 9), to: null, note: 'Langzeiterkrankung' }, FINANCE_USER, at)

  // claims on held meetings of the demo members' bodies
  const held = town.meetings.filter((m) => m.state === 'held').sort((a, b) => a.start.localeCompare(b.start))
  const heldOf = (personId: string | undefined, classification?: string) =>
    held.filter(
      (m) =>
        (!classification || organizations.get(m.organizationId)?.classification === classification) &&
        town.memberships.some((s) => s.personId === personId && s.organizationId === m.organizationId && (!s.startDate || s.startDate <= m.start.slice(0, 10)) && (!s.endDate || s.endDate >= m.start.slice(0, 10))),
    )
  const note = (text: string) => (options.marker ? `${text} ${markerNote(options.marker)}` : text)
  let count = 0
  const addClaim = async (
    personId: string,
    userId: string,
    meeting: DemoMeeting,
    kind: ClaimKind,
    data: ClaimData,
    status: 'approved' | 'pending' | 'rejected',
    extra: { note?: string; reason?: string; proof?: { name: string; title: string; lines: string[] } } = {},
  ) => {
    const date = meeting.start.slice(0, 10)
    const files: ClaimFile[] = []
    if (extra.proof) {
      const lines = options.marker ? [...extra.proof.lines, markerNote(options.marker)] : extra.proof.lines
      const put = await relay.blobStore.put(await proofPdf(extra.proof.title, lines))
      files.push({ sha256: put.sha256, name: extra.proof.name, mime: 'application/pdf', size: put.size })
    }
    const id = `cl-demo-${String(++count).padStart(3, '0')}`
    store.addClaim({ id, personId, kind, date, meetingId: meeting.id, data, note: extra.note ? note(extra.note) : null, submittedAt: `${addDays(date, 2)}T09:15:00.000Z`, submittedBy: userId, files })
    if (status !== 'pending') store.decideClaim(id, status, extra.reason ?? null, FINANCE_USER, `${addDays(date, 5)}T10:00:00.000Z`)
  }

  const a = userPerson('member-a')
  const b = userPerson('member-b')
  const c = userPerson('member-c')
  const d = userPerson('member-d')
  // member-a drives in from an outlying village to every council meeting (approved)
  const aCouncil = heldOf(a, 'Stadtrat')
  for (const m of aCouncil) await addClaim(a!, 'user-member-a', m, 'travel', { mode: 'car', km: 14, inTown: false }, 'approved')
  // member-b loses working time for the finance committee (employee, certified rate)
  const bCommittee = heldOf(b, 'Ausschuss')
  for (const m of bCommittee.slice(0, -1)) {
    await addClaim(b!, 'user-member-b', m, 'lostEarnings', { basis: 'employee', minutes: 90, hourlyRateCents: 3450 }, 'approved', {
      proof: { name: 'Arbeitgeberbescheinigung.pdf', title: 'Arbeitgeberbescheinigung', lines: ['Bescheinigter Stundensatz: 34,50 EUR', `Freistellung am ${germanDate(m.start)}: 1 Std. 30 Min.`] },
    })
  }
  // member-c: childcare during every other Ortschaftsrat meeting
  for (const [i, m] of heldOf(c, 'Ortschaftsrat').entries()) {
    if (i % 2 !== 0) continue
    await addClaim(c!, 'user-member-c', m, 'care', { minutes: 180, receiptCents: 3600 }, 'approved', {
      proof: { name: 'Rechnung Kinderbetreuung.pdf', title: 'Rechnung Kinderbetreuung', lines: [`Betreuung am ${germanDate(m.start)}, 3 Stunden`, 'Betrag: 36,00 EUR'] },
    })
  }
  // pending, for the finance clerk's queue: the latest meetings
  const aCommittee = heldOf(a, 'Ausschuss')
  const aLatest = aCommittee[aCommittee.length - 1]
  if (aLatest) {
    await addClaim(a!, 'user-member-a', aLatest, 'lostEarnings', { basis: 'selfEmployed', minutes: 150, hourlyRateCents: 4500 }, 'pending', {
      note: 'Praxis am Nachmittag geschlossen.',
      proof: { name: 'Nachweis Verdienstausfall.pdf', title: 'Glaubhaftmachung Verdienstausfall (selbstständig)', lines: ['Stundensatz laut Steuerbescheid: 45,00 EUR', `Ausfall am ${germanDate(aLatest.start)}: 2 Std. 30 Min.`] },
    })
  }
  const bLatest = bCommittee[bCommittee.length - 1]
  if (bLatest) await addClaim(b!, 'user-member-b', bLatest, 'travel', { mode: 'car', km: 22, inTown: false }, 'pending', { note: 'Anfahrt vom Arbeitsplatz in der Kreisstadt.' })
  const dCouncil = heldOf(d, 'Stadtrat')
  const dLatest = dCouncil[dCouncil.length - 1]
  if (dLatest) {
    await addClaim(d!, 'user-member-d', dLatest, 'travel', { mode: 'publicTransport', receiptCents: 560, inTown: false }, 'pending', {
      proof: { name: 'Fahrschein.pdf', title: 'Fahrschein Regionalbus', lines: ['Hin- und Rückfahrt', 'Preis: 5,60 EUR'] },
    })
  }
  const dEarlier = dCouncil[dCouncil.length - 3]
  if (dEarlier) {
    await addClaim(d!, 'user-member-d', dEarlier, 'travel', { mode: 'car', km: 6, inTown: true }, 'rejected', {
      reason: 'Fahrten innerhalb des Stadtgebiets werden nach der Satzung nicht erstattet.',
    })
  }
  return { payees, claims: count, assignments }
}
