/**
 * The app lock: one random AES-GCM data key per user and device encrypts everything the app keeps
 * at rest (LocalCipher). It is stored only wrapped — by a key derived from the user's PIN
 * (PBKDF2-SHA-256, random salt, PBKDF2_ITERATIONS) and, where the platform authenticator offers
 * the WebAuthn PRF extension, by a key derived from its PRF output — and lives unwrapped in memory
 * only while the app is unlocked.
 *
 * Wrong PINs: every attempt is counted as wrong *before* the key derivation runs and cleared only
 * when it succeeded, so neither parallel attempts (two tabs, a script) nor closing the tab escape
 * the growing wait (pinDelayMs). After MAX_PIN_FAILURES the wrapped key is deleted first — without
 * it the sealed data can never be read again, even if deleting the databases has to wait — and the
 * caller wipes the local data.
 *
 * Limits, stated plainly: the lock protects against someone who picks up the device or copies the
 * browser profile; a six-digit PIN does not withstand an offline brute force of a copied profile
 * (the wrapped key and salt are in it), a passphrase or the device unlock does far better.
 */
import { LocalCipher } from './local-cipher.ts'
import type { AppLockRow, DeviceDb } from './local-db.ts'
import {
  AUTO_LOCK_DEFAULT_MINUTES,
  attemptsLeft,
  autoLockMinutes,
  MAX_PIN_FAILURES,
  PBKDF2_ITERATIONS,
  pinDelayMs,
  pinProblem,
  secretKind,
  type PinProblem,
} from './app-lock-policy.ts'
import type { PlatformAuthenticator } from './platform-authenticator.ts'

/** Storage of the lock rows (the device database; in memory in tests). */
export interface AppLockStore {
  get(userId: string): Promise<AppLockRow | undefined>
  put(row: AppLockRow): Promise<void>
  delete(userId: string): Promise<void>
  /** Changes a row atomically; `change` returns the new row or undefined to leave it. Returns the row as stored afterwards. */
  update(userId: string, change: (row: AppLockRow) => AppLockRow | undefined): Promise<AppLockRow | undefined>
}

/**
 * Lock rows in memory, copied in and out as IndexedDB does (tests, benchmarks), like
 * automerge-repo's Dummy adapters.
 */
export class MemoryAppLockStore implements AppLockStore {
  readonly rows = new Map<string, AppLockRow>()
  async get(userId: string) {
    return structuredClone(this.rows.get(userId))
  }
  async put(row: AppLockRow) {
    this.rows.set(row.userId, structuredClone(row))
  }
  async delete(userId: string) {
    this.rows.delete(userId)
  }
  async update(userId: string, change: (row: AppLockRow) => AppLockRow | undefined) {
    const row = this.rows.get(userId)
    if (!row) return undefined
    const next = change(structuredClone(row))
    if (next) this.rows.set(userId, structuredClone(next))
    return structuredClone(this.rows.get(userId))
  }
}

export class DeviceAppLockStore implements AppLockStore {
  constructor(private readonly device: DeviceDb) {}

  get(userId: string) {
    return this.device.appLocks.get(userId)
  }

  async put(row: AppLockRow) {
    await this.device.appLocks.put(row)
  }

  async delete(userId: string) {
    await this.device.appLocks.delete(userId)
  }

  update(userId: string, change: (row: AppLockRow) => AppLockRow | undefined) {
    return this.device.transaction('rw', this.device.appLocks, async () => {
      const row = await this.device.appLocks.get(userId)
      if (!row) return undefined
      const next = change(row)
      if (!next) return row
      await this.device.appLocks.put(next)
      return next
    })
  }
}

export type LockState = 'none' | 'locked'

export type PinFailure =
  | { ok: false; reason: 'wrong'; attemptsLeft: number; retryAt: number }
  | { ok: false; reason: 'wait'; retryAt: number }
  /** the last allowed attempt failed: the data key is destroyed */
  | { ok: false; reason: 'exhausted' }
  | { ok: false; reason: 'no-lock' }

export type UnlockResult = { ok: true; cipher: LocalCipher } | PinFailure

export type DeviceUnlockResult =
  | { ok: true; cipher: LocalCipher }
  /** the user cancelled or the authenticator refused (no count against the PIN tries) */
  | { ok: false; reason: 'cancelled' | 'failed' | 'not-set-up' }

export type ChangeResult = { ok: true } | PinFailure | { ok: false; reason: 'invalid'; problem: PinProblem }

export type EnableDeviceResult = { ok: true } | PinFailure | { ok: false; reason: 'unsupported' | 'cancelled' }

export interface DeviceUser {
  name: string
  displayName: string
}

export interface AppLockOptions {
  iterations?: number
  now?: () => number
  authenticator?: PlatformAuthenticator
}

const IV_BYTES = 12
const encoder = new TextEncoder()
/** binds a wrapped key to its user: a row copied to another user's entry does not unwrap */
const wrapContext = (userId: string) => encoder.encode(`ratstisch app lock v1 ${userId}`)

