import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: native model loads and Chromium do not like to be crowded.
    maxWorkers: 2,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
