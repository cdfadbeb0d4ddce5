/**
 * The two documents of one meeting (public part and, for those who may read it, the non-public
 * part) for the clerk's meeting views (agenda builder, live meeting): opens them through the
 * planning service (from the device when offline), tracks them for the sync status, loads the
 * body's rules of procedure, and tries again when the relay comes back or the manifest arrives.
 * Only the newest `open` counts: a late answer for a meeting the view has left is dropped.
 */
import type { DocHandle } from '@automerge/automerge-repo'
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { DEFAULT_BODY_SETTINGS, type BodySettings, type MeetingConfidentialDoc, type MeetingDoc } from '@ratstisch/domain'
import { MeetingPlanningService, type PlanningBody } from '../services/meeting-planning.ts'
import type { Session } from '../services/session.ts'
import { DocController } from './doc-controller.ts'

export type MeetingDocsPhase = 'loading' | 'ready' | 'unavailable'

export interface MeetingDocsOptions {
  /** for the console message when the meeting cannot be opened */
  label: string
  /** called once the documents of the newest `open` are ready (with the meeting's id) */
  onReady?: (meetingId: string) => void
}

export class MeetingDocsController implements ReactiveController {
  readonly meeting: DocController<MeetingDoc>
  readonly confidential: DocController<MeetingConfidentialDoc>
  phase: MeetingDocsPhase = 'loading'
  access: { meeting: 'read' | 'write'; confidential: 'read' | 'write' | undefined } = { meeting: 'read', confidential: undefined }
  /** the body's rules, the defaults until (or unless) they are known */
  settings: BodySettings = { ...DEFAULT_BODY_SETTINGS }
  /** `settings` are the body's (or, offline without a remembered list, final defaults) */
  settingsKnown = false
  /** every body (e.g. for "verwiesen an"), remembered on the device for offline use */
  bodies: PlanningBody[] = []
  private service: MeetingPlanningService | undefined
  private meetingId = ''
  private seq = 0
  private offs: (() => void)[] = []

  constructor(
    private readonly host: ReactiveControllerHost & { session: Session },
    private readonly options: MeetingDocsOptions,
  ) {
    this.meeting = new DocController<MeetingDoc>(host)
    this.confidential = new DocController<MeetingConfidentialDoc>(host)
    host.addController(this)
  }

  get planning(): MeetingPlanningService {
    const { api, db, repo, catalogue } = this.host.session
    this.service ??= new MeetingPlanningService(api, db, repo, catalogue)
    return this.service
  }

  hostConnected(): void {
    const { repo, catalogue } = this.host.session
    this.offs.push(
      repo.on('relay', ({ connected }) => {
        if (connected && this.phase === 'unavailable') void this.load()
      }),
      // right after sign-in the manifest may still be on its way
      catalogue.on('change', () => {
        if (this.phase === 'unavailable') void this.load()
      }),
    )
  }

  hostDisconnected(): void {
    for (const off of this.offs) off()
    this.offs = []
  }

  open(meetingId: string): void {
    this.meetingId = meetingId
    void this.load()
  }

  private setPhase(phase: MeetingDocsPhase): void {
    this.phase = phase
    this.host.requestUpdate()
  }

  private async load(): Promise<void> {
    const seq = ++this.seq
    if (!this.meetingId) return
    this.setPhase('loading')
    this.settingsKnown = false
    try {
      const handles = await this.planning.open(this.meetingId, navigator.onLine ? 20_000 : 4000)
      if (seq !== this.seq) return
      this.access = handles.access
      this.meeting.setHandle(handles.meeting)
      this.confidential.setHandle(handles.confidential)
      const { tracker } = this.host.session
      tracker.watch(handles.meeting as DocHandle<unknown>)
      if (handles.confidential) tracker.watch(handles.confidential as DocHandle<unknown>)
      this.setPhase('ready')
      void this.loadBody(seq)
      this.options.onReady?.(this.meetingId)
    } catch (e) {
      if (seq !== this.seq) return
      console.warn(`${this.options.label}: cannot open the meeting`, e)
      this.setPhase('unavailable')
    }
  }

  private async loadBody(seq: number): Promise<void> {
    const orgId = this.meeting.doc?.organization?.id
    try {
      const bodies = await this.planning.bodies()
      if (seq !== this.seq) return
      this.bodies = bodies
      this.settings = { ...DEFAULT_BODY_SETTINGS, ...(bodies.find((b) => b.id === orgId)?.settings ?? {}) }
    } catch {
      // offline without a remembered list: the defaults apply
      if (seq !== this.seq) return
    }
    this.settingsKnown = true
    this.host.requestUpdate()
  }
}
