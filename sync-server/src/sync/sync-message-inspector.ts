/**
 * Looks inside an automerge sync message before the relay's repo sees it, by applying its changes
 * to a throw-away fork of the relay's copy. Throws on anything that does not decode: a malformed
 * message must never reach the repo.
 */
import * as A from '@automerge/automerge'

export interface SyncMessageEffect {
  /** the message carries changes at all */
  carriesChanges: boolean
  /** applying the message would add to the document (new heads, or changes queued for later) */
  wouldChange: boolean
  /** the fork with the message's changes applied (for schema validation of writers' changes) */
  fork?: A.Doc<unknown>
}

export function decodeSyncData(data: Uint8Array): A.DecodedSyncMessage {
  return A.decodeSyncMessage(data)
}

/**
 * What the sync message would do to `doc`. Sync messages carry changes either as single change
 * chunks or as compressed document chunks; loadIncremental accepts both.
 */
export function syncMessageEffect(doc: A.Doc<unknown>, decoded: A.DecodedSyncMessage): SyncMessageEffect {
  if (decoded.changes.length === 0) return { carriesChanges: false, wouldChange: false }
  const before = A.getHeads(doc)
  const missingBefore = A.getMissingDeps(doc, []).length
  let fork = A.clone(doc)
  for (const chunk of decoded.changes) fork = A.loadIncremental(fork, chunk)
  const after = A.getHeads(fork)
  const headsMoved = after.length !== before.length || after.some((h) => !before.includes(h))
  const queued = A.getMissingDeps(fork, []).length > missingBefore
  return { carriesChanges: true, wouldChange: headsMoved || queued, fork }
}
