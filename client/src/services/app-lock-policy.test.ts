import { describe, expect, it } from 'vitest'
import { attemptsLeft, autoLockMinutes, MAX_PIN_FAILURES, pinDelayMs, pinProblem, secretKind } from './app-lock-policy.ts'

describe('app lock policy', () => {
  it('accepts six or more digits and passphrases of eight or more characters', () => {
    expect(pinProblem('246810')).toBeUndefined()
    expect(pinProblem('24681357')).toBeUndefined()
    expect(pinProblem('Ratssaal 2026!')).toBeUndefined()
    expect(pinProblem('')).toBe('too-short')
    expect(pinProblem('24681')).toBe('too-short')
    expect(pinProblem('abc1234')).toBe('passphrase-too-short')
    expect(pinProblem('        ')).toBe('passphrase-too-short')
  })

  it('refuses the runs everybody tries first', () => {
    for (const pin of ['000000', '111111', '123456', '234567', '987654', '7890123', '654321']) expect(pinProblem(pin), pin).toBe('trivial')
    expect(pinProblem('112233')).toBeUndefined()
    expect(pinProblem('135790')).toBeUndefined()
  })

  it('checks the repetition last', () => {
    expect(pinProblem('246810', '246810')).toBeUndefined()
    expect(pinProblem('246810', '246811')).toBe('mismatch')
    expect(pinProblem('123', '124')).toBe('too-short')
  })

  it('tells PINs from passphrases', () => {
    expect(secretKind('246810')).toBe('pin')
    expect(secretKind('24 68 10')).toBe('passphrase')
  })

  it('lets three typos pass and then makes the user wait longer and longer', () => {
    expect([1, 2, 3].map(pinDelayMs)).toEqual([0, 0, 0])
    const delays = [4, 5, 6, 7, 8, 9].map(pinDelayMs)
    expect(delays[0]).toBe(30_000)
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1])
    // nine wrong PINs take most of an hour of waiting
    expect(delays.reduce((a, b) => a + b, 0)).toBeGreaterThan(30 * 60_000)
    expect(attemptsLeft(3)).toBe(MAX_PIN_FAILURES - 3)
    expect(attemptsLeft(12)).toBe(0)
  })

  it('keeps the auto-lock setting between 1 and 60 minutes', () => {
    expect(autoLockMinutes(10)).toBe(10)
    expect(autoLockMinutes('5')).toBe(5)
    expect(autoLockMinutes(0)).toBe(1)
    expect(autoLockMinutes(600)).toBe(60)
    expect(autoLockMinutes('x')).toBe(10)
    expect(autoLockMinutes(undefined)).toBe(10)
  })
})
