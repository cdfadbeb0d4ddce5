/** pdf.js's worker module ships without type declarations; the search worker only imports it for its side effect. */
declare module 'pdfjs-dist/build/pdf.worker.min.mjs' {
  export const WorkerMessageHandler: unknown
}
