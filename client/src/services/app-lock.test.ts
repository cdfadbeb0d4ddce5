import { describe, expect, it } from 'vitest'
import { AppLock, MemoryAppLockStore, PinRejectedError } from './app-lock.ts'
import { MAX_PIN_FAILURES, PBKDF2_ITERATIONS } from './app-lock-policy.ts'
import type { PlatformAuthenticator } from './platform-authenticator.ts'


/** A platform authenticator whose PRF is HMAC-SHA-256 under a secret only it knows. */
class FakeAuthenticator implements PlatformAuthenticator {
  private readonly hmac = crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  cancel = false
  async available() {
    return true
  }
  async register(_user: { name: string; displayName: string }, salt: Uint8Array<ArrayBuffer>) {
    const credentialId = crypto.getRandomValues(new Uint8Array(16))
    return { credentialId, secret: await this.secret(credentialId, salt) }
  }
  async secret(credentialId: Uint8Array<ArrayBuffer>, salt: Uint8Array<ArrayBuffer>) {
    if (this.cancel) throw new DOMException('cancelled', 'NotAllowedError')
    const input = new Uint8Array([...credentialId, ...salt])
    return new Uint8Array(await crypto.subtle.sign('HMAC', await this.hmac, input))
  }
}

const USER = 'user-member-a'
const PIN = '246810'

function setup(options: { authenticator?: PlatformAuthenticator } = {}) {
  let clock = 1_000_000
  const store = new MemoryAppLockStore()
  const lock = new AppLock(store, { iterations: 1000, now: () => clock, ...options })
  return { store, lock, advance: (ms: number) => (clock += ms) }
}

const roundTrip = async (a: { seal(b: Uint8Array): Promise<Uint8Array> }, b: { openText(b: Uint8Array): Promise<string> }) =>
  b.openText(await a.seal(new TextEncoder().encode('Nichtöffentlich: Grundstücksankauf')))