export class AppLock {
  private readonly iterations: number
  private readonly now: () => number
  readonly authenticator: PlatformAuthenticator | undefined

  constructor(
    private readonly store: AppLockStore,
    options: AppLockOptions = {},
  ) {
    this.iterations = options.iterations ?? PBKDF2_ITERATIONS
    this.now = options.now ?? Date.now
    this.authenticator = options.authenticator
  }

  async state(userId: string): Promise<LockState> {
    return (await this.store.get(userId)) ? 'locked' : 'none'
  }

  async row(userId: string): Promise<AppLockRow | undefined> {
    return this.store.get(userId)
  }

  /**
   * Sets the first PIN: a new data key, wrapped by the PIN key. Throws PinRejectedError for a PIN
   * the policy refuses. Optionally also sets up the device unlock (failures there are reported,
   * the PIN stays set).
   */
  async setUp(userId: string, pin: string, repeated: string, device?: DeviceUser): Promise<{ cipher: LocalCipher; device?: EnableDeviceResult }> {
    const secret = normalise(pin)
    const problem = pinProblem(secret, normalise(repeated))
    if (problem) throw new PinRejectedError(problem)
    const dataKey = await LocalCipher.generateKey()
    const salt = randomBytes(16)
    const pinKey = await this.pinKey(secret, salt, this.iterations)
    const wrapped = await wrap(dataKey, pinKey, userId)
    const previous = await this.store.get(userId)
    const row: AppLockRow = {
      userId,
      kind: secretKind(secret),
      salt,
      iterations: this.iterations,
      wrapped,
      failures: 0,
      notBefore: 0,
      autoLockMinutes: previous?.autoLockMinutes ?? AUTO_LOCK_DEFAULT_MINUTES,
    }
    await this.store.put(row)
    let deviceResult: EnableDeviceResult | undefined
    if (device) deviceResult = await this.enrolDevice(userId, dataKey, device)
    // the key in use is not extractable: it can seal and open, never be exported
    return { cipher: new LocalCipher(await unwrap(wrapped, pinKey, userId, false)), device: deviceResult }
  }

  async unlock(userId: string, pin: string): Promise<UnlockResult> {
    const attempt = await this.attempt(userId, normalise(pin), false)
    return attempt.ok ? { ok: true, cipher: new LocalCipher(attempt.key) } : attempt
  }

  async changePin(userId: string, oldPin: string, newPin: string, repeated: string): Promise<ChangeResult> {
    const secret = normalise(newPin)
    const problem = pinProblem(secret, normalise(repeated))
    if (problem) return { ok: false, reason: 'invalid', problem }
    const attempt = await this.attempt(userId, normalise(oldPin), true)
    if (!attempt.ok) return attempt
    const salt = randomBytes(16)
    const wrapped = await wrap(attempt.key, await this.pinKey(secret, salt, this.iterations), userId)
    await this.store.update(userId, (row) => ({ ...row, kind: secretKind(secret), salt, iterations: this.iterations, wrapped }))
    return { ok: true }
  }

  /** Whether "Mit Gerätesperre entsperren" can be offered on this device. */
  async deviceUnlockAvailable(): Promise<boolean> {
    return this.authenticator ? this.authenticator.available().catch(() => false) : false
  }

  /** Adds the device unlock; the PIN proves it is the user (and gives the key to wrap). */
  async enableDeviceUnlock(userId: string, pin: string, user: DeviceUser): Promise<EnableDeviceResult> {
    const attempt = await this.attempt(userId, normalise(pin), true)
    if (!attempt.ok) return attempt
    return this.enrolDevice(userId, attempt.key, user)
  }

  async disableDeviceUnlock(userId: string): Promise<void> {
    await this.store.update(userId, (row) => {
      const { device: _removed, ...rest } = row
      return rest
    })
  }

  async unlockWithDevice(userId: string): Promise<DeviceUnlockResult> {
    const row = await this.store.get(userId)
    if (!row?.device || !this.authenticator) return { ok: false, reason: 'not-set-up' }
    let secret: Uint8Array<ArrayBuffer>
    try {
      secret = await this.authenticator.secret(row.device.credentialId, row.device.salt)
    } catch (e) {
      return { ok: false, reason: e instanceof DOMException && e.name === 'NotAllowedError' ? 'cancelled' : 'failed' }
    }
    try {
      const key = await unwrap(row.device.wrapped, await prfKey(secret, row.device.salt), userId, false)
      // the user proved who they are: wrong PINs typed before no longer count
      await this.store.update(userId, (r) => ({ ...r, failures: 0, notBefore: 0 }))
      return { ok: true, cipher: new LocalCipher(key) }
    } catch {
      return { ok: false, reason: 'failed' }
    }
  }

  async setAutoLock(userId: string, minutes: number): Promise<number> {
    const value = autoLockMinutes(minutes)
    await this.store.update(userId, (row) => ({ ...row, autoLockMinutes: value }))
    return value
  }

