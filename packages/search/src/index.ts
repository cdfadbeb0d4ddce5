/**
 * @ratstisch/search: German-friendly full-text search, one analysis for the member app (its search
 * worker) and the relay (the public portal's search): folding of umlaut spellings, light stemming,
 * compound parts, references ("BV 160"), snippets with marks, and the text of PDF pages as pdf.js
 * extracts it. Pure: no I/O at module level; the caller passes the pdf.js module.
 */
export { CompoundSplitter, MUNICIPAL_WORD_PARTS } from './compound-splitter.ts'
export { foldGerman, foldWord, GERMAN_STOP_WORDS, WORD_PATTERN, wordsOf, type WordToken } from './german-fold.ts'
export { stemGerman } from './german-stem.ts'
export { documentPageTexts, joinTextItems, pageText, type PageText } from './page-text.ts'
export { extractPageTexts, type PdfJsTextApi } from './pdf-page-texts.ts'
export {
  ENGINE_VERSION,
  SEARCH_KINDS,
  SearchEngine,
  termOf,
  tokenizeGerman,
  type AttachmentVersion,
  type FileContext,
  type FileHit,
  type FileVersionRef,
  type MeetingRef,
  type PaperRef,
  type SearchFilters,
  type SearchHit,
  type SearchKind,
  type SearchRecord,
  type SearchRequestOptions,
  type SearchResults,
  type SearchSource,
  type SerializedEngine,
} from './search-engine.ts'
export { marksOf, snippetOf, type Mark, type Snippet } from './snippet.ts'
export { dateWords, TOWN_TIME_ZONE, townDate } from './town-date.ts'
