/**
 * Assembles the relay: database, access registry, automerge-repo with the sync gate, blob store,
 * read model, HTTP routes and the /sync WebSocket endpoint. One place mounts every capability.
 */
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { secureHeaders } from 'hono/secure-headers'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import path from 'node:path'
import { WebSocketServer } from 'ws'
import type { DocumentId } from '@automerge/automerge-repo'
import { AccessRegistry } from './access/access-registry.ts'
import { adminRoutes } from './admin/admin-routes.ts'
import { AuditLog } from './audit/audit-log.ts'
import { authRoutes } from './auth/auth-routes.ts'
import { OriginPolicy } from './auth/origin-policy.ts'
import { SESSION_COOKIE, SessionStore, cookieValue, hashToken } from './auth/session-store.ts'
import { UserStore } from './auth/user-store.ts'
import type { RelayConfig } from './config.ts'
import { getSetting, openDatabase, type RelayDatabase } from './db/database.ts'
import { BlobRegistry } from './files/blob-registry.ts'
import { FsBlobStore, type BlobStore } from './files/blob-store.ts'
import { fileRoutes } from './files/file-routes.ts'
import { checkOrigin, requireUser, type RelayEnv } from './http/context.ts'
import { PaperCatalogue } from './papers/paper-catalogue.ts'
import { paperListRoutes } from './papers/paper-list-routes.ts'
import { paperPdfRenderer } from './papers/paper-pdf.ts'
import { paperRoutes } from './papers/paper-routes.ts'
import { PaperService } from './papers/paper-service.ts'
import { portalRoutes } from './portal/portal-routes.ts'
import { oparlRoutes } from './oparl/oparl-routes.ts'
import { MeetingCatalogue } from './read-model/meeting-catalogue.ts'
import { Projection } from './read-model/projection.ts'
import { clientApp } from './static/client-app.ts'
import { RelayRepo } from './sync/relay-repo.ts'
import { syncRoutes } from './sync/sync-routes.ts'
import { structureRoutes } from './structure/structure-routes.ts'
import { MeetingService } from './meetings/meeting-service.ts'
import { meetingRoutes } from './meetings/meeting-routes.ts'
import { loadPdfFonts } from '@ratstisch/paper-pdf/fonts-node'
import { ResolutionStore } from './resolutions/resolution-store.ts'
import { resolutionRoutes } from './resolutions/resolution-routes.ts'
import { CircularService } from './circulars/circular-service.ts'
import { circularRoutes } from './circulars/circular-routes.ts'
import { Notifier } from './notify/notifier.ts'
import { pushRoutes } from './notify/push-routes.ts'
import { MeetingOutcomes } from './minutes/meeting-outcomes.ts'
import { minutesRoutes } from './minutes/minutes-routes.ts'
import { MinutesService } from './minutes/minutes-service.ts'
import { FactionNotesService } from './faction-notes/faction-notes-service.ts'
import { factionNotesRoutes } from './faction-notes/faction-notes-routes.ts'
import { AgendaFileRefresh } from './meetings/agenda-file-refresh.ts'
import { NoticeBatcher } from './notify/notice-batcher.ts'
import { Publisher } from './public/publisher.ts'
import { ImportService } from './import/import-service.ts'
import { importRoutes } from './import/import-routes.ts'
import { PdfTextExtractor } from './portal-search/pdf-text-extractor.ts'
import { PdfTextStore } from './portal-search/pdf-text-store.ts'
import { PortalSearchService } from './portal-search/portal-search-service.ts'
import { feedRoutes } from './feeds/feed-routes.ts'
import { AllowanceService } from './allowances/allowance-service.ts'
import { allowanceRoutes } from './allowances/allowance-routes.ts'
import type { MeetingDoc, RatstischDoc } from '@ratstisch/domain'

