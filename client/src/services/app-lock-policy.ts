/**
 * Rules of the app lock, without I/O: what counts as an acceptable PIN, how long a wrong PIN
 * makes the user wait, when the device gives up and forgets the user's data, and the auto-lock
 * setting's range.
 */

/** After this many wrong PINs in a row the data key is destroyed and the local data deleted. */
export const MAX_PIN_FAILURES = 10

export const MIN_PIN_DIGITS = 6
/** a secret with anything but digits is a passphrase and must be longer */
export const MIN_PASSPHRASE_LENGTH = 8

/**
 * PBKDF2-SHA-256 iterations for a new PIN key: OWASP's 2023 figure; measured in Chromium on the
 * CI machine at about 90 ms per derivation, so even a slow phone unlocks in well under a second.
 */
export const PBKDF2_ITERATIONS = 600_000

export const AUTO_LOCK_DEFAULT_MINUTES = 10
export const AUTO_LOCK_MIN_MINUTES = 1
export const AUTO_LOCK_MAX_MINUTES = 60

export type PinProblem = 'too-short' | 'passphrase-too-short' | 'trivial' | 'mismatch'

export type SecretKind = 'pin' | 'passphrase'

export const secretKind = (secret: string): SecretKind => (/^\d+$/.test(secret) ? 'pin' : 'passphrase')

/**
 * Why a new PIN is not accepted, or undefined. Digits only: at least six and not a run anyone
 * tries first (111111, 123456, 987654). Anything else is a passphrase of at least eight characters.
 */
export function pinProblem(pin: string, repeated?: string): PinProblem | undefined {
  if (!pin) return 'too-short'
  if (secretKind(pin) === 'pin') {
    if (pin.length < MIN_PIN_DIGITS) return 'too-short'
    if (isTrivialPin(pin)) return 'trivial'
  } else {
    if ([...pin.trim()].length < MIN_PASSPHRASE_LENGTH) return 'passphrase-too-short'
  }
  if (repeated !== undefined && repeated !== pin) return 'mismatch'
  return undefined
}

function isTrivialPin(pin: string): boolean {
  const digits = [...pin].map(Number)
  const steps = new Set(digits.slice(1).map((d, i) => (d - digits[i] + 10) % 10))
  // all the same digit, or counting up or down by one (wrapping 9 → 0 included)
  return steps.size === 1 && (steps.has(0) || steps.has(1) || steps.has(9))
}

/**
 * How long the user must wait before the next try after `failures` wrong PINs in a row: three
 * typos are free, then the wait grows so that guessing through the ten tries takes most of an
 * hour, while the owner who mistyped a few times waits seconds.
 */
export function pinDelayMs(failures: number): number {
  if (failures <= 3) return 0
  const seconds = [30, 60, 120, 300, 600, 900][Math.min(failures - 4, 5)]
  return seconds * 1000
}

export const attemptsLeft = (failures: number): number => Math.max(0, MAX_PIN_FAILURES - failures)

/** The auto-lock setting clamped to its range (whole minutes); default for anything unusable. */
export function autoLockMinutes(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN
  if (!Number.isFinite(n)) return AUTO_LOCK_DEFAULT_MINUTES
  return Math.min(AUTO_LOCK_MAX_MINUTES, Math.max(AUTO_LOCK_MIN_MINUTES, Math.round(n)))
}
