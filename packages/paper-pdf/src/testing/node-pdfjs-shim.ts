/**
 * pdf.js on Node 20 (tests, benchmarks): pdfjs-dist 6 targets Node 22, and these two are all its
 * legacy build (`pdfjs-dist/legacy/build/pdf.mjs`) misses on Node 20. Import for the side effect
 * before importing pdf.js.
 */
type WithResolvers = { withResolvers?: unknown }
if (!(Promise as unknown as WithResolvers).withResolvers) {
  ;(Promise as unknown as { withResolvers: () => unknown }).withResolvers = function withResolvers() {
    let resolve: unknown
    let reject: unknown
    const promise = new Promise((res, rej) => {
      resolve = res
      reject = rej
    })
    return { promise, resolve, reject }
  }
}
const arrayBufferProto = ArrayBuffer.prototype as unknown as { transferToFixedLength?: (this: ArrayBuffer, length?: number) => ArrayBuffer }
if (!arrayBufferProto.transferToFixedLength) {
  arrayBufferProto.transferToFixedLength = function transferToFixedLength(this: ArrayBuffer, length?: number) {
    const out = new ArrayBuffer(length ?? this.byteLength)
    new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(out.byteLength, this.byteLength)))
    return out
  }
}

export {}
