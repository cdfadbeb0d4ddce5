import { describe, expect, it } from 'vitest'
import { displayFileName, safeFileName } from './file-name.ts'

describe('displayFileName', () => {
  it('names a meeting document the way a person would', () => {
    expect(
      displayFileName({ meetingStart: '2026-03-12T17:00:00+01:00', bodyName: 'Bauausschuss', itemNumber: 'Ö 3', title: 'Bebauungsplan Nr. 42' }, 'Bebauungsplan Nr. 42.pdf', 'application/pdf'),
    ).toBe('2026-03-12 Bauausschuss - Ö 3 Bebauungsplan Nr. 42.pdf')
  })
  it('keeps the attachment name when it differs from the title', () => {
    expect(displayFileName({ meetingStart: '2026-03-12', bodyName: 'Stadtrat', itemNumber: 'Ö 7', title: 'Haushaltssatzung 2027' }, 'Anlage 2 Stellenplan.pdf', 'application/pdf')).toBe(
      '2026-03-12 Stadtrat - Ö 7 Haushaltssatzung 2027 - Anlage 2 Stellenplan.pdf',
    )
  })
  it('removes characters file systems reject and limits the length', () => {
    expect(safeFileName('a/b\\c:d*e?"f"<g>|h.pdf')).toBe('a b c d e f g h.pdf')
    const long = safeFileName(`${'x'.repeat(300)}.pdf`)
    expect(long.length).toBe(150)
    expect(long.endsWith('.pdf')).toBe(true)
  })
})

describe('formatLocation', () => {
  it('does not repeat the room the description already names', async () => {
    const { formatLocation } = await import('./documents.ts')
    expect(
      formatLocation({ description: 'Rathaus Musterstadt, Sitzungsraum 2.14', room: 'Sitzungsraum 2.14', streetAddress: 'Markt 1', postalCode: '06999', locality: 'Musterstadt' }),
    ).toBe('Rathaus Musterstadt, Sitzungsraum 2.14, Markt 1, 06999 Musterstadt')
  })
})
