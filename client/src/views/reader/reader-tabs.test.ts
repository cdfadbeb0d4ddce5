import { describe, expect, it } from 'vitest'
import { closeSplit, closeTab, EMPTY_TABS, openInSplit, openTab, parseTabs, rememberPage, swapPanes } from './reader-tabs.ts'

describe('reader tabs', () => {
  it('opens tabs once each and activates the opened one', () => {
    let s = openTab(EMPTY_TABS, 'a')
    s = openTab(s, 'b')
    s = openTab(s, 'a')
    expect(s).toMatchObject({ tabs: ['a', 'b'], active: 'a' })
  })

  it('shows a second document beside the main one, never the same one twice', () => {
    let s = openTab(EMPTY_TABS, 'a')
    s = openInSplit(s, 'b')
    expect(s).toMatchObject({ tabs: ['a', 'b'], active: 'a', split: 'b' })
    // activating the document of the second pane in the main pane moves the other one over
    expect(openTab(s, 'b')).toMatchObject({ active: 'b', split: 'a' })
    // asked to put the main document beside itself: another tab takes the main pane
    expect(openInSplit(s, 'a')).toMatchObject({ active: 'b', split: 'a' })
    expect(openInSplit(openTab(EMPTY_TABS, 'a'), 'a')).toMatchObject({ active: 'a', split: undefined })
    expect(swapPanes(s)).toMatchObject({ active: 'b', split: 'a' })
    expect(closeSplit(s)).toMatchObject({ active: 'a', split: undefined, tabs: ['a', 'b'] })
  })

  it('closing a tab activates its neighbour and clears the second pane when it showed it', () => {
    let s = openTab(openTab(openTab(EMPTY_TABS, 'a'), 'b'), 'c')
    s = rememberPage(s, 'c', 4)
    s = openInSplit(s, 'a')
    expect(closeTab(s, 'c')).toEqual({ tabs: ['a', 'b'], active: 'b', split: 'a', pages: {} })
    expect(closeTab(s, 'a')).toMatchObject({ tabs: ['b', 'c'], active: 'c', split: undefined })
    // the last document in the main pane goes: the second pane's document takes its place
    const two = openInSplit(openTab(EMPTY_TABS, 'a'), 'b')
    expect(closeTab(two, 'a')).toMatchObject({ tabs: ['b'], active: 'b', split: undefined })
    expect(closeTab(two, 'x')).toBe(two)
  })

  it('remembers pages and restores only known files from storage', () => {
    const s = rememberPage(openInSplit(openTab(EMPTY_TABS, 'a'), 'b'), 'b', 3)
    const restored = parseTabs(JSON.stringify(s), new Set(['a', 'b']))
    expect(restored).toEqual({ tabs: ['a', 'b'], active: 'a', split: 'b', pages: { b: 3 } })
    expect(parseTabs(JSON.stringify(s), new Set(['b']))).toEqual({ tabs: ['b'], active: 'b', split: undefined, pages: { b: 3 } })
    expect(parseTabs('{"tabs":[1,"a","a"],"pages":{"a":-1}}', new Set(['a']))).toEqual({ tabs: ['a'], active: 'a', split: undefined, pages: {} })
    expect(parseTabs('kaputt', new Set(['a']))).toEqual(EMPTY_TABS)
    expect(parseTabs(undefined, new Set())).toEqual(EMPTY_TABS)
  })
})
