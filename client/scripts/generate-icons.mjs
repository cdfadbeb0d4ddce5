// Writes the PWA icons (PNG, RGBA) into /public/icons without any image library:
// a council table with three seats, white on the theme blue. Run: node client/scripts/generate-icons.mjs
import { deflateSync } from 'node:zlib'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const THEME = [0x0b, 0x4f, 0x8a]
const WHITE = [0xff, 0xff, 0xff]
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'icons')

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
function png(size, rgba) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size)
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0 // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false
  const cx = Math.min(Math.max(x, x0 + r), x1 - r)
  const cy = Math.min(Math.max(y, y0 + r), y1 - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r

/** Foreground shape in unit coordinates (0..1). */
function isForeground(x, y) {
  if (inRoundRect(x, y, 0.2, 0.47, 0.8, 0.55, 0.03)) return true // table top
  if (inRoundRect(x, y, 0.27, 0.53, 0.33, 0.74, 0.02)) return true // legs
  if (inRoundRect(x, y, 0.67, 0.53, 0.73, 0.74, 0.02)) return true
  return [0.32, 0.5, 0.68].some((cx) => inCircle(x, y, cx, 0.35, 0.065)) // seats
}

function render(size, maskable) {
  const out = Buffer.alloc(size * size * 4)
  const S = 4 // supersampling per axis
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0
      let fg = 0
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size
          const y = (py + (sy + 0.5) / S) / size
          const inside = maskable || inRoundRect(x, y, 0, 0, 1, 1, 0.18)
          if (!inside) continue
          if (isForeground(x, y)) fg++
          else bg++
        }
      }
      const n = S * S
      const alpha = (bg + fg) / n
      const i = (py * size + px) * 4
      if (alpha === 0) continue
      for (let c = 0; c < 3; c++) out[i + c] = Math.round((THEME[c] * bg + WHITE[c] * fg) / (bg + fg))
      out[i + 3] = Math.round(alpha * 255)
    }
  }
  return png(size, out)
}

mkdirSync(outDir, { recursive: true })
for (const size of [192, 512]) {
  writeFileSync(join(outDir, `icon-${size}.png`), render(size, false))
  writeFileSync(join(outDir, `icon-maskable-${size}.png`), render(size, true))
}
writeFileSync(join(outDir, 'apple-touch-icon.png'), render(180, true))
console.log(`icons written to ${outDir}`)
