/** Shapes of the relay's HTTP answers (docs/API.md), shared by the relay and the app. */
import type { Role } from './access-policy.ts'
import type { DocType } from './documents.ts'

export interface Membership {
  organizationId: string
  organizationName: string
  organizationType: 'Gremium' | 'Fraktion'
  role: string
  votingRight: boolean
  startDate: string | null
  endDate: string | null
}

export interface Me {
  id: string
  username: string
  name: string
  roles: Role[]
  memberships: Membership[]
  /** administrative department of staff users */
  departmentId: string | null
  departmentName: string | null
}

/** One row of the staff paper lists (Amtsinfo / Führungsinfo), from the relay's read model. */
export interface PaperListEntry {
  id: string
  /** automerge URL of the paper document */
  url: string
  /** empty until released */
  reference: string
  name: string
  paperType: string
  departmentId: string
  department: string
  /** workflow state id (draft, cosigning, approval, released, consultation, done, withdrawn) */
  state: string
  date: string
  updatedAt: string
  public: boolean
  createdBy: string | null
  /** current co-signing round: department id -> pending | signed | returned */
  cosigning: Record<string, 'pending' | 'signed' | 'returned'>
  cosigningSince: string | null
  cosigningDue: string | null
  /** body whose queue holds the paper (next open consultation) */
  nextOrganizationId: string | null
  nextOrganizationName: string | null
  nextRole: string | null
  /** a draft sent back to its authors (from co-signing or approval): when */
  returnedAt: string | null
}

export interface PaperList {
  papers: PaperListEntry[]
  serverTime: string
}

export interface DepartmentInfo {
  id: string
  name: string
  shortName: string
  active: boolean
}

/** What the meeting list needs, so the app draws it without opening documents. */
export interface MeetingMeta {
  name: string
  start: string
  end?: string
  state: string
  organizationId: string
  organizationName: string
  location?: string
}

export interface ManifestEntry {
  url: string
  type: DocType
  access: 'read' | 'write'
  meeting?: string
  meta?: MeetingMeta
}

export interface Manifest {
  documents: ManifestEntry[]
  serverTime: string
}

export interface RegisterDocumentResult {
  url: string
  existing: boolean
}
