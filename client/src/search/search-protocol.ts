/**
 * Messages between the app (search-service.ts) and the search worker (search-worker.ts). Every
 * request carries an id; the worker answers each with the same id. Messages carry the envelope
 * tag `rt: 'ratstisch-search'`: pdf.js, loaded inside the worker, posts a message of its own when it
 * starts, and that one must be told apart and ignored.
 */
import type { SearchRequestOptions, SearchResults, SearchSource } from '@ratstisch/search'

export const SEARCH_ENVELOPE = 'ratstisch-search'

/** What the index holds, so the app sends only what changed. */
export interface IndexState {
  /** source key -> stamp */
  stamps: Record<string, string>
  /** files whose text is indexed (sha256) */
  files: string[]
  /** files some source presents but whose text is not indexed yet */
  wanted: { sha256: string; name: string }[]
  documents: number
}

export interface OpenResult extends IndexState {
  /** loaded from the device, new (nothing stored), or discarded (unreadable with this key, or older format) */
  restored: 'loaded' | 'new' | 'discarded'
  loadMs: number
}

export interface SearchWorkerCalls {
  open: { request: { dbName: string; key: CryptoKey }; result: OpenResult }
  state: { request: Record<string, never>; result: IndexState }
  'put-sources': { request: { sources: SearchSource[] }; result: IndexState }
  'retain-sources': { request: { keys: string[] }; result: IndexState }
  'index-file': { request: { sha256: string; name: string; bytes: ArrayBuffer }; result: { pages: number; ms: number } }
  'drop-file': { request: { sha256: string }; result: IndexState }
  search: { request: { query: string; options: SearchRequestOptions }; result: SearchResults }
  flush: { request: Record<string, never>; result: { bytes: number } }
}

export type SearchCall = keyof SearchWorkerCalls

export type SearchWorkerRequest = {
  [K in SearchCall]: { rt: typeof SEARCH_ENVELOPE; id: number; call: K; request: SearchWorkerCalls[K]['request'] }
}[SearchCall]

export type SearchWorkerResponse =
  | { rt: typeof SEARCH_ENVELOPE; id: number; ok: true; result: unknown }
  | { rt: typeof SEARCH_ENVELOPE; id: number; ok: false; error: string }

export function isSearchResponse(data: unknown): data is SearchWorkerResponse {
  return typeof data === 'object' && data !== null && (data as { rt?: unknown }).rt === SEARCH_ENVELOPE && typeof (data as { id?: unknown }).id === 'number'
}
