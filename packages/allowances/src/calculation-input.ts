/**
 * What a calculation run takes (plain data, as the relay has it in its tables) and its runtime
 * validation. Claims passed in are the approved ones; attendance and claims outside the period are
 * ignored, so a caller may pass more than the period needs.
 */
import { z } from 'zod'
import { isIsoDate } from './calendar-date.ts'
import { ConfigError, messageKey, problemMessage, problemsFromZod } from './config-problems.ts'
import { MEETING_KINDS, type MeetingKind, type Statute } from './statute.ts'
import { centsSchema, isoDateSchema } from './statute-validation.ts'

export interface CalculationPeriod {
  /** first day of a month */
  from: string
  /** last day of a month (the same or a later one) */
  to: string
}

export interface MemberRef {
  personId: string
  /** display name on statements */
  name: string
}

export interface OrganizationRef {
  id: string
  name: string
  /** "Stadtrat", "Ausschuss", "Ortschaftsrat", "Fraktion" */
  classification: string
}

/** A seat or function: the structure's memberships (role "Mitglied", "Vorsitz", "Fraktionsvorsitz" …). */
export interface MembershipRecord {
  personId: string
  organizationId: string
  role: string
  /** inclusive; null = open */
  startDate: string | null
  endDate: string | null
}

/**
 * The clerk's change to the statute's defaults for one member: `add` grants a type for the dates
 * (a second function's supplement from a given day), `remove` withdraws it (an expert resident gets
 * only the Sitzungsgeld). A removal wins over defaults and additions on the days it covers.
 */
export interface AssignmentOverride {
  personId: string
  typeId: string
  action: 'add' | 'remove'
  from: string
  /** inclusive; null/absent = open */
  to?: string | null
  /** the body the function belongs to (for a supplement that passes to a deputy) */
  organizationId?: string
  note?: string
}

/** The member did not exercise the office (illness, leave) from … to …, as the clerk recorded it. */
export interface AbsenceRecord {
  personId: string
  from: string
  /** inclusive; null/absent = still absent */
  to?: string | null
  note?: string
}

export interface AttendanceRecord {
  personId: string
  meetingId: string
  meetingKind: MeetingKind
  organizationId: string
  /** the day of the meeting (a session continued on another day is a record with that day) */
  date: string
  /** arrival/departure (ISO timestamps); an open period (no `left`) counts as present */
  periods: { arrived: string; left?: string }[]
  /** expelled for gross misconduct at (loses the day's allowance) */
  expelledAt?: string
  /** attended as substitute (Vertreter/in) for this person */
  substituteFor?: string
  /** conferences: attendance ordered by the council */
  ordered?: boolean
  /** shown in explanations instead of the body's name ("Stadtrat, Fortsetzung") */
  meetingName?: string
}

export interface TravelClaim {
  id: string
  personId: string
  kind: 'travel'
  date: string
  meetingId?: string
  mode: 'car' | 'publicTransport'
  /** car: distance home → venue → home */
  km?: number
  /** public transport: the ticket price on the receipt */
  receiptCents?: number
  /** the trip stayed inside the town */
  inTown: boolean
}

export interface LostEarningsClaim {
  id: string
  personId: string
  kind: 'lostEarnings'
  date: string
  meetingId?: string
  /** employee (certified rate), selfEmployed (credible rate) or household (flat rate) */
  basis: 'employee' | 'selfEmployed' | 'household'
  /** time of the mandate that fell within working time */
  minutes: number
  /** certified / credibly shown hourly rate (not for household) */
  hourlyRateCents?: number
  /** reference to the proof (Arbeitgeberbescheinigung …) */
  proof?: string
}

export interface CareClaim {
  id: string
  personId: string
  kind: 'care'
  date: string
  meetingId?: string
  minutes: number
  receiptCents: number
  proof?: string
}

export type Claim = TravelClaim | LostEarningsClaim | CareClaim

export interface CalculationInput {
  /** a statute object or the parsed JSON of a statute file (validated here) */
  statute: Statute | unknown
  period: CalculationPeriod
  members: MemberRef[]
  organizations: OrganizationRef[]
  memberships: MembershipRecord[]
  assignments?: AssignmentOverride[]
  absences?: AbsenceRecord[]
  attendance: AttendanceRecord[]
  claims?: Claim[]
}

const idText = z.string().min(1).max(200)
const timestamp = z.string().refine((v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)), { error: messageKey('timestamp') })
const minutes = z.number({ error: messageKey('minutes') }).int({ error: messageKey('minutes') }).min(0, { error: messageKey('minutes') }).max(1440, { error: messageKey('minutes') })
const km = z
  .number({ error: messageKey('km') })
  .min(0, { error: messageKey('km') })
  .max(2000, { error: messageKey('km') })
  .refine((v) => Math.abs(Math.round(v * 10) - v * 10) < 1e-6, { error: messageKey('km') })

const claimSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      id: idText,
      personId: idText,
      kind: z.literal('travel'),
      date: isoDateSchema,
      meetingId: idText.optional(),
      mode: z.enum(['car', 'publicTransport']),
      km: km.optional(),
      receiptCents: centsSchema.optional(),
      inTown: z.boolean(),
    })
    .superRefine((c, ctx) => {
      if (c.mode === 'car' && c.km === undefined) ctx.addIssue({ code: 'custom', path: ['km'], message: problemMessage('Kilometer fehlen', 'km missing') })
      if (c.mode === 'publicTransport' && c.receiptCents === undefined) {
        ctx.addIssue({ code: 'custom', path: ['receiptCents'], message: problemMessage('Betrag laut Beleg fehlt', 'receipt amount missing') })
      }
    }),
  z
    .strictObject({
      id: idText,
      personId: idText,
      kind: z.literal('lostEarnings'),
      date: isoDateSchema,
      meetingId: idText.optional(),
      basis: z.enum(['employee', 'selfEmployed', 'household']),
      minutes,
      hourlyRateCents: centsSchema.optional(),
      proof: z.string().max(500).optional(),
    })
    .superRefine((c, ctx) => {
      if (c.basis !== 'household' && c.hourlyRateCents === undefined) {
        ctx.addIssue({ code: 'custom', path: ['hourlyRateCents'], message: problemMessage('Stundensatz fehlt', 'hourly rate missing') })
      }
    }),
  z.strictObject({
    id: idText,
    personId: idText,
    kind: z.literal('care'),
    date: isoDateSchema,
    meetingId: idText.optional(),
    minutes,
    receiptCents: centsSchema,
    proof: z.string().max(500).optional(),
  }),
])

const dateRange = <T extends { from: string; to?: string | null }>(r: T, ctx: z.RefinementCtx) => {
  if (r.to != null && r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: problemMessage('liegt vor from', 'is before from') })
}

const inputSchema = z.object({
  statute: z.unknown(),
  period: z
    .strictObject({ from: isoDateSchema, to: isoDateSchema })
    .superRefine((p, ctx) => {
      if (isIsoDate(p.from) && !p.from.endsWith('-01')) {
        ctx.addIssue({ code: 'custom', path: ['from'], message: problemMessage('muss der Erste eines Monats sein', 'must be the first day of a month') })
      }
      if (isIsoDate(p.to) && isIsoDate(p.from)) {
        const next = new Date(Date.UTC(Number(p.to.slice(0, 4)), Number(p.to.slice(5, 7)) - 1, Number(p.to.slice(8, 10)) + 1))
        if (next.getUTCDate() !== 1) ctx.addIssue({ code: 'custom', path: ['to'], message: problemMessage('muss der Letzte eines Monats sein', 'must be the last day of a month') })
        if (p.to < p.from) ctx.addIssue({ code: 'custom', path: ['to'], message: problemMessage('liegt vor from', 'is before from') })
      }
    }),
  members: z.array(z.strictObject({ personId: idText, name: z.string().min(1).max(200) })),
  organizations: z.array(z.strictObject({ id: idText, name: z.string().min(1).max(300), classification: z.string().min(1).max(60) })),
  memberships: z.array(
    z.strictObject({
      personId: idText,
      organizationId: idText,
      role: z.string().min(1).max(60),
      startDate: isoDateSchema.nullable(),
      endDate: isoDateSchema.nullable(),
    }),
  ),
  assignments: z
    .array(
      z
        .strictObject({
          personId: idText,
          typeId: idText,
          action: z.enum(['add', 'remove']),
          from: isoDateSchema,
          to: isoDateSchema.nullable().optional(),
          organizationId: idText.optional(),
          note: z.string().max(500).optional(),
        })
        .superRefine(dateRange),
    )
    .optional(),
  absences: z
    .array(
      z
        .strictObject({ personId: idText, from: isoDateSchema, to: isoDateSchema.nullable().optional(), note: z.string().max(500).optional() })
        .superRefine(dateRange),
    )
    .optional(),
  attendance: z.array(
    z.strictObject({
      personId: idText,
      meetingId: idText,
      meetingKind: z.enum(MEETING_KINDS),
      organizationId: idText,
      date: isoDateSchema,
      periods: z.array(z.strictObject({ arrived: timestamp, left: timestamp.optional() })).max(50),
      expelledAt: timestamp.optional(),
      substituteFor: idText.optional(),
      ordered: z.boolean().optional(),
      meetingName: z.string().max(300).optional(),
    }),
  ),
  claims: z.array(claimSchema).optional(),
})

/** The input without its statute, checked; throws a ConfigError ("Eingabe ungültig: attendance[3].date: …"). */
export function assertCalculationInput(input: unknown): asserts input is CalculationInput {
  const parsed = inputSchema.safeParse(input, { reportInput: true })
  if (!parsed.success) throw new ConfigError('Eingabe ungültig', problemsFromZod(parsed.error.issues))
}
