/**
 * Merging notes written offline on this device into the notes document the relay already has for
 * the meeting (another device registered one first). Nothing typed is lost: differing texts are
 * appended, identical or already contained texts are left alone (pure).
 */
export function notesToCopy(target: Readonly<Record<string, string>>, source: Readonly<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [itemId, text] of Object.entries(source)) {
    const mine = text.trim()
    if (!mine) continue
    const theirs = (target[itemId] ?? '').trim()
    if (!theirs) result[itemId] = text
    else if (!theirs.includes(mine)) result[itemId] = `${target[itemId]}\n\n${text}`
  }
  return result
}
