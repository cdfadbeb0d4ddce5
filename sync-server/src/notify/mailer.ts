/**
 * Mailer adapters: SMTP (nodemailer over SMTP_URL) or, without SMTP, RFC 822 `.eml` files in an
 * outbox directory (a clerk or a test can open them; nothing is lost on a server without mail).
 */
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import nodemailer from 'nodemailer'

export interface OutgoingMail {
  from: string
  to: string
  subject: string
  text: string
  html: string
}

export interface Mailer {
  /** a short description for the start-up log (never credentials) */
  readonly description: string
  send(mail: OutgoingMail): Promise<void>
}

/** Sends over SMTP; the URL may carry credentials (smtp://user:pass@host:587, smtps://…). */
export class SmtpMailer implements Mailer {
  readonly description: string
  private readonly transport
  constructor(smtpUrl: string) {
    const url = new URL(smtpUrl)
    this.description = `SMTP ${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`
    this.transport = nodemailer.createTransport(smtpUrl)
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail(mail)
  }
}

/** Writes each mail as an RFC 822 message (built by nodemailer) to `<dir>/<time>-<random>.eml`. */
export class FileMailer implements Mailer {
  readonly description: string
  private readonly transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  constructor(private readonly dir: string) {
    this.description = `Dateien in ${dir}`
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.transport.sendMail(mail)) as { message: Buffer }
    await fs.promises.mkdir(this.dir, { recursive: true })
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`
    const target = path.join(this.dir, name)
    // write then rename, so a reader never sees half a message
    await fs.promises.writeFile(`${target}.tmp`, info.message)
    await fs.promises.rename(`${target}.tmp`, target)
  }
}

export function mailerFor(config: { smtpUrl?: string; mailDir: string; dataDir: string }): Mailer {
  return config.smtpUrl ? new SmtpMailer(config.smtpUrl) : new FileMailer(config.mailDir || path.join(config.dataDir, 'mail-outbox'))
}
