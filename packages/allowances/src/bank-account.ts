/**
 * IBAN and BIC checks with messages a clerk can act on (country, length, check digits), via
 * ibantools, which follows the SWIFT IBAN registry.
 */
import { ValidationErrorsIBAN, electronicFormatIBAN, friendlyFormatIBAN, isValidBIC, validateIBAN } from 'ibantools'

/** The IBAN without spaces in capitals ("de89 3704 …" → "DE893704…"). */
export function normalizeIban(iban: string): string {
  return electronicFormatIBAN(iban) ?? ''
}

/** "DE89 3704 0044 0532 0130 00" */
export function formatIban(iban: string): string {
  return friendlyFormatIBAN(normalizeIban(iban)) ?? iban
}

/** Problems of an IBAN in German, empty when it is valid. */
export function ibanProblems(iban: string): string[] {
  const value = normalizeIban(iban)
  if (!value) return ['IBAN fehlt']
  const result = validateIBAN(value)
  if (result.valid) return []
  const problems: string[] = []
  for (const code of result.errorCodes) {
    switch (code) {
      case ValidationErrorsIBAN.NoIBANProvided:
        problems.push('IBAN fehlt')
        break
      case ValidationErrorsIBAN.NoIBANCountry:
        problems.push(`IBAN ${value}: unbekanntes Länderkennzeichen ${value.slice(0, 2)}`)
        break
      case ValidationErrorsIBAN.WrongBBANLength:
        problems.push(`IBAN ${value}: falsche Länge (${value.length} Zeichen)`)
        break
      case ValidationErrorsIBAN.WrongIBANChecksum:
      case ValidationErrorsIBAN.ChecksumNotNumber:
        problems.push(`IBAN ${formatIban(value)}: Prüfziffer stimmt nicht (Tippfehler?)`)
        break
      case ValidationErrorsIBAN.WrongBBANFormat:
      case ValidationErrorsIBAN.WrongAccountBankBranchChecksum:
      case ValidationErrorsIBAN.QRIBANNotAllowed:
        problems.push(`IBAN ${formatIban(value)}: Kontonummer im falschen Format`)
        break
      default:
        problems.push(`IBAN ${value}: ungültig`)
    }
  }
  return [...new Set(problems)]
}

export function bicProblems(bic: string): string[] {
  return isValidBIC(bic) ? [] : [`BIC ${bic}: ungültig (8 oder 11 Zeichen, z. B. COBADEFFXXX)`]
}