export interface Relay {
  config: RelayConfig
  db: RelayDatabase
  users: UserStore
  sessions: SessionStore
  registry: AccessRegistry
  audit: AuditLog
  blobs: BlobRegistry
  blobStore: BlobStore
  meetings: MeetingCatalogue
  papers: PaperCatalogue
  paperService: PaperService
  /** meeting planning (locations, series, calendar) and the release/cancel commands */
  meetingService: MeetingService
  /** Beschlusskontrolle (resolutions of meetings and circulars) */
  resolutions: ResolutionStore
  /** Umlaufverfahren (§ 54 KVG LSA) */
  circulars: CircularService
  /** minutes (Niederschrift) commands and write rules */
  minutes: MinutesService
  /** results of ended meetings flow into the papers and the Beschlusskontrolle */
  outcomes: MeetingOutcomes
  projection: Projection
  /** e-mail and Web Push notices to the members of a body (public facts only) */
  notifier: Notifier
  /** the factions' shared notes per meeting (documents, write rules, notices to colleagues) */
  factionNotes: FactionNotesService
  /** new file versions of papers reach the open meetings presenting them */
  agendaFiles: AgendaFileRefresh
  /** "documents changed" notices per meeting, batched */
  documentNotices: NoticeBatcher
  relayRepo: RelayRepo
  /** the public model: what the portal, OParl, the portal search and the feeds may show */
  publisher: Publisher
  /** OParl import from another system (admin API /api/admin/import, CLI import:oparl) */
  imports: ImportService
  /** the portal search over the public model and the text of public PDFs */
  portalSearch: PortalSearchService
  /** background text extraction of public PDFs for the portal search */
  pdfTexts: PdfTextExtractor
  /** Sitzungsgeld: statute, claims, runs, payouts (finance role and the member themself only) */
  allowances: AllowanceService
  app: Hono
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>
  close(): Promise<void>
}

const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ')

