/**
 * The documents of one meeting as a member's reader needs them: the public part, the non-public
 * part (if the member may read it) and the member's own notes (uploads), opened from the device
 * when offline. Retries when the manifest arrives or the relay comes back; only the newest `open`
 * counts. Also lists the meeting's files (meetingFiles).
 */
import type { DocHandle } from '@automerge/automerge-repo'
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { MeetingConfidentialDoc, MeetingDoc, NotesDoc } from '@ratstisch/domain'
import { DocController } from '../../controllers/doc-controller.ts'
import { t } from '../../i18n/messages.ts'
import type { MeetingDocuments } from '../../services/catalogue.ts'
import type { Session } from '../../services/session.ts'
import { meetingFiles, type MeetingFile } from './meeting-files.ts'

export type MemberMeetingPhase = 'loading' | 'ready' | 'missing' | 'unavailable'
export type PartState = 'none' | 'loading' | 'ready' | 'unavailable'

export class MemberMeetingController implements ReactiveController {
  readonly meeting: DocController<MeetingDoc>
  readonly confidential: DocController<MeetingConfidentialDoc>
  readonly notes: DocController<NotesDoc>
  phase: MemberMeetingPhase = 'loading'
  confidentialState: PartState = 'none'
  docs: MeetingDocuments | undefined
  private meetingId = ''
  private seq = 0
  private offs: (() => void)[] = []
  private filesCache: { key: unknown[]; files: MeetingFile[] } | undefined

  constructor(private readonly host: ReactiveControllerHost & { session: Session }) {
    this.meeting = new DocController<MeetingDoc>(host)
    this.confidential = new DocController<MeetingConfidentialDoc>(host)
    this.notes = new DocController<NotesDoc>(host)
    host.addController(this)
  }

  hostConnected(): void {
    const { session } = this.host
    this.offs.push(
      session.catalogue.on('change', () => {
        if (this.phase !== 'ready') void this.load()
        else void this.refresh()
      }),
      session.on('revoked', (ids) => {
        const mine = [this.docs?.meeting, this.docs?.confidential].some((r) => r && ids.includes(r.documentId))
        if (mine) void this.load()
      }),
      session.notes.on('switched', ({ meetingId }) => {
        if (meetingId === this.meetingId) void this.openNotes()
      }),
      session.repo.on('relay', ({ connected }) => {
        if (connected && (this.phase === 'unavailable' || this.confidentialState === 'unavailable')) void this.load()
      }),
    )
  }

  hostDisconnected(): void {
    for (const off of this.offs) off()
    this.offs = []
  }

  open(meetingId: string): void {
    if (meetingId === this.meetingId && this.phase !== 'unavailable' && this.phase !== 'missing') return
    this.meetingId = meetingId
    void this.load()
  }

  private timeout(): number {
    return navigator.onLine ? 20_000 : 4000
  }

  private async load(): Promise<void> {
    const seq = ++this.seq
    const id = this.meetingId
    if (!id) return
    if (this.phase !== 'ready') this.setPhase('loading')
    const { session } = this.host
    const docs = await session.catalogue.forMeeting(id)
    if (seq !== this.seq) return
    this.docs = docs
    if (!docs.meeting) {
      this.meeting.setHandle(undefined)
      this.confidential.setHandle(undefined)
      // right after sign-in the manifest may still be on its way: the catalogue 'change' retries
      this.setPhase(!session.catalogue.lastRefresh && navigator.onLine ? 'loading' : 'missing')
      return
    }
    void this.openConfidential(seq, docs)
    void this.openNotes()
    try {
      const handle = await session.repo.find<MeetingDoc>(docs.meeting.url, this.timeout())
      if (seq !== this.seq) return
      this.meeting.setHandle(handle)
      session.tracker.watch(handle as DocHandle<unknown>)
      this.setPhase('ready')
    } catch (e) {
      if (seq !== this.seq) return
      console.warn('reader: cannot open the meeting', e)
      this.setPhase('unavailable')
    }
  }

  private async refresh(): Promise<void> {
    if (!this.meetingId) return
    const docs = await this.host.session.catalogue.forMeeting(this.meetingId)
    const changed = docs.confidential?.url !== this.docs?.confidential?.url
    this.docs = docs
    if (changed) void this.openConfidential(this.seq, docs)
  }

  private async openConfidential(seq: number, docs: MeetingDocuments): Promise<void> {
    if (!docs.confidential) {
      this.confidential.setHandle(undefined)
      this.confidentialState = 'none'
      this.host.requestUpdate()
      return
    }
    if (this.confidential.handle?.url !== docs.confidential.url) this.confidentialState = 'loading'
    try {
      const { session } = this.host
      const handle = await session.repo.find<MeetingConfidentialDoc>(docs.confidential.url, this.timeout())
      if (seq !== this.seq) return
      this.confidential.setHandle(handle)
      session.tracker.watch(handle as DocHandle<unknown>)
      this.confidentialState = 'ready'
    } catch {
      if (seq === this.seq) this.confidentialState = 'unavailable'
    }
    this.host.requestUpdate()
  }

  private async openNotes(): Promise<void> {
    const id = this.meetingId
    try {
      const handle = await this.host.session.notes.open(id, navigator.onLine ? 15_000 : 4000)
      if (id === this.meetingId && handle) this.notes.setHandle(handle)
    } catch (e) {
      console.warn('reader: notes not available', e)
    }
  }

  private setPhase(phase: MemberMeetingPhase): void {
    this.phase = phase
    this.host.requestUpdate()
  }

  /** The files a member can open in this meeting (recomputed only when a document changed). */
  files(): MeetingFile[] {
    const parts = {
      meeting: { doc: this.meeting.doc, documentId: this.meeting.handle?.documentId },
      confidential: { doc: this.confidential.doc, documentId: this.confidential.handle?.documentId },
      notes: { doc: this.notes.doc, documentId: this.notes.handle?.documentId },
    }
    const key = [parts.meeting.doc, parts.confidential.doc, parts.notes.doc]
    if (this.filesCache && this.filesCache.key.every((k, i) => k === key[i])) return this.filesCache.files
    const files = meetingFiles({
      ...parts,
      invitationLabel: t('meeting.invitation'),
      agendaLabel: t('meeting.agendaPdf'),
      confidentialAgendaLabel: t('meeting.agendaPdfConfidential'),
    })
    this.filesCache = { key, files }
    return files
  }
}
