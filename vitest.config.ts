import { defineConfig } from 'vitest/config';

// Kept apart from vite.config.ts so the PWA plugin stays out of tests.
export default defineConfig({
  test: {
    // vite-plugin-solid would otherwise force jsdom; nothing here needs it.
    environment: 'node',
    reporters: ['default', './tests/support/plain-summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
