import { defineConfig } from 'vitest/config';

// Unit tests are small and leave no global state behind, so they share one module cache per worker
// (isolate: false): importing the app's modules again for each of ~100 files was most of their
// time. Electron-shell units mock 'electron' per file, and integration/e2e tests start servers,
// databases and models: those keep a fresh module graph per file.
const ISOLATED_UNITS = 'test/unit/electron/**';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: native model loads and Chromium do not like to be crowded.
    maxWorkers: 2,
    globalSetup: ['test/helpers/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: [ISOLATED_UNITS], isolate: false } },
      { extends: true, test: { name: 'isolated', include: [`${ISOLATED_UNITS}/*.test.ts`, 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'] } },
    ],
  },
});
