/**
 * The device's own authenticator (fingerprint, face, device PIN) as a source of a secret for the
 * app lock: a WebAuthn credential on the platform authenticator with the PRF extension returns a
 * stable 32-byte secret for a given salt, and only after user verification. Nothing goes to the
 * relay: the challenge is local and no signature is checked, the secret itself is what unlocks.
 */

export interface PlatformAuthenticator {
  /** whether a user-verifying platform authenticator with PRF can be offered here */
  available(): Promise<boolean>
  /** creates a credential and returns its id and the PRF output for `salt` */
  register(user: { name: string; displayName: string }, salt: Uint8Array<ArrayBuffer>): Promise<{ credentialId: Uint8Array<ArrayBuffer>; secret: Uint8Array<ArrayBuffer> }>
  /** the PRF output of the credential for `salt` (asks the user to verify) */
  secret(credentialId: Uint8Array<ArrayBuffer>, salt: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>>
}

export class PrfUnavailableError extends Error {
  constructor() {
    super('the authenticator does not support the PRF extension')
    this.name = 'PrfUnavailableError'
  }
}

/** WebAuthn needs a domain as relying party id: an app reached by IP address cannot use it. */
export function isIpAddress(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.includes(':') || hostname.startsWith('[')
}

const TIMEOUT_MS = 60_000

export class WebAuthnPrfAuthenticator implements PlatformAuthenticator {
  async available(): Promise<boolean> {
    if (!window.isSecureContext || typeof PublicKeyCredential === 'undefined' || isIpAddress(location.hostname)) return false
    if (!(await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable())) return false
    // Browsers that can tell say whether PRF works; the others find out when setting it up
    if (typeof PublicKeyCredential.getClientCapabilities === 'function') {
      const capabilities = (await PublicKeyCredential.getClientCapabilities()) as Record<string, boolean | undefined>
      return capabilities['extension:prf'] === true
    }
    return true
  }

  async register(user: { name: string; displayName: string }, salt: Uint8Array<ArrayBuffer>) {
    const credential = (await navigator.credentials.create({
      publicKey: {
        rp: { name: 'Ratstisch' },
        user: { id: crypto.getRandomValues(new Uint8Array(16)), name: user.name, displayName: user.displayName },
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        authenticatorSelection: { authenticatorAttachment: 'platform', userVerification: 'required', residentKey: 'discouraged' },
        timeout: TIMEOUT_MS,
        extensions: { prf: { eval: { first: salt } } },
      },
    })) as PublicKeyCredential | null
    if (!credential) throw new PrfUnavailableError()
    const prf = credential.getClientExtensionResults().prf
    const credentialId = new Uint8Array(credential.rawId)
    if (prf?.results?.first) return { credentialId, secret: bytesOf(prf.results.first) }
    if (!prf?.enabled) throw new PrfUnavailableError()
    // some authenticators enable PRF at creation and evaluate it only on use
    return { credentialId, secret: await this.secret(credentialId, salt) }
  }

  async secret(credentialId: Uint8Array<ArrayBuffer>, salt: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
    const assertion = (await navigator.credentials.get({
      publicKey: {
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        allowCredentials: [{ type: 'public-key', id: credentialId, transports: ['internal'] }],
        userVerification: 'required',
        timeout: TIMEOUT_MS,
        extensions: { prf: { eval: { first: salt } } },
      },
    })) as PublicKeyCredential | null
    const first = assertion?.getClientExtensionResults().prf?.results?.first
    if (!first) throw new PrfUnavailableError()
    return bytesOf(first)
  }
}

function bytesOf(source: BufferSource): Uint8Array<ArrayBuffer> {
  return source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer.slice(source.byteOffset, source.byteOffset + source.byteLength) as ArrayBuffer)
}
