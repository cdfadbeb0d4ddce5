import { describe, expect, it } from 'vitest'
import { FINANCE_SECTIONS, hrefFor, parseRoute } from '../../app/routes.ts'

describe('Sitzungsgeld routes', () => {
  it('the member view and every finance section round-trip', () => {
    expect(parseRoute('/app/allowances')).toEqual({ name: 'allowances' })
    expect(hrefFor({ name: 'allowances' })).toBe('/app/allowances')
    expect(parseRoute('/app/allowances/finance')).toEqual({ name: 'finance', section: 'claims' })
    for (const section of FINANCE_SECTIONS) {
      const href = hrefFor({ name: 'finance', section })
      expect(parseRoute(href)).toEqual({ name: 'finance', section })
    }
  })

  it('unknown sections are not found', () => {
    expect(parseRoute('/app/allowances/finance/secrets').name).toBe('not-found')
    expect(parseRoute('/app/allowances/x').name).toBe('not-found')
  })
})