export function createRelay(config: RelayConfig): Relay {
  const startedAt = Date.now()
  const db = openDatabase(config.dataDir)
  const users = new UserStore(db)
  const sessions = new SessionStore(db, config.sessionTtlHours)
  const audit = new AuditLog(db)
  const registry = new AccessRegistry(db, users)
  const blobs = new BlobRegistry(db)
  const blobStore = new FsBlobStore(path.join(config.dataDir, 'blobs'))
  const meetings = new MeetingCatalogue(db)
  const papers = new PaperCatalogue(db)
  const projection = new Projection(registry, meetings, blobs, papers)
  let paperService: PaperService | undefined
  let minutesService: MinutesService | undefined
  let factionNotes: FactionNotesService | undefined
  let agendaFiles: AgendaFileRefresh | undefined
  const relayRepo = new RelayRepo({
    dataDir: config.dataDir,
    registry,
    audit,
    evictIdleMs: config.evictIdleMs,
    checkWrite: (userId, type, before, fork, documentId) => {
      if (type === 'paper' && paperService) return paperService.checkWrite(userId, before, fork)
      if (type === 'minutes' && minutesService) return minutesService.checkWrite(userId, before, fork)
      if (type === 'faction-notes') return factionNotes ? factionNotes.checkWrite(userId, documentId, before, fork) : ['faction notes are not available']
      return []
    },
    afterWrite: (userId, type, before, fork, documentId) => {
      if (type === 'paper') agendaFiles?.onPaperWrite(documentId, before, fork)
      if (type === 'meeting' || type === 'meeting-confidential') agendaFiles?.onMeetingWrite(registry.get(documentId)?.meetingId ?? null, before, fork)
      if (type === 'faction-notes') factionNotes?.afterWrite(userId, documentId, before, fork)
    },
  })
  paperService = new PaperService({ db, users, registry, audit, relayRepo, catalogue: papers, projection, blobs })
  const service = paperService
  const resolutions = new ResolutionStore(db, { registry, users, audit })
  const circulars = new CircularService({
    db,
    users,
    registry,
    audit,
    resolutions,
    consultations: { recordConsultationResult: (input) => service.recordConsultationResult(input) },
  })
  circulars.start()
  const publisher = new Publisher({
    db,
    registry,
    loadDoc: (documentId) => relayRepo.doc<RatstischDoc>(documentId as DocumentId) as Promise<RatstischDoc | undefined>,
  })
  projection.onPaper = (documentId, doc) => {
    service.updateAccess(documentId, doc)
    publisher.onDocument(documentId, doc)
  }
  const minutesTownName = () => getSetting(db, 'town.name') ?? 'Ratstisch'
  const minutes = new MinutesService({ db, users, registry, audit, relayRepo, meetings, projection, townName: minutesTownName })
  minutesService = minutes
  const outcomes = new MeetingOutcomes({ db, relayRepo, meetings, papers: service, resolutions, audit })
  projection.onMeeting = (documentId, doc) => {
    outcomes.onMeeting(documentId, doc)
    if (doc.type === 'meeting') publisher.onDocument(documentId, doc)
  }
  projection.onMinutes = (documentId, doc) => {
    minutes.upsertRow(documentId, doc)
    publisher.onDocument(documentId, doc)
  }
  let meetingFonts: ReturnType<typeof loadPdfFonts> | undefined
  const meetingService = new MeetingService({
    db,
    users,
    registry,
    audit,
    relayRepo,
    catalogue: meetings,
    projection,
    blobStore,
    blobs,
    townName: () => getSetting(db, 'town.name') ?? 'Ratstisch',
    loadFonts: () => (meetingFonts ??= loadPdfFonts()),
    papers: service,
    minutes,
  })
  projection.attach(relayRepo.repo)
  publisher.start()
  const pdfTextStore = new PdfTextStore(db)
  const pdfTexts = new PdfTextExtractor({ reader: publisher, blobStore, store: pdfTextStore })
  const portalSearch = new PortalSearchService({ reader: publisher, texts: pdfTextStore, extractor: pdfTexts })
  pdfTexts.start()
  portalSearch.start()
  const origins = new OriginPolicy(config.publicUrl, config.allowedOrigins)
  const notifier = new Notifier({ db, config, audit })
  circulars.setNotifier(notifier)
  meetingService.setNotifier(notifier)
  factionNotes = new FactionNotesService({
    db,
    users,
    registry,
    audit,
    relayRepo,
    meetings,
    blobs,
    notify: (notice) => notifier.notifyBody(notice),
    noticeDelayMs: config.noticeDelayMs,
  })
  const fileRefresh = new AgendaFileRefresh({ db, relayRepo, projection, audit, onMeetingFilesChanged: (meetingId) => documentNotices.add(meetingId, ['files']) })
  agendaFiles = fileRefresh
  const documentNotices = new NoticeBatcher((meetingId) => fileRefresh.noticeFor(meetingId), (notice) => notifier.notifyBody(notice), config.noticeDelayMs)
  console.log(`[relay] notices by e-mail: ${notifier.mailer.description}`)
  const allowances = new AllowanceService({
    db,
    users,
    audit,
    blobStore,
    maxUploadBytes: config.maxUploadBytes,
    loadMeeting: async (documentId) => {
      const doc = await relayRepo.doc<MeetingDoc>(documentId)
      return doc ? (doc as MeetingDoc) : undefined
    },
    townName: () => getSetting(db, 'town.name') ?? 'Ratstisch',
    loadFonts: () => (meetingFonts ??= loadPdfFonts()),
  })
  const imports = new ImportService({ relay: { db, registry, relayRepo, projection, meetings, audit }, blobStore, blobs, audit, dataDir: config.dataDir, maxFileBytes: config.maxUploadBytes, log: (line) => console.log(line) })

  // Revocation: users whose roles or memberships changed lose their sockets; on reconnect the
  // client fetches its manifest and deletes what it may no longer read.
  registry.onChange((userIds) => {
    if (userIds === 'all') return
    for (const userId of userIds) relayRepo.adapter.closeUser(userId)
  })

  const app = new Hono()
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }))
  app.use('*', async (c, next) => {
    await next()
    c.header('Content-Security-Policy', CSP)
  })

  app.get('/health', (c) =>
    c.json({
      status: 'ok',
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      documents: registry.size,
      loadedDocuments: relayRepo.loadedDocuments,
      syncConnections: relayRepo.adapter.connectionCount,
    }),
  )

  const api = new Hono<RelayEnv>()
  api.use('*', checkOrigin(origins))
  api.route(
    '/',
    authRoutes({
      users,
      sessions,
      audit,
      secureCookies: config.secureCookies,
      onLogout: (_userId, token) => relayRepo.adapter.closeSession(hashToken(token), 4401, 'signed out'),
    }),
  )
  api.use('/sync/*', requireUser(sessions))
  api.use('/documents', requireUser(sessions))
  api.use('/files/*', requireUser(sessions))
  api.use('/files', requireUser(sessions))
  api.use('/admin/*', requireUser(sessions))
  api.use('/papers/*', requireUser(sessions))
  api.use('/papers', requireUser(sessions))
  api.use('/organizations/*', requireUser(sessions))
  api.use('/town', requireUser(sessions))
  api.use('/locations', requireUser(sessions))
  api.use('/meetings', requireUser(sessions))
  api.use('/meetings/*', requireUser(sessions))
  api.use('/resolutions', requireUser(sessions))
  api.use('/resolutions/*', requireUser(sessions))
  api.use('/circulars', requireUser(sessions))
  api.use('/circulars/*', requireUser(sessions))
  api.use('/push/*', requireUser(sessions))
  api.use('/allowances/*', requireUser(sessions))
  api.route('/', syncRoutes({ registry, meetings, audit, onRegistered: (documentId) => relayRepo.fetchFromPeers(documentId as DocumentId) }))
  api.route('/files', fileRoutes({ store: blobStore, blobs, registry, audit, maxUploadBytes: config.maxUploadBytes }))
  api.route('/admin', adminRoutes(db, users, registry, audit))
  api.route('/', structureRoutes({ db, users, sessions, registry, audit, blobs, blobStore }))
  api.route('/papers', paperListRoutes({ db, registry, sessions }))
  const townName = () => getSetting(db, 'town.name') ?? 'Ratstisch'
  api.route('/', paperRoutes({ papers: service, townName, renderPdf: paperPdfRenderer(service, meetings, townName) }))
  api.route('/resolutions', resolutionRoutes(resolutions))
  api.route('/circulars', circularRoutes(circulars))
  api.route('/push', pushRoutes({ notifier, audit }))
  api.route('/', minutesRoutes({ minutes, registry, sessions, meetings, relayRepo, townName: minutesTownName }))
  api.route('/', factionNotesRoutes(factionNotes))
  api.route('/', meetingRoutes(meetingService))
  api.route('/admin/import', importRoutes({ imports, users, audit }))
  api.route('/allowances', allowanceRoutes(allowances, { maxUploadBytes: config.maxUploadBytes }))
  api.all('*', (c) => c.json({ error: 'Unbekannter Endpunkt', code: 'not-found' }, 404))
  app.route('/api', api)

  app.use('/app/*', compress())
  app.get('/app', (c) => c.redirect('/app/', 301))
  app.route('/app', clientApp(config.clientDir))
  app.route('/oparl', oparlRoutes({ publisher, blobStore, publicUrl: config.publicUrl, license: config.oparlLicense }))
  app.route('/', feedRoutes({ reader: publisher, publicUrl: config.publicUrl, townName }))
  const portal = portalRoutes({ publisher, resolutions, blobStore, config, search: portalSearch })
  app.route('/', portal)
  app.notFound(portal.notFoundPage)

  app.onError((error, c) => {
    console.error(`[relay] ${c.req.method} ${new URL(c.req.url).pathname}: ${error instanceof Error ? error.message : String(error)}`)
    return c.json({ error: 'Interner Fehler – bitte erneut versuchen', code: 'internal' }, 500)
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 })
  let server: ServerType | undefined

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    }
    const pathname = new URL(req.url ?? '/', 'http://relay').pathname
    if (pathname !== '/sync') return refuse(404, 'Not Found')
    if (!origins.isAllowed(req.headers.origin, req.headers.host)) {
      audit.write('sync-origin-rejected', null, null, { origin: req.headers.origin ?? null })
      return refuse(403, 'Forbidden')
    }
    const token = cookieValue(req.headers.cookie, SESSION_COOKIE)
    const userId = sessions.userIdFor(token)
    if (!userId || !token) return refuse(401, 'Unauthorized')
    wss.handleUpgrade(req, socket, head, (ws) => relayRepo.adapter.accept(ws, userId, hashToken(token)))
  }

  return {
    config,
    db,
    users,
    sessions,
    registry,
    audit,
    blobs,
    blobStore,
    meetings,
    papers,
    paperService: service,
    meetingService,
    resolutions,
    circulars,
    minutes,
    outcomes,
    projection,
    notifier,
    factionNotes,
    agendaFiles: fileRefresh,
    documentNotices,
    relayRepo,
    publisher,
    imports,
    portalSearch,
    pdfTexts,
    allowances,
    app,
    listen() {
      return new Promise((resolve) => {
        server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => resolve(info.port))
        server.on('upgrade', handleUpgrade)
      })
    },
    async close() {
      await imports.close()
      publisher.stop()
      await portalSearch.stop()
      await pdfTexts.stop()
      circulars.stop()
      factionNotes?.stop()
      fileRefresh.stop()
      documentNotices.cancel()
      projection.flushPending()
      for (const client of wss.clients) client.terminate()
      await relayRepo.shutdown()
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      db.close()
    },
  }
}
