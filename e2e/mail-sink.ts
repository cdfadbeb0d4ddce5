/**
 * Where the relay's notices land in the journeys: a real local SMTP server (the relay's SMTP_URL)
 * and a local Web Push service (an endpoint host in the relay's PUSH_HOSTS). The journeys read what
 * arrived over HTTP; everything is kept in memory for the run.
 *
 *   MAIL_SINK_SMTP_PORT  SMTP, plain (no STARTTLS, no AUTH) on 127.0.0.1
 *   MAIL_SINK_PUSH_PORT  HTTPS push service (RFC 8030: POST <endpoint path> → 201), certificate and
 *                        key from MAIL_SINK_CERT_DIR (cert.pem, key.pem); optional
 *   MAIL_SINK_HTTP_PORT  GET /mails → [{ to, subject, text }], GET /pushes → [{ path, encoding,
 *                        body (base64url, still encrypted) }], GET /health
 *
 * Started by playwright.config.ts as a webServer next to the relay: `npx tsx e2e/mail-sink.ts`.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface SunkMail {
  /** envelope recipients (RCPT TO), lower case */
  to: string[]
  subject: string
  text: string
}

export interface SunkPush {
  /** the endpoint's path, e.g. /push/member-a */
  path: string
  /** Content-Encoding (aes128gcm) */
  encoding: string
  /** the encrypted payload, base64url */
  body: string
}

const HOST = '127.0.0.1'
const smtpPort = Number(process.env.MAIL_SINK_SMTP_PORT)
const httpPort = Number(process.env.MAIL_SINK_HTTP_PORT)
const pushPort = Number(process.env.MAIL_SINK_PUSH_PORT)
const certDir = process.env.MAIL_SINK_CERT_DIR
if (!smtpPort || !httpPort) throw new Error('MAIL_SINK_SMTP_PORT and MAIL_SINK_HTTP_PORT must be set')

const mails: SunkMail[] = []
const pushes: SunkPush[] = []

const smtp = new SMTPServer({
  // plain SMTP on loopback: nothing to encrypt or authenticate, and nodemailer then sends without TLS
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  size: 5 * 1024 * 1024,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((parsed) => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
        })
        callback()
      })
      .catch((error: Error) => callback(error))
  },
})
smtp.on('error', (error) => console.error(`[mail-sink] smtp: ${error.message}`))

const http = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok')
  } else if (req.method === 'GET' && (req.url === '/mails' || req.url === '/pushes')) {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(req.url === '/mails' ? mails : pushes))
  } else {
    res.writeHead(404).end()
  }
})

const push =
  pushPort && certDir
    ? createHttpsServer({ cert: readFileSync(join(certDir, 'cert.pem')), key: readFileSync(join(certDir, 'key.pem')) }, (req, res) => {
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => chunks.push(c))
        req.on('end', () => {
          if (req.method !== 'POST') return void res.writeHead(405).end()
          pushes.push({ path: req.url ?? '', encoding: String(req.headers['content-encoding'] ?? ''), body: Buffer.concat(chunks).toString('base64url') })
          res.writeHead(201).end()
        })
      })
    : undefined

smtp.listen(smtpPort, HOST, () => {
  push?.listen(pushPort, HOST)
  // health last: the journeys start once everything listens
  http.listen(httpPort, HOST, () => console.log(`[mail-sink] SMTP ${HOST}:${smtpPort}${push ? `, push https://${HOST}:${pushPort}` : ''}, read at http://${HOST}:${httpPort}`))
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    http.close()
    push?.close()
    smtp.close(() => process.exit(0))
  })
}
