/**
 * Encryption at rest for what the app keeps in IndexedDB (documents, files, the search index).
 *
 * One random AES-GCM data key per user and device encrypts everything; it never leaves memory in
 * the clear (it is stored only wrapped, see the app lock). Sealed bytes are
 * `0x01 | 12-byte IV | ciphertext+tag`, so a future format can be told apart.
 * Works in windows and workers (WebCrypto only); a CryptoKey can be posted to a worker.
 */
const FORMAT = 1
const IV_BYTES = 12

export class LocalCipher {
  constructor(readonly key: CryptoKey) {}

  async seal(plain: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
    const body = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, this.key, plain as Uint8Array<ArrayBuffer>))
    const out = new Uint8Array(1 + IV_BYTES + body.byteLength)
    out[0] = FORMAT
    out.set(iv, 1)
    out.set(body, 1 + IV_BYTES)
    return out
  }

  /** Throws when the bytes were not sealed with this key or were changed. */
  async open(sealed: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
    if (sealed[0] !== FORMAT || sealed.byteLength < 1 + IV_BYTES + 16) throw new Error('not sealed by Ratstisch')
    const iv = sealed.subarray(1, 1 + IV_BYTES)
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer> }, this.key, sealed.subarray(1 + IV_BYTES) as Uint8Array<ArrayBuffer>))
  }

  async sealText(text: string): Promise<Uint8Array<ArrayBuffer>> {
    return this.seal(new TextEncoder().encode(text))
  }

  async openText(sealed: Uint8Array): Promise<string> {
    return new TextDecoder().decode(await this.open(sealed))
  }

  static async generateKey(): Promise<CryptoKey> {
    // extractable only so that it can be wrapped by the PIN key; it is never exported raw
    return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt'])
  }
}
