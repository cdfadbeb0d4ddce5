import { Repo } from '@automerge/automerge-repo'
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs'
import fs from 'node:fs'
const dir = process.argv[2]
const repo = new Repo({ storage: new NodeFSStorageAdapter(dir) })
let empty = 0, total = 0
for (const a of fs.readdirSync(dir)) for (const b of fs.readdirSync(`${dir}/${a}`)) {
  total++
  const h = await repo.find<any>(`automerge:${a}${b}` as any, { signal: AbortSignal.timeout(3000) }).catch(() => null)
  if (!h || !h.doc()?.type) empty++
}
console.log('total', total, 'empty', empty)
process.exit(0)
