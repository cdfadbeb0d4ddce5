/**
 * Which documents of a meeting are open in the reader (pure): tabs in the main pane, the active
 * one, and the document in the second pane of the split view. Kept per meeting on the device.
 */

export interface ReaderTabs {
  /** open files (SHA-256), in tab order */
  tabs: string[]
  active?: string
  /** the file shown in the second pane, if the view is split */
  split?: string
  /** last page seen per open file */
  pages?: Record<string, number>
}

export const EMPTY_TABS: ReaderTabs = { tabs: [] }
const MAX_TABS = 12

export function openTab(state: ReaderTabs, sha: string): ReaderTabs {
  const tabs = state.tabs.includes(sha) ? state.tabs : [...state.tabs, sha].slice(-MAX_TABS)
  // the same document is not shown twice side by side
  const split = state.split === sha ? (state.active !== sha ? state.active : undefined) : state.split
  return { ...state, tabs, active: sha, split: split && tabs.includes(split) ? split : undefined }
}

export function openInSplit(state: ReaderTabs, sha: string): ReaderTabs {
  const tabs = state.tabs.includes(sha) ? state.tabs : [...state.tabs, sha].slice(-MAX_TABS)
  if (state.active === sha) {
    // asked to show the main document beside itself: show it there and another one in the main pane
    const other = tabs.find((t) => t !== sha)
    return other ? { ...state, tabs, active: other, split: sha } : { ...state, tabs }
  }
  return { ...state, tabs, active: state.active ?? tabs.find((t) => t !== sha), split: sha }
}

export function closeTab(state: ReaderTabs, sha: string): ReaderTabs {
  const index = state.tabs.indexOf(sha)
  if (index < 0) return state
  const tabs = state.tabs.filter((t) => t !== sha)
  const pages = { ...(state.pages ?? {}) }
  delete pages[sha]
  let active = state.active
  if (active === sha) active = tabs[Math.min(index, tabs.length - 1)]
  let split = state.split === sha ? undefined : state.split
  if (active && active === split) split = undefined
  if (!active && split) {
    active = split
    split = undefined
  }
  return { tabs, active, split, pages }
}

export function closeSplit(state: ReaderTabs): ReaderTabs {
  return { ...state, split: undefined }
}

export function swapPanes(state: ReaderTabs): ReaderTabs {
  if (!state.split || !state.active) return state
  return { ...state, active: state.split, split: state.active }
}

export function rememberPage(state: ReaderTabs, sha: string, page: number): ReaderTabs {
  if (state.pages?.[sha] === page) return state
  return { ...state, pages: { ...(state.pages ?? {}), [sha]: page } }
}

/** State read back from storage: only known files, nothing malformed. */
export function parseTabs(json: string | undefined, known: ReadonlySet<string>): ReaderTabs {
  if (!json) return EMPTY_TABS
  try {
    const v = JSON.parse(json) as Partial<ReaderTabs>
    const tabs = Array.isArray(v.tabs) ? [...new Set(v.tabs.filter((t): t is string => typeof t === 'string' && known.has(t)))].slice(-MAX_TABS) : []
    const active = typeof v.active === 'string' && tabs.includes(v.active) ? v.active : tabs[0]
    const split = typeof v.split === 'string' && tabs.includes(v.split) && v.split !== active ? v.split : undefined
    const pages: Record<string, number> = {}
    if (v.pages && typeof v.pages === 'object')
      for (const [sha, page] of Object.entries(v.pages)) if (tabs.includes(sha) && Number.isInteger(page) && (page as number) > 0) pages[sha] = page as number
    return { tabs, active, split, pages }
  } catch {
    return EMPTY_TABS
  }
}
