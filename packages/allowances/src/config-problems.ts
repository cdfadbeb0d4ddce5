/**
 * Problems found in configuration or input (statute files, tax rules, calculation input), each
 * with the path of the offending field and a message in German (for the clerk) and English (for
 * logs): `versions[0].validFrom: kein gültiges Datum`.
 *
 * Validation uses zod; its issues are turned into these messages here. Custom checks set their
 * message to a key of MESSAGES (prefixed with §) or to a ready pair via `problemMessage`.
 */
import type { z } from 'zod'

export interface ConfigProblem {
  /** "versions[0].types[1].amountCents"; "" = the whole document */
  path: string
  /** German, for the clerk */
  message: string
  /** English, for logs */
  messageEn: string
}

/** Thrown by the parse/assert functions: `problems` lists every problem, the message the first few. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[]
  constructor(what: string, problems: ConfigProblem[]) {
    const shown = problems.slice(0, 5).map(formatProblem).join('; ')
    const more = problems.length > 5 ? ` (und ${problems.length - 5} weitere)` : ''
    super(`${what}: ${shown}${more}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

export function formatProblem(p: ConfigProblem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message
}

/** Messages of the custom checks, by key. */
const MESSAGES: Record<string, [de: string, en: string]> = {
  date: ['kein gültiges Datum (JJJJ-MM-TT)', 'not a valid date (YYYY-MM-DD)'],
  cents: ['muss ein Betrag in ganzen Cent sein (0 bis 10.000.000 Cent)', 'must be an amount in whole cents (0 to 10,000,000)'],
  id: ['nur Kleinbuchstaben, Ziffern und Bindestriche (1–60 Zeichen)', 'only lower-case letters, digits and hyphens (1–60 characters)'],
  text: ['darf nicht leer sein', 'must not be empty'],
  multiple: ['muss eine Zahl von 1 bis 10 mit höchstens zwei Nachkommastellen sein', 'must be a number from 1 to 10 with at most two decimals'],
  unitMinutes: ['muss 60 ohne Rest teilen (z. B. 15, 30 oder 60)', 'must divide 60 (e.g. 15, 30 or 60)'],
  timeZone: ['unbekannte Zeitzone', 'unknown time zone'],
  months: ['muss eine ganze Zahl von 1 bis 60 sein', 'must be a whole number from 1 to 60'],
  minutes: ['muss eine ganze Zahl von Minuten sein (0 bis 1440)', 'must be a whole number of minutes (0 to 1440)'],
  km: ['muss eine Kilometerzahl mit höchstens einer Nachkommastelle sein (0 bis 2000)', 'must be a distance in km with at most one decimal (0 to 2000)'],
  timestamp: ['kein gültiger Zeitpunkt (ISO 8601)', 'not a valid timestamp (ISO 8601)'],
}

/** Message text for a custom zod check: `z.string().refine(isIsoDate, { error: messageKey('date') })`. */
export function messageKey(key: keyof typeof MESSAGES | string): string {
  return `§${key}`
}

export function problem(path: string, de: string, en: string): ConfigProblem {
  return { path, message: de, messageEn: en }
}

/** versions[0].types[1].amountCents */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out ? `.${String(key)}` : String(key)
  }
  return out
}

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['ein Text', 'a string'],
  number: ['eine Zahl', 'a number'],
  int: ['eine ganze Zahl', 'an integer'],
  boolean: ['true oder false', 'true or false'],
  array: ['eine Liste', 'a list'],
  object: ['ein Objekt', 'an object'],
  record: ['ein Objekt', 'an object'],
}

function received(input: unknown): string {
  if (input === undefined) return 'fehlt'
  if (input === null) return 'null'
  if (Array.isArray(input)) return 'Liste'
  return typeof input
}

/** Turns zod issues into problems with German and English messages. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  for (const issue of issues) {
    const path = formatPath([...prefix, ...issue.path])
    if (issue.message.startsWith('§')) {
      const pair = MESSAGES[issue.message.slice(1)]
      if (pair) {
        problems.push(problem(path, pair[0], pair[1]))
        continue
      }
    }
    if (issue.message.startsWith('¶')) {
      // a ready pair "¶de¶en" from a superRefine
      const [, de, en] = issue.message.split('¶')
      problems.push(problem(path, de ?? '', en ?? ''))
      continue
    }
    switch (issue.code) {
      case 'invalid_type': {
        const names = TYPE_NAMES[issue.expected] ?? [issue.expected, issue.expected]
        if ('input' in issue && issue.input === undefined) problems.push(problem(path, 'Pflichtangabe fehlt', 'required field is missing'))
        else problems.push(problem(path, `muss ${names[0]} sein (ist ${received(issue.input)})`, `must be ${names[1]}`))
        break
      }
      case 'invalid_value': {
        if ('input' in issue && issue.input === undefined) {
          problems.push(problem(path, 'Pflichtangabe fehlt', 'required field is missing'))
          break
        }
        const values = issue.values.map((v) => JSON.stringify(v)).join(', ')
        problems.push(problem(path, `unzulässiger Wert, erlaubt: ${values}`, `invalid value, allowed: ${values}`))
        break
      }
      case 'unrecognized_keys':
        problems.push(problem(path, `unbekannte Angabe: ${issue.keys.join(', ')}`, `unknown key: ${issue.keys.join(', ')}`))
        break
      case 'too_small':
        problems.push(
          issue.origin === 'array' || issue.origin === 'string'
            ? problem(path, `zu kurz (mindestens ${issue.minimum})`, `too short (at least ${issue.minimum})`)
            : problem(path, `zu klein (mindestens ${issue.minimum})`, `too small (at least ${issue.minimum})`),
        )
        break
      case 'too_big':
        problems.push(
          issue.origin === 'array' || issue.origin === 'string'
            ? problem(path, `zu lang (höchstens ${issue.maximum})`, `too long (at most ${issue.maximum})`)
            : problem(path, `zu groß (höchstens ${issue.maximum})`, `too large (at most ${issue.maximum})`),
        )
        break
      case 'invalid_union': {
        const note = (issue as { note?: string }).note
        if (note === 'No matching discriminator') problems.push(problem(path, 'unbekannte Art', 'unknown kind'))
        else problems.push(problem(path, 'passt zu keiner erlaubten Form', 'matches none of the allowed shapes'))
        break
      }
      case 'invalid_key':
        problems.push(problem(path, 'unzulässiger Schlüssel', 'invalid key'))
        break
      default:
        problems.push(problem(path, 'ungültig', issue.message))
    }
  }
  return problems
}

/** A message pair for `ctx.addIssue({ code: 'custom', message: problemMessage(de, en), path })`. */
export function problemMessage(de: string, en: string): string {
  return `¶${de}¶${en}`
}
