/**
 * The relay's allowance API (/api/allowances, docs/API.md "Sitzungsgeld") as the views use it:
 * the answer shapes, thin calls through the session's ApiClient, and money in and out of the
 * forms (integer cents; "12,50" ⇄ 1250). Nothing here is cached on the device: allowance data is
 * shown while online only, so a lost or shared device holds none of it.
 */
import type { AllowanceKind, CalculationRun, LineItem, RunDiff, Statement, StatementItem } from '@ratstisch/allowances'
import { currentLocale, INTL_LOCALE } from '../../i18n/messages.ts'
import { NetworkError, type ApiClient } from '../../services/api-client.ts'

export type { AllowanceKind, CalculationRun, LineItem, RunDiff, Statement, StatementItem }

export const BASE = '/api/allowances'

export type ClaimKind = 'travel' | 'lostEarnings' | 'care'
export type ClaimStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn'

export interface ClaimFile {
  sha256: string
  name: string
  mime: string
  size: number
}

export interface Claim {
  id: string
  personId: string
  personName: string
  kind: ClaimKind
  date: string
  meetingId: string | null
  meetingName: string | null
  data: { mode?: 'car' | 'publicTransport'; km?: number; receiptCents?: number; inTown?: boolean; basis?: 'employee' | 'selfEmployed' | 'household'; minutes?: number; hourlyRateCents?: number }
  note: string | null
  status: ClaimStatus
  reason: string | null
  submittedAt: string
  decidedAt: string | null
  decidedByName: string | null
  files: ClaimFile[]
}

export interface MemberHome {
  personId: string
  name: string
  bankAccount: { iban: string; accountHolder: string | null } | null
  meetings: { id: string; name: string; organizationName: string; start: string }[]
  years: number[]
}

export interface RunSummary {
  id: string
  periodFrom: string
  periodTo: string
  label: string
  statuteVersion: number
  inputHash: string
  totalCents: number
  memberCount: number
  createdAt: string
  createdByName: string | null
  approvedAt: string | null
  approvedByName: string | null
  superseded: boolean
  notes: string[]
}

export interface RunDetail {
  run: RunSummary
  result: CalculationRun
  previous: RunSummary | null
  diff: RunDiff | null
}

export interface SettlementView {
  personId: string
  name: string
  amountCents: number
  status: 'transfer' | 'blocked' | 'reclaim' | 'offset'
  problems: string[]
  endToEndId: string | null
  iban: string | null
  lines: { itemId: string; kind: AllowanceKind; label: string; month: string; amountCents: number }[]
}

export interface PayoutPreview {
  executionDate: string
  dueBy: string
  runs: { id: string; label: string }[]
  transfers: number
  controlSumCents: number
  settlements: SettlementView[]
}

export interface PayoutRecord {
  id: string
  messageId: string
  createdAt: string
  createdByName: string | null
  executionDate: string
  transfers: number
  controlSumCents: number
  status: 'created' | 'cancelled'
  cancelledAt: string | null
}

export interface StatuteInfo {
  current: { version: number; statuteId: string; title: string; uploadedAt: string; uploadedByName: string | null; statute: unknown } | null
  versions: { version: number; statuteId: string; title: string; uploadedAt: string; uploadedByName: string | null }[]
}

export interface AssignmentsInfo {
  types: { id: string; kind: AllowanceKind; label: string }[]
  organizations: { id: string; name: string }[]
  persons: { personId: string; name: string; bodies: string[] }[]
  overrides: { id: string; personId: string; personName: string; typeId: string; typeLabel: string; action: 'add' | 'remove'; from: string; to?: string | null; organizationName: string | null; note?: string }[]
  effective: { personId: string; personName: string; typeId: string; typeLabel: string; from: string | null; to: string | null; source: 'statute' | 'clerk'; organizationName: string | null }[]
  absences: { id: string; personId: string; personName: string; from: string; to?: string | null; note?: string }[]
}

export interface PayeeRow {
  personId: string
  name: string
  bodies: string[]
  payee: {
    accountHolder: string | null
    iban: string
    bic: string | null
    street: string | null
    postalCode: string | null
    town: string | null
    country: string | null
    taxId: string | null
    problems: string[]
  } | null
}

