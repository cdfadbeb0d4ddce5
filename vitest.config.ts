/**
 * Unit tests of all workspaces. Environment node; client tests that need a DOM opt in per file
 * with `// @vitest-environment happy-dom` (never jsdom: it breaks the Automerge wasm bindings).
 */
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    include: ['packages/**/*.test.ts', 'sync-server/**/*.test.ts', 'client/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'e2e/**'],
  },
})
