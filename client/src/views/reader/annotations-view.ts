/**
 * "Meine Anmerkungen" of a meeting (/app/meetings/:id/annotations): every annotation the member
 * made (private and shared) and those the faction shared, with file, page and a link that opens
 * the reader there; editing works here too. Reached from the meeting view; works offline.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import { workspaceStyles } from '../../app/workspace.styles.ts'
import '../../components/annotation-list/annotation-list.ts'
import type { AnnotationListItem, EditorState } from '../../components/annotation-list/annotation-list.ts'
import { t } from '../../i18n/messages.ts'
import { trd } from '../../i18n/messages-reader.ts'
import { MeetingAnnotations, ShareError, type AnnotationPatch } from '../../services/annotations.ts'
import type { Session } from '../../services/session.ts'
import { fileForAnnotation, isShareable } from './meeting-files.ts'
import { MemberMeetingController } from './member-meeting-controller.ts'

export class AnnotationsView extends LitElement {
  static override styles = [themeStyles, workspaceStyles]
  static override properties = {
    session: { attribute: false },
    meetingId: { type: String, attribute: 'meeting-id' },
    editingId: { state: true },
    editor: { state: true },
    message: { state: true },
  }

  declare session: Session
  declare meetingId: string
  declare editingId: string
  declare editor: EditorState
  declare message: string

  private readonly parts = new MemberMeetingController(this)
  private annotations: MeetingAnnotations | undefined

  constructor() {
    super()
    this.meetingId = ''
    this.editingId = ''
    this.editor = { busy: false, status: '', error: '' }
    this.message = ''
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.annotations?.close()
    this.annotations = undefined
  }

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.meetingId && !this.annotations) this.openMeeting()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('meetingId') && this.meetingId) this.openMeeting()
  }

  protected override updated(): void {
    const name = this.parts.meeting.doc?.name ?? this.parts.docs?.meeting?.meta?.name
    document.title = `${name ? trd('list.title', { meeting: name }) : trd('list.heading')} – ${t('app.name')}`
  }

  private openMeeting(): void {
    this.annotations?.close()
    const annotations = new MeetingAnnotations(this.session, this.meetingId)
    this.annotations = annotations
    annotations.on('change', () => this.requestUpdate())
    void annotations.open()
    this.parts.open(this.meetingId)
  }

  private items(): AnnotationListItem[] {
    const files = this.parts.files()
    return (this.annotations?.entries() ?? []).map((entry) => {
      const a = entry.annotation
      const file = fileForAnnotation(files, a.target)
      return {
        entry,
        fileLabel: file?.label ?? a.target.name,
        href: file ? hrefFor({ name: 'file', meetingId: this.meetingId, sha256: file.sha256, page: a.page, annotation: a.id }) : undefined,
        page: a.page,
        shareable: isShareable(file),
      }
    })
  }

  private async onShare(id: string, share: boolean): Promise<void> {
    if (!this.annotations) return
    this.editor = { busy: true, status: '', error: '' }
    try {
      if (share) await this.annotations.share(id)
      else await this.annotations.unshare(id)
      this.editor = { busy: false, status: share ? trd('editor.sharedNow') : trd('editor.unsharedNow'), error: '' }
    } catch (err) {
      const problem = err instanceof ShareError ? err.problem : 'failed'
      const error =
        problem === 'needs-connection'
          ? trd('share.needsConnection')
          : problem === 'no-faction'
            ? trd('share.noFaction')
            : trd('share.failed', { reason: err instanceof Error ? err.message : String(err) })
      this.editor = { busy: false, status: '', error }
    }
  }

  override render() {
    const back = html`<a class="back" href=${hrefFor({ name: 'meeting', meetingId: this.meetingId })}>← ${t('pdf.close')}</a>`
    const name = this.parts.meeting.doc?.name ?? this.parts.docs?.meeting?.meta?.name
    if (this.parts.phase === 'missing') return html`${back}<h1 tabindex="-1">${t('meeting.notFound')}</h1><p>${t('meeting.notFound.text')}</p>`
    const items = this.items()
    return html`
      ${back}
      <h1 tabindex="-1">${trd('list.heading')}</h1>
      ${name ? html`<p class="subtitle">${name} · ${trd('list.count', { count: items.length })}</p>` : nothing}
      ${this.parts.phase === 'loading' ? html`<p role="status">${trd('list.loading')}</p>` : nothing}
      ${this.parts.phase === 'unavailable' ? html`<p class="notice" role="status">${t('meeting.unavailable')}</p>` : nothing}
      <p class="visually-hidden" role="status">${this.message}</p>
      <rt-annotation-list
        .items=${items}
        editing-id=${this.editingId}
        .editor=${this.editor}
        faction-name=${this.annotations?.factionName ?? ''}
        heading-level="2"
        @annotation-edit=${(e: CustomEvent<{ id: string }>) => {
          this.editingId = e.detail.id
          this.editor = { busy: false, status: '', error: '' }
        }}
        @annotation-change=${(e: CustomEvent<{ id: string; patch: AnnotationPatch }>) => this.annotations?.update(e.detail.id, e.detail.patch)}
        @annotation-delete=${(e: CustomEvent<{ id: string }>) => {
          this.annotations?.remove(e.detail.id)
          this.editingId = ''
          this.message = trd('editor.deleted')
        }}
        @annotation-share=${(e: CustomEvent<{ id: string }>) => void this.onShare(e.detail.id, true)}
        @annotation-unshare=${(e: CustomEvent<{ id: string }>) => void this.onShare(e.detail.id, false)}
      ></rt-annotation-list>
    `
  }
}

customElements.define('rt-annotations-view', AnnotationsView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-annotations-view': AnnotationsView
  }
}