describe('AppLock', () => {
  it('uses the measured PBKDF2 iteration count by default', async () => {
    const store = new MemoryAppLockStore()
    await new AppLock(store).setUp(USER, PIN, PIN)
    expect(store.rows.get(USER)?.iterations).toBe(PBKDF2_ITERATIONS)
  })

  it('wraps a new data key with the PIN and unwraps the same key with it', async () => {
    const { store, lock } = setup()
    expect(await lock.state(USER)).toBe('none')
    const { cipher } = await lock.setUp(USER, PIN, PIN)
    expect(await lock.state(USER)).toBe('locked')
    const row = store.rows.get(USER)!
    expect(row.kind).toBe('pin')
    expect(row.wrapped.byteLength).toBe(12 + 32 + 16)
    // the key in memory cannot be exported
    await expect(crypto.subtle.exportKey('raw', cipher.key)).rejects.toThrow()
    const unlocked = await lock.unlock(USER, PIN)
    if (!unlocked.ok) throw new Error(unlocked.reason)
    expect(await roundTrip(cipher, unlocked.cipher)).toBe('Nichtöffentlich: Grundstücksankauf')
  })

  it('refuses weak or mismatched PINs at setup and stores nothing', async () => {
    const { store, lock } = setup()
    await expect(lock.setUp(USER, '123456', '123456')).rejects.toBeInstanceOf(PinRejectedError)
    await expect(lock.setUp(USER, PIN, '246811')).rejects.toMatchObject({ problem: 'mismatch' })
    expect(store.rows.size).toBe(0)
  })

  it('does not unwrap another user key copied into this user entry', async () => {
    const { store, lock } = setup()
    await lock.setUp('user-a', PIN, PIN)
    await lock.setUp('user-b', PIN, PIN)
    store.rows.set('user-b', { ...store.rows.get('user-a')!, userId: 'user-b' })
    expect(await lock.unlock('user-b', PIN)).toMatchObject({ ok: false, reason: 'wrong' })
  })

  it('throttles wrong PINs, counts the attempt before deriving, and resets on success', async () => {
    const { store, lock, advance } = setup()
    await lock.setUp(USER, PIN, PIN)
    for (let i = 1; i <= 3; i++) expect(await lock.unlock(USER, '000001')).toMatchObject({ ok: false, reason: 'wrong', attemptsLeft: MAX_PIN_FAILURES - i })
    const fourth = await lock.unlock(USER, '000001')
    expect(fourth).toMatchObject({ ok: false, reason: 'wrong', attemptsLeft: MAX_PIN_FAILURES - 4 })
    // now even the right PIN has to wait, and waiting attempts do not count
    const early = await lock.unlock(USER, PIN)
    expect(early).toMatchObject({ ok: false, reason: 'wait' })
    expect(store.rows.get(USER)!.failures).toBe(4)
    advance(30_000)
    expect((await lock.unlock(USER, PIN)).ok).toBe(true)
    expect(store.rows.get(USER)).toMatchObject({ failures: 0, notBefore: 0 })
  })

  it('counts parallel attempts one by one', async () => {
    const { store, lock } = setup()
    await lock.setUp(USER, PIN, PIN)
    const results = await Promise.all(Array.from({ length: 6 }, () => lock.unlock(USER, '999990')))
    // three pass the gate immediately, the fourth sets the wait, the rest are told to wait
    expect(results.filter((r) => !r.ok && r.reason === 'wrong').length).toBe(4)
    expect(results.filter((r) => !r.ok && r.reason === 'wait').length).toBe(2)
    expect(store.rows.get(USER)!.failures).toBe(4)
  })

  it('destroys the wrapped key after the tenth wrong PIN', async () => {
    const { store, lock, advance } = setup()
    await lock.setUp(USER, PIN, PIN)
    let last
    for (let i = 0; i < MAX_PIN_FAILURES; i++) {
      advance(60 * 60_000)
      last = await lock.unlock(USER, '000001')
    }
    expect(last).toEqual({ ok: false, reason: 'exhausted' })
    expect(store.rows.has(USER)).toBe(false)
    expect(await lock.unlock(USER, PIN)).toEqual({ ok: false, reason: 'no-lock' })
  })

  it('changes the PIN without changing the data key', async () => {
    const { lock } = setup()
    const { cipher } = await lock.setUp(USER, PIN, PIN)
    expect(await lock.changePin(USER, PIN, 'Neue Passphrase 1', 'Neue Passphrase 1')).toEqual({ ok: true })
    expect(await lock.unlock(USER, PIN)).toMatchObject({ ok: false, reason: 'wrong' })
    const unlocked = await lock.unlock(USER, 'Neue Passphrase 1')
    if (!unlocked.ok) throw new Error(unlocked.reason)
    expect(await roundTrip(cipher, unlocked.cipher)).toContain('Grundstücksankauf')
    expect(await lock.changePin(USER, 'Neue Passphrase 1', '1234', '1234')).toMatchObject({ ok: false, reason: 'invalid', problem: 'too-short' })
    expect(await lock.changePin(USER, 'falsch falsch', '135790', '135790')).toMatchObject({ ok: false, reason: 'wrong' })
  })

  it('unlocks the same key with the platform authenticator, and not after it was turned off', async () => {
    const authenticator = new FakeAuthenticator()
    const { store, lock } = setup({ authenticator })
    const { cipher, device } = await lock.setUp(USER, PIN, PIN, { name: 'member-a', displayName: 'Anna' })
    expect(device).toEqual({ ok: true })
    const row = store.rows.get(USER)!
    expect(row.device?.salt.byteLength).toBe(32)
    const unlocked = await lock.unlockWithDevice(USER)
    if (!unlocked.ok) throw new Error(unlocked.reason)
    expect(await roundTrip(cipher, unlocked.cipher)).toContain('Grundstücksankauf')

    authenticator.cancel = true
    expect(await lock.unlockWithDevice(USER)).toEqual({ ok: false, reason: 'cancelled' })
    authenticator.cancel = false

    // a different authenticator (another device, a guess) yields a different secret
    const stranger = new AppLock(store, { iterations: 1000, authenticator: new FakeAuthenticator() })
    expect(await stranger.unlockWithDevice(USER)).toEqual({ ok: false, reason: 'failed' })

    await lock.disableDeviceUnlock(USER)
    expect(await lock.unlockWithDevice(USER)).toEqual({ ok: false, reason: 'not-set-up' })
  })

  it('adds the device unlock later only with the right PIN, and device unlock clears wrong PINs', async () => {
    const { store, lock } = setup({ authenticator: new FakeAuthenticator() })
    await lock.setUp(USER, PIN, PIN)
    expect(await lock.enableDeviceUnlock(USER, '975310', { name: 'a', displayName: 'A' })).toMatchObject({ ok: false, reason: 'wrong' })
    expect(store.rows.get(USER)!.device).toBeUndefined()
    expect(await lock.enableDeviceUnlock(USER, PIN, { name: 'a', displayName: 'A' })).toEqual({ ok: true })
    await lock.unlock(USER, '975310')
    expect(store.rows.get(USER)!.failures).toBe(1)
    expect((await lock.unlockWithDevice(USER)).ok).toBe(true)
    expect(store.rows.get(USER)!.failures).toBe(0)
  })

  it('offers no device unlock without an authenticator', async () => {
    const { lock } = setup()
    expect(await lock.deviceUnlockAvailable()).toBe(false)
    const { device } = await lock.setUp(USER, PIN, PIN, { name: 'a', displayName: 'A' })
    expect(device).toEqual({ ok: false, reason: 'unsupported' })
  })

  it('re-wraps a key made with fewer iterations on the next unlock', async () => {
    const store = new MemoryAppLockStore()
    const old = new AppLock(store, { iterations: 1000 })
    const { cipher } = await old.setUp(USER, PIN, PIN)
    const current = new AppLock(store, { iterations: 2000 })
    const unlocked = await current.unlock(USER, PIN)
    if (!unlocked.ok) throw new Error(unlocked.reason)
    expect(store.rows.get(USER)!.iterations).toBe(2000)
    const again = await current.unlock(USER, PIN)
    if (!again.ok) throw new Error(again.reason)
    expect(await roundTrip(cipher, again.cipher)).toContain('Grundstücksankauf')
  })

  it('keeps the auto-lock setting in range', async () => {
    const { store, lock } = setup()
    await lock.setUp(USER, PIN, PIN)
    expect(store.rows.get(USER)!.autoLockMinutes).toBe(10)
    expect(await lock.setAutoLock(USER, 90)).toBe(60)
    expect(store.rows.get(USER)!.autoLockMinutes).toBe(60)
  })
})
