import { describe, expect, it } from 'vitest'
import { MAX_PRIVATE_UPLOAD_BYTES, uploadName, uploadProblem } from './private-uploads.ts'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('uploadProblem', () => {
  it('accepts PDFs by their header, not their name', () => {
    expect(uploadProblem(bytes('%PDF-1.7\n...'), 100)).toBeUndefined()
    // some generators put a few bytes before the header; readers accept it within 1 KB
    expect(uploadProblem(bytes('\n\n%PDF-1.4'), 100)).toBeUndefined()
  })
  it('refuses other files, empty files and files over the relay limit', () => {
    expect(uploadProblem(bytes('PK\u0003\u0004 docx'), 100)).toBe('not-pdf')
    expect(uploadProblem(bytes('<html>%PDF-'.padStart(2000, ' ')), 2000)).toBe('not-pdf')
    expect(uploadProblem(new Uint8Array(), 0)).toBe('empty')
    expect(uploadProblem(bytes('%PDF-1.7'), MAX_PRIVATE_UPLOAD_BYTES + 1)).toBe('too-large')
  })
})

describe('uploadName', () => {
  it('keeps the file name without a path or control characters', () => {
    expect(uploadName('C:\\Users\\anna\\Stellungnahme Bürgerverein.pdf')).toBe('Stellungnahme Bürgerverein.pdf')
    expect(uploadName('a\u0000b.pdf')).toBe('a b.pdf')
    expect(uploadName('   ')).toBe('Dokument.pdf')
    expect(uploadName('x'.repeat(400))).toHaveLength(300)
  })
})