  /** Forgets the wrapped key: the sealed data of this user on this device can no longer be read. */
  async remove(userId: string): Promise<void> {
    await this.store.delete(userId)
  }

  /**
   * One PIN attempt. Counted as wrong before the derivation (see the module comment), cleared on
   * success. `extractable`: the caller must wrap the key again (change PIN, device unlock).
   */
  private async attempt(userId: string, pin: string, extractable: boolean): Promise<{ ok: true; key: CryptoKey } | PinFailure> {
    const now = this.now()
    let waiting = false
    const reserved = await this.store.update(userId, (row) => {
      if (row.notBefore > now) {
        waiting = true
        return undefined
      }
      const failures = row.failures + 1
      return { ...row, failures, notBefore: now + pinDelayMs(failures) }
    })
    if (!reserved) return { ok: false, reason: 'no-lock' }
    if (waiting) return { ok: false, reason: 'wait', retryAt: reserved.notBefore }
    let key: CryptoKey
    try {
      key = await unwrap(reserved.wrapped, await this.pinKey(pin, reserved.salt, reserved.iterations), userId, extractable)
    } catch {
      if (reserved.failures >= MAX_PIN_FAILURES) {
        await this.store.delete(userId)
        return { ok: false, reason: 'exhausted' }
      }
      return { ok: false, reason: 'wrong', attemptsLeft: attemptsLeft(reserved.failures), retryAt: reserved.notBefore }
    }
    await this.store.update(userId, (row) => ({ ...row, failures: 0, notBefore: 0 }))
    if (reserved.iterations < this.iterations) await this.strengthen(userId, pin, extractable ? key : undefined, reserved)
    return { ok: true, key }
  }

  /** A PIN key made with fewer iterations than today's is replaced on the next successful unlock. */
  private async strengthen(userId: string, pin: string, key: CryptoKey | undefined, row: AppLockRow): Promise<void> {
    const extractable = key ?? (await unwrap(row.wrapped, await this.pinKey(pin, row.salt, row.iterations), userId, true))
    const salt = randomBytes(16)
    const wrapped = await wrap(extractable, await this.pinKey(pin, salt, this.iterations), userId)
    await this.store.update(userId, (r) => ({ ...r, salt, iterations: this.iterations, wrapped }))
  }

  private async enrolDevice(userId: string, dataKey: CryptoKey, user: DeviceUser): Promise<EnableDeviceResult> {
    if (!this.authenticator || !(await this.deviceUnlockAvailable())) return { ok: false, reason: 'unsupported' }
    const salt = randomBytes(32)
    let credential: { credentialId: Uint8Array<ArrayBuffer>; secret: Uint8Array<ArrayBuffer> }
    try {
      credential = await this.authenticator.register(user, salt)
    } catch (e) {
      return { ok: false, reason: e instanceof DOMException && e.name === 'NotAllowedError' ? 'cancelled' : 'unsupported' }
    }
    const wrapped = await wrap(dataKey, await prfKey(credential.secret, salt), userId)
    await this.store.update(userId, (row) => ({ ...row, device: { credentialId: credential.credentialId, salt, wrapped } }))
    return { ok: true }
  }

  private async pinKey(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
    const base = await crypto.subtle.importKey('raw', encoder.encode(pin), 'PBKDF2', false, ['deriveKey'])
    return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey'])
  }
}

export class PinRejectedError extends Error {
  constructor(readonly problem: PinProblem) {
    super(`PIN rejected: ${problem}`)
    this.name = 'PinRejectedError'
  }
}

/** Same PIN however the keyboard composed it (umlauts in a passphrase). */
const normalise = (pin: string) => pin.normalize('NFC')

function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n))
}

async function wrap(dataKey: CryptoKey, wrappingKey: CryptoKey, userId: string): Promise<Uint8Array<ArrayBuffer>> {
  const iv = randomBytes(IV_BYTES)
  const body = new Uint8Array(await crypto.subtle.wrapKey('raw', dataKey, wrappingKey, { name: 'AES-GCM', iv, additionalData: wrapContext(userId) }))
  const out = new Uint8Array(IV_BYTES + body.byteLength)
  out.set(iv)
  out.set(body, IV_BYTES)
  return out
}

function unwrap(wrapped: Uint8Array<ArrayBuffer>, wrappingKey: CryptoKey, userId: string, extractable: boolean): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey(
    'raw',
    wrapped.subarray(IV_BYTES),
    wrappingKey,
    { name: 'AES-GCM', iv: wrapped.subarray(0, IV_BYTES), additionalData: wrapContext(userId) },
    { name: 'AES-GCM', length: 256 },
    extractable,
    ['encrypt', 'decrypt'],
  )
}

/** The key that wraps the data key for the device unlock, from the authenticator's PRF output. */
async function prfKey(secret: Uint8Array<ArrayBuffer>, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey'])
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: encoder.encode('ratstisch app lock v1 device unlock') },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  )
}
