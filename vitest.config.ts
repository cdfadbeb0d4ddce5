/**
 * Unit tests of all workspaces. Environment node; client tests that need a DOM opt in per file
 * with `// @vitest-environment happy-dom` (never jsdom: it breaks the Automerge wasm bindings).
 */
import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    // Vitest's default leaves one of two cores idle; the suite is mostly waiting on relays and I/O
    maxWorkers: Math.max(2, availableParallelism()),
    include: ['packages/**/*.test.ts', 'sync-server/**/*.test.ts', 'client/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'e2e/**'],
    // the demo town is seeded once per run into templates that tests copy (sync-server/src/testing/demo-relay.ts)
    globalSetup: ['sync-server/src/testing/demo-templates.setup.ts'],
  },
})
