/**
 * Reads the members of a (ustar/pax) tar archive held in memory: enough for the captured OParl
 * crawl in `cache_huertgenwald.tar.zst` (decompressed with fzstd first). Regular files only.
 */
export interface TarMember {
  name: string
  bytes: Uint8Array
}

const decoder = new TextDecoder()

function text(block: Uint8Array, start: number, length: number): string {
  const slice = block.subarray(start, start + length)
  const end = slice.indexOf(0)
  return decoder.decode(end === -1 ? slice : slice.subarray(0, end))
}

function octal(block: Uint8Array, start: number, length: number): number {
  const s = text(block, start, length).trim()
  return s ? parseInt(s, 8) : 0
}

/** pax extended header records: "<len> key=value\n" */
function paxPath(bytes: Uint8Array): string | undefined {
  for (const line of decoder.decode(bytes).split('\n')) {
    const m = /^\d+ path=(.*)$/.exec(line)
    if (m) return m[1]
  }
  return undefined
}

export function readTar(archive: Uint8Array): TarMember[] {
  const members: TarMember[] = []
  let offset = 0
  let longName: string | undefined
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512)
    if (header.every((b) => b === 0)) break
    const size = octal(header, 124, 12)
    const type = String.fromCharCode(header[156] || 48)
    const prefix = text(header, 345, 155)
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100))
    const dataStart = offset + 512
    const data = archive.subarray(dataStart, dataStart + size)
    longName = undefined
    if (type === 'x') longName = paxPath(data)
    else if (type === 'L') longName = decoder.decode(data).replace(/\0+$/, '')
    else if (type === '0' || type === '\0' || type === '7') members.push({ name: name.replace(/^\.\//, ''), bytes: data })
    offset = dataStart + Math.ceil(size / 512) * 512
  }
  return members
}
