/**
 * Text for SEPA files in the basic Latin character set every bank accepts (EPC SEPA
 * Implementation Guidelines: a–z A–Z 0–9 / - ? : ( ) . , ' + and space). German letters are
 * transliterated (ä → ae, ß → ss), other accented letters lose their accent (é → e, ł → l), & becomes +, and
 * anything else becomes a full stop.
 */

const GERMAN: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss', ẞ: 'SS' }
/** letters that Unicode does not decompose into a base letter and an accent */
const OTHER_LATIN: Record<string, string> = { Ł: 'L', ł: 'l', Ø: 'O', ø: 'o', Đ: 'D', đ: 'd', Æ: 'AE', æ: 'ae', Œ: 'OE', œ: 'oe', Þ: 'Th', þ: 'th', ı: 'i' }
const ALLOWED = /[A-Za-z0-9/\-?:().,'+ ]/

/** `text` in the SEPA character set, whitespace collapsed, cut to `maxLength`. */
export function toSepaText(text: string, maxLength: number): string {
  let out = ''
  const replaced = text.replace(/[äöüÄÖÜßẞ]/g, (c) => GERMAN[c]).replace(/[ŁłØøĐđÆæŒœÞþı]/g, (c) => OTHER_LATIN[c])
  for (const ch of replaced.normalize('NFD')) {
    if (ALLOWED.test(ch)) out += ch
    else if (/\s/.test(ch)) out += ' '
    else if (/[\u0300-\u036f]/.test(ch)) continue
    else if (ch === '&') out += '+'
    else out += '.'
  }
  return out.replace(/\s+/g, ' ').trim().slice(0, maxLength).trim()
}

/** An identifier (MsgId, EndToEndId): SEPA characters without spaces, no leading "/" and no "//". */
export function isSepaIdentifier(id: string): boolean {
  return /^[A-Za-z0-9\-?:().,'+/]{1,35}$/.test(id) && !id.startsWith('/') && !id.includes('//')
}
