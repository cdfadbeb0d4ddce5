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
