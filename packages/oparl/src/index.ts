/**
 * @ratstisch/oparl: the OParl importer core. Crawls an OParl 1.0 or 1.1 server politely
 * (http-client.ts, crawler.ts), normalises and repairs what real servers send (normalize.ts,
 * model.ts) and reports every repair (import-report.ts). Where the objects go is the caller's
 * business (the relay's import in sync-server/src/import/).
 */
export * from './model.ts'
export * from './import-report.ts'
export { normalizeObject, readListPage, kindOfType, versionOf, isHttpUrl, mapOrganizationType, berlinOffset, emptyOf, ORGANIZATION_TYPES, type NormalizeContext, type ListPage } from './normalize.ts'
export { OParlHttpClient, HttpError, parseRetryAfter, type HttpClientOptions, type HttpStats } from './http-client.ts'
export { OParlCrawler, CrawlError, pool, withParam, type CrawlStore, type CrawledPage, type CrawlEvent, type CrawlOptions, type CrawlResult, type ListPosition } from './crawler.ts'
export { parseResultText, type ParsedResult } from './result-text.ts'
