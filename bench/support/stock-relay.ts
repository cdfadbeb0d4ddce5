/**
 * Baseline for the benchmarks: automerge-repo's stock WebSocketServerAdapter with filesystem
 * storage and no access control (what the gated relay is compared against). Prints "PORT <n>".
 */
import { Repo, type PeerId } from '@automerge/automerge-repo'
import { NodeWSServerAdapter } from '@automerge/automerge-repo-network-websocket'
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { WebSocketServer } from 'ws'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-stock-'))
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
new Repo({
  network: [new NodeWSServerAdapter(wss as never)],
  storage: new NodeFSStorageAdapter(dir),
  peerId: 'stock-relay' as PeerId,
  sharePolicy: async () => false,
})
wss.on('listening', () => {
  const address = wss.address()
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : address}\n`)
})
