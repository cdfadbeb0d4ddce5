/**
 * The member's own documents of a meeting or an agenda item: the list (with "wird hochgeladen,
 * sobald eine Verbindung besteht" while queued) and "Eigenes Dokument hinzufügen" (a PDF from this
 * device). The host does the work through `add`; only the member sees these documents.
 */
import { LitElement, html, nothing } from 'lit'
import type { PrivateUpload } from '@ratstisch/domain'
import { themeStyles } from '../../app/theme.styles.ts'
import { formatFileSize } from '../../i18n/format.ts'
import { to } from '../../i18n/messages-offline.ts'
import { UploadRejectedError } from '../../services/private-uploads.ts'
import { privateUploadsStyles } from './private-uploads.styles.ts'

export function uploadErrorText(e: unknown): string {
  if (e instanceof UploadRejectedError) return to(e.problem === 'not-pdf' ? 'uploads.notPdf' : e.problem === 'too-large' ? 'uploads.tooLarge' : 'uploads.empty')
  return to('uploads.error', { reason: e instanceof Error ? e.message : String(e) })
}

export class PrivateUploadsView extends LitElement {
  static override styles = [themeStyles, privateUploadsStyles]
  static override properties = {
    uploads: { attribute: false },
    pending: { attribute: false },
    failures: { attribute: false },
    itemId: { type: String, attribute: 'item-id' },
    itemNumber: { type: String, attribute: 'item-number' },
    fileHref: { attribute: false },
    add: { attribute: false },
    busy: { state: true },
    open: { state: true },
    message: { state: true },
    error: { state: true },
  }

  declare uploads: readonly PrivateUpload[]
  declare pending: ReadonlySet<string>
  declare failures: ReadonlyMap<string, string>
  /** the agenda item the documents belong to; empty for the meeting as a whole */
  declare itemId: string
  declare itemNumber: string
  declare fileHref: (sha256: string) => string
  declare add: ((file: File, itemId?: string) => Promise<void>) | undefined
  declare busy: boolean
  /** the form is rendered only while its disclosure is open: a long agenda stays light */
  declare open: boolean
  declare message: string
  declare error: string

  constructor() {
    super()
    this.uploads = []
    this.pending = new Set()
    this.failures = new Map()
    this.itemId = ''
    this.itemNumber = ''
    this.fileHref = () => '#'
    this.busy = false
    this.open = false
    this.message = ''
    this.error = ''
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const input = form.querySelector<HTMLInputElement>('input[type=file]')
    const file = input?.files?.[0]
    this.message = ''
    this.error = ''
    if (!file) {
      this.error = to('uploads.choose')
      input?.focus()
      return
    }
    if (!this.add) return
    this.busy = true
    try {
      await this.add(file, this.itemId || undefined)
      this.message = to('uploads.added', { name: file.name })
      form.reset()
    } catch (err) {
      this.error = uploadErrorText(err)
      input?.focus()
    } finally {
      this.busy = false
    }
  }

  override render() {
    const forItem = !!this.itemNumber
    const list = this.uploads.filter((u) => (u.itemId ?? '') === this.itemId)
    return html`
      ${list.length
        ? html`<ul aria-label=${forItem ? to('uploads.list', { number: this.itemNumber }) : to('uploads.meetingHeading')}>
            ${list.map((u) => {
              const failed = this.failures.get(u.id)
              return html`<li>
                <span class="name">${u.name}</span>
                <span class="meta">${formatFileSize(u.size)}${this.pending.has(u.id) ? html` · ${to('uploads.pending')}` : nothing}</span>
                ${failed ? html`<span class="failed">${to('uploads.failed', { reason: failed })}</span>` : nothing}
                <a class="button" href=${this.fileHref(u.sha256)}>${to('file.open')}<span class="visually-hidden"> ${u.name}</span></a>
              </li>`
            })}
          </ul>`
        : nothing}
      <details @toggle=${(e: Event) => (this.open = (e.target as HTMLDetailsElement).open)}>
        <summary>${to('uploads.add')}${forItem ? html`<span class="visually-hidden"> (${this.itemNumber})</span>` : nothing}</summary>
        ${this.open
          ? html`<p class="hint">${to('uploads.hint')}</p>
              <form @submit=${(e: SubmitEvent) => void this.submit(e)}>
                <span class="field">
                  <label for="upload-file">${forItem ? to('uploads.fileFor', { number: this.itemNumber }) : to('uploads.file')}</label>
                  <input id="upload-file" name="file" type="file" accept="application/pdf,.pdf" aria-describedby="upload-status" />
                </span>
                <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? to('uploads.working') : to('uploads.submit')}</button>
              </form>`
          : nothing}
      </details>
      <div id="upload-status" aria-live="polite">
        ${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}
        ${this.message && !this.error ? html`<p class="notice success">${this.message}</p>` : nothing}
      </div>
    `
  }
}

customElements.define('rt-private-uploads', PrivateUploadsView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-private-uploads': PrivateUploadsView
  }
}
