import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { describe, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../../src-main/core/tools/builtin/website/chromium.js';

/**
 * Debian's `chromium` package. Tests never download a browser. STEWARD_E2E_CHROMIUM points the
 * suites at another binary (and lets the missing-browser path itself be tried).
 */
export const CHROMIUM_PATH = process.env.STEWARD_E2E_CHROMIUM || '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM_PATH);
export const MISSING_CHROMIUM = `Chromium is not installed at ${CHROMIUM_PATH} — install Debian's package (apt-get install chromium) to run the browser tests.`;

/**
 * describe() for a browser suite. With Chromium installed the suite runs. Without it, on CI
 * (CI=true) the suite fails with MISSING_CHROMIUM; elsewhere it is skipped loudly: a warning in
 * the test output, and the reason in the suite's title, which `npm test`'s closing summary repeats
 * (scripts/test-summary.mjs).
 */
export function describeInChromium(title: string, body: () => void): void {
  if (hasChromium()) {
    describe(title, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('needs Chromium on CI', () => {
        throw new Error(MISSING_CHROMIUM);
      });
    });
    return;
  }
  console.warn(`\n[e2e] SKIPPED "${title}": ${MISSING_CHROMIUM}\n`);
  describe.skip(`${title} (skipped: ${MISSING_CHROMIUM})`, body);
}


export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium profile in a temp folder, removed on close. */
export async function launchChromium(): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'steward-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
