/**
 * Validates OParl 1.1 objects against the official schema files (../shared/oparl/schema, see its
 * README for why they need this ajv setup) and against the rules of the specification that the
 * schemas do not express. Used by the conformance test and the benchmark; the OParl importer can
 * reuse it for what it reads from other servers.
 *
 * The schema files link embedded objects with a custom keyword (`"schema": "File.json"`) that a
 * JSON-Schema validator ignores, so embedded objects are validated here by walking the schema.
 * ajv and ajv-formats are development dependencies: this module is for tests and tools.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

export const OPARL_1_1 = 'https://schema.oparl.org/1.1/'

/** properties a tombstone (deleted object) must keep: OParl 1.1, Gelöschte Objekte */
const TOMBSTONE_KEYS = ['id', 'type', 'created', 'modified', 'deleted']

type JsonObject = Record<string, unknown>

interface SchemaFile {
  properties?: Record<string, { schema?: string; items?: { schema?: string } }>
  required?: string[]
}

export interface OparlValidator {
  /** the type names with a schema (`Meeting`, `AgendaItem` …) */
  readonly typeNames: readonly string[]
  /**
   * Schema violations of an object and of every object embedded in it; [] when valid. The schema is
   * chosen by the object's `type`, or given as `options.type` (a type name).
   */
  validate(object: unknown, where?: string, options?: ValidateOptions): string[]
}

export interface ValidateOptions {
  /** the schema to use (a type name such as `Meeting`) instead of the object's `type` */
  type?: string
  /** also validate embedded objects (default); off: the top-level object only, as a plain JSON-Schema validator would */
  embedded?: boolean
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)

const typeNameOf = (object: JsonObject): string | undefined =>
  typeof object.type === 'string' && object.type.startsWith(OPARL_1_1) ? object.type.slice(OPARL_1_1.length) : undefined

// ajv-formats is CommonJS; its default export arrives wrapped when imported from ESM
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule

/** an absolute http(s) URL (OParl's custom `format: "url"`) */
export const isOparlUrl = (value: string): boolean => /^https?:\/\/\S+$/.test(value) && URL.canParse(value)

function describe(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).map((e) => `${where}${e.instancePath}: ${e.message ?? e.keyword}${e.params && 'allowedValue' in e.params ? ` (${String(e.params.allowedValue)})` : ''}`)
}

/** Loads the schema files of a folder (one `<Type>.json` per object type). */
export function createOparlValidator(schemaDir: string): OparlValidator {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false })
  addFormats(ajv)
  ajv.addFormat('url', { type: 'string', validate: isOparlUrl })
  const schemas = new Map<string, SchemaFile>()
  const full = new Map<string, ValidateFunction>()
  const tombstone = new Map<string, ValidateFunction>()
  for (const file of fs.readdirSync(schemaDir).filter((f) => f.endsWith('.json')).sort()) {
    const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf8')) as SchemaFile
    const name = file.slice(0, -'.json'.length)
    schemas.set(name, schema)
    full.set(name, ajv.compile(schema))
    // a deleted object keeps only id, type, created, modified: the other required properties go
    tombstone.set(name, ajv.compile({ ...schema, required: TOMBSTONE_KEYS }))
  }

  function validate(object: unknown, where = '', options: ValidateOptions = {}): string[] {
    if (!isObject(object)) return [`${where}: not an object`]
    const name = options.type ?? typeNameOf(object)
    const schema = name ? schemas.get(name) : undefined
    if (!name || !schema) return [`${where}: unknown type ${JSON.stringify(object.type)}`]
    const deleted = object.deleted === true
    const check = (deleted ? tombstone : full).get(name)!
    const problems = check(object) ? [] : describe(check.errors, where)
    if (options.embedded === false) return problems
    // embedded objects, where the schema names their schema file
    for (const [property, definition] of Object.entries(schema.properties ?? {})) {
      const value = object[property]
      if (value === undefined) continue
      const single = definition.schema
      const item = definition.items?.schema
      if (single && isObject(value)) problems.push(...validate(value, `${where}/${property}`, { type: single.replace(/\.json$/, '') }))
      if (item && Array.isArray(value)) {
        value.forEach((element, i) => {
          if (isObject(element)) problems.push(...validate(element, `${where}/${property}/${i}`, { type: item.replace(/\.json$/, '') }))
        })
      }
    }
    return problems
  }

  return { typeNames: [...schemas.keys()], validate }
}

export interface SpecRuleOptions {
  /** tombstones carry nothing but id, type, created, modified, deleted (this server's rule; the spec allows more) */
  bareTombstones?: boolean
}

/**
 * Rules of OParl 1.1 the schemas do not enforce, for an object and everything embedded in it:
 * `created` and `modified` on every object (mandatory since 1.1), `modified` not before `created`,
 * tombstones with `deleted: true`, no `null` values.
 */
export function specRuleViolations(object: unknown, where = '', options: SpecRuleOptions = {}): string[] {
  const problems: string[] = []
  const visit = (value: unknown, at: string, isOparlObject: boolean) => {
    if (value === null) {
      problems.push(`${at}: null (leave the property out instead)`)
      return
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${at}/${i}`, isObject(v) && typeNameOf(v) !== undefined))
      return
    }
    if (!isObject(value)) return
    if (isOparlObject) {
      for (const key of ['id', 'type', 'created', 'modified']) if (typeof value[key] !== 'string') problems.push(`${at}: ${key} missing`)
      const created = Date.parse(String(value.created))
      const modified = Date.parse(String(value.modified))
      if (!Number.isNaN(created) && !Number.isNaN(modified) && modified < created) problems.push(`${at}: modified ${String(value.modified)} is before created ${String(value.created)}`)
      if ('deleted' in value && value.deleted !== true && value.deleted !== false) problems.push(`${at}: deleted must be a boolean`)
      if (value.deleted === true && options.bareTombstones) {
        const extra = Object.keys(value).filter((k) => !TOMBSTONE_KEYS.includes(k))
        if (extra.length) problems.push(`${at}: a deleted object still shows ${extra.join(', ')}`)
      }
    }
    for (const [key, v] of Object.entries(value)) {
      // geojson is free-form
      if (key === 'geojson') continue
      visit(v, `${at}/${key}`, isObject(v) && typeNameOf(v) !== undefined)
    }
  }
  visit(object, where, isObject(object) && typeNameOf(object) !== undefined)
  return problems
}

/** The shape of an external list page (OParl 1.1, Paginierung): data, pagination, links. */
export function listPageViolations(page: unknown, where = ''): string[] {
  if (!isObject(page)) return [`${where}: not an object`]
  const problems: string[] = []
  if (!Array.isArray(page.data)) problems.push(`${where}: data is not an array`)
  const pagination = page.pagination
  if (!isObject(pagination)) problems.push(`${where}: pagination missing`)
  else {
    for (const key of ['totalElements', 'elementsPerPage', 'currentPage', 'totalPages']) {
      if (key in pagination && (!Number.isInteger(pagination[key]) || (pagination[key] as number) < 0)) problems.push(`${where}: pagination.${key} is not a non-negative integer`)
    }
  }
  const links = page.links
  if (!isObject(links)) problems.push(`${where}: links missing`)
  else {
    for (const [key, value] of Object.entries(links)) if (typeof value !== 'string' || !isOparlUrl(value)) problems.push(`${where}: links.${key} is not a URL`)
    if (isObject(pagination) && Number(pagination.currentPage) < Number(pagination.totalPages) && !links.next) problems.push(`${where}: links.next missing before the last page`)
  }
  return problems
}
