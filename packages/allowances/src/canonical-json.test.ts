import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'
import { describe, expect, it } from 'vitest'
import { canonicalJson, compareCodeUnits, createTextHasher, sha256Hex } from './canonical-json.ts'

/** The definition, written out: sorted keys, undefined members dropped. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`
  const obj = value as Record<string, unknown>
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort(compareCodeUnits)
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`).join(',')}}`
}

function randomValue(rnd: () => number, depth: number): unknown {
  const r = rnd()
  if (depth > 3 || r < 0.3) return [1, -2.5, 'ä"\\\n€', true, null, undefined, 0][Math.floor(rnd() * 7)]
  if (r < 0.55) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(rnd, depth + 1))
  const obj: Record<string, unknown> = {}
  for (const k of ['zeta', 'Alpha', 'alpha', 'b', 'ä', '10', '2', 'id'].filter(() => rnd() < 0.5)) obj[k] = randomValue(rnd, depth + 1)
  return obj
}

describe('canonical JSON and hash', () => {
  it('matches the written-out definition on random nested values', () => {
    let s = 7
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648)
    for (let i = 0; i < 500; i++) {
      const v = randomValue(rnd, 0)
      expect(canonicalJson(v)).toBe(reference(v))
    }
  })

  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: undefined } })).toBe('{"a":{"d":[{"x":2,"y":1}]},"b":1}')
  })

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError)
    expect(() => canonicalJson([Infinity])).toThrow(TypeError)
  })

  it('hashes the same as @noble/hashes (the browser path), also incrementally', () => {
    const text = 'Sitzungsgeld 21,00 € – Bauausschuss'.repeat(1000)
    const noble = bytesToHex(sha256(utf8ToBytes(text)))
    expect(sha256Hex(text)).toBe(noble)
    const h = createTextHasher()
    h.update(text.slice(0, 777))
    h.update(text.slice(777))
    expect(h.hex()).toBe(noble)
  })
})
