/**
 * One snapshot of the public model arranged for the portal pages: meetings by date and body,
 * agenda items per meeting, consultations per paper, memberships per body and person, public
 * resolutions per paper. Built from the PublicReader (and the public resolutions) only, once per
 * change of the public model, so a page render is a handful of map look-ups.
 */
import type { ResolutionEntry } from '@ratstisch/domain'
import type {
  PublicAgendaItem,
  PublicConsultation,
  PublicMeeting,
  PublicMembership,
  PublicOrganization,
  PublicPaper,
  PublicPerson,
  PublicReader,
} from '../public/public-model.ts'

export class PortalData {
  /** every public meeting, earliest first */
  readonly meetings: readonly PublicMeeting[]
  readonly meetingsByOrganization = new Map<string, PublicMeeting[]>()
  /** every public paper, newest first (date, then reference) */
  readonly papers: readonly PublicPaper[]
  readonly consultationsByPaper = new Map<string, PublicConsultation[]>()
  /** organization ids a paper is consulted in */
  readonly organizationsByPaper = new Map<string, Set<string>>()
  readonly organizations: readonly PublicOrganization[]
  readonly persons = new Map<string, PublicPerson>()
  readonly membershipsByOrganization = new Map<string, PublicMembership[]>()
  readonly membershipsByPerson = new Map<string, PublicMembership[]>()
  readonly resolutions: readonly ResolutionEntry[]
  readonly resolutionsByPaper = new Map<string, ResolutionEntry[]>()
  readonly paperTypes: readonly string[]
  readonly paperYears: readonly string[]

  constructor(
    readonly reader: PublicReader,
    resolutions: readonly ResolutionEntry[],
  ) {
    this.meetings = reader.all('meeting').sort((a, b) => cmp(a.start, b.start) || cmp(a.id, b.id))
    for (const m of this.meetings) push(this.meetingsByOrganization, m.organizationId, m)
    this.papers = reader.all('paper').sort((a, b) => cmp(b.date, a.date) || cmp(b.reference, a.reference))
    for (const c of reader.all('consultation')) {
      push(this.consultationsByPaper, c.paperId, c)
      const set = this.organizationsByPaper.get(c.paperId) ?? new Set<string>()
      set.add(c.organizationId)
      this.organizationsByPaper.set(c.paperId, set)
    }
    this.organizations = reader.all('organization').sort((a, b) => a.name.localeCompare(b.name, 'de'))
    for (const p of reader.all('person')) this.persons.set(p.id, p)
    for (const m of reader.all('membership')) {
      push(this.membershipsByOrganization, m.organizationId, m)
      push(this.membershipsByPerson, m.personId, m)
    }
    this.resolutions = resolutions
    for (const r of resolutions) if (r.paperId) push(this.resolutionsByPaper, r.paperId, r)
    this.paperTypes = [...new Set(this.papers.map((p) => p.paperType))].sort((a, b) => a.localeCompare(b, 'de'))
    this.paperYears = [...new Set(this.papers.map((p) => p.date.slice(0, 4)))].sort().reverse()
  }

  /** the meeting's public agenda items in agenda order */
  agendaItems(meeting: PublicMeeting): PublicAgendaItem[] {
    const items: PublicAgendaItem[] = []
    for (const id of meeting.agendaItemIds) {
      const item = this.reader.get('agenda-item', id)
      if (item) items.push(item)
    }
    return items
  }

  organization(id: string): PublicOrganization | undefined {
    return this.reader.get('organization', id)
  }

  /** consultations of a paper in the order the paper lists them */
  consultations(paper: PublicPaper): PublicConsultation[] {
    const byId = new Map((this.consultationsByPaper.get(paper.id) ?? []).map((c) => [c.id, c]))
    return paper.consultationIds.map((id) => byId.get(id)).filter((c): c is PublicConsultation => c !== undefined)
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** memberships that hold on `today` (ISO date) */
export const isCurrent = (m: { startDate: string | null; endDate: string | null }, today: string): boolean =>
  (!m.startDate || m.startDate <= today) && (!m.endDate || m.endDate >= today)