export interface AllowanceSettings {
  debtor: { name: string; iban: string; bic?: string; street?: string; postalCode?: string; town: string; country: string } | null
  bookingCsv: unknown
  remittancePrefix: string
}

export interface TaxSummary {
  year: number
  rule: { id: string; source: string; taxFreeMonthlyCents: number } | null
  members: { personId: string; name: string; taxId: string | null; totalCents: number; taxFreeCents: number; exemptCents: number; taxableCents: number; reportable: boolean; explanation: string }[]
  report: { personId: string; name: string; taxId: string | null; totalCents: number }[]
  notes: string[]
}

/** A refused request's problems ("iban: Prüfziffer stimmt nicht") from the relay's JSON answer. */
export interface Problem {
  path: string
  message: string
}

/** Calls that send JSON and answer JSON; a refusal throws the ApiClient's ApiError (message in German). */
export const allowanceApi = (api: ApiClient) => ({
  get: <T>(path: string) => api.getJson(`${BASE}${path}`) as Promise<T>,
  post: async <T>(path: string, body: unknown = {}) => (await api.postJson(`${BASE}${path}`, body)).body as T,
  put: async <T>(path: string, body: unknown) => {
    const res = await api.request(`${BASE}${path}`, { method: 'PUT', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) })
    return (await res.json()) as T
  },
  del: async (path: string) => {
    await api.request(`${BASE}${path}`, { method: 'DELETE' })
  },
})

/**
 * Like ApiClient.request, but keeps the `problems` of a 400 answer for the form (the ApiClient
 * reads only the message).
 */
export async function sendWithProblems(
  api: ApiClient,
  path: string,
  init: RequestInit,
): Promise<{ ok: true; body: unknown } | { ok: false; status: number; message: string; problems: Problem[] }> {
  const res = await fetch(`${BASE}${path}`, { credentials: 'same-origin', cache: 'no-store', ...init, signal: AbortSignal.timeout(60_000) }).catch((e: unknown) => {
    throw new NetworkError(e)
  })
  if (res.status === 401) api.onUnauthorized?.()
  const text = await res.text()
  let body: unknown = null
  try {
    body = text ? (JSON.parse(text) as unknown) : null
  } catch {
    body = null
  }
  if (res.ok) return { ok: true, body }
  const b = (body ?? {}) as { error?: string; problems?: Problem[] }
  return { ok: false, status: res.status, message: b.error ?? `HTTP ${res.status}`, problems: Array.isArray(b.problems) ? b.problems : [] }
}

const euroFormats = new Map<string, Intl.NumberFormat>()

/** "1.234,56 €" from cents. */
export function formatCents(cents: number): string {
  const locale = INTL_LOCALE[currentLocale()]
  let fmt = euroFormats.get(locale)
  if (!fmt) euroFormats.set(locale, (fmt = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' })))
  return fmt.format(cents / 100)
}

/**
 * Cents from what a person types: "12,50", "12.50", "1.234,56", "12" (euros); undefined when it is
 * not an amount with at most two decimals.
 */
export function parseEuroInput(text: string): number | undefined {
  const t = text.trim().replace(/\s|€/g, '')
  if (!t) return undefined
  let normalized: string
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(t)) normalized = t.replace(/\./g, '').replace(',', '.')
  else if (/^\d+(,\d{1,2})?$/.test(t)) normalized = t.replace(',', '.')
  else if (/^\d+(\.\d{1,2})?$/.test(t)) normalized = t
  else return undefined
  const [euros, fraction = ''] = normalized.split('.')
  const cents = Number(euros) * 100 + Number(fraction.padEnd(2, '0'))
  return Number.isSafeInteger(cents) ? cents : undefined
}

/** A distance in km with at most one decimal ("24", "24,5"); undefined otherwise. */
export function parseKmInput(text: string): number | undefined {
  const t = text.trim().replace(',', '.')
  if (!/^\d{1,4}(\.\d)?$/.test(t)) return undefined
  return Number(t)
}

/** "März 2026" from "2026-03", in the app's locale. */
export function formatMonth(month: string): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 15))
  return new Intl.DateTimeFormat(INTL_LOCALE[currentLocale()], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d)
}

/** "12.03.2026" from an ISO date. */
export function formatDay(isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`)
  if (Number.isNaN(d.getTime())) return isoDate
  return new Intl.DateTimeFormat(INTL_LOCALE[currentLocale()], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(d)
}
