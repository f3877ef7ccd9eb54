/**
 * The life of a browser suite in one call: a fresh STEWARD_HOME (with the suite's model script),
 * the real local server, Chromium, a page whose problems are collected and the chat opened with
 * the printed link — all started in the suite's beforeAll and stopped and removed in its afterAll.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { closeE2e, openChat, openPage, prepareE2eHome, scriptedProviderEnv, type ProblemWatch } from './chat-page.js';
import { launchChromium, type Browser } from './chromium.js';
import { REPO_ROOT, startStewardServer, type StewardServer } from './steward-server.js';

export interface BrowserSuite {
  home: string;
  server: StewardServer;
  browser: Browser;
  page: Page;
  /** Script errors (and the console lines `watch` names) seen so far. */
  problems: string[];
}

export interface BrowserSuiteOptions {
  /** Names the temp home (steward-e2e-<suite>-…). */
  suite: string;
  /** Writes the scripted model's rules; without it the server runs with no model. */
  script?: (file: string) => void;
  /** The page's default timeout. */
  timeoutMs: number;
  watch?: ProblemWatch;
  /** Runs once the home exists, before the server starts (files the suite needs on disk). */
  prepareHome?: (home: string) => void;
}

/** Where the suites' screenshots go. */
export const UI_ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts/ui');

/** Registers the suite's beforeAll/afterAll; the returned object's fields are set by the time a test runs. */
export function browserSuite(options: BrowserSuiteOptions): BrowserSuite {
  const suite = { problems: [] as string[] } as BrowserSuite;
  beforeAll(async () => {
    suite.home = prepareE2eHome(UI_ARTIFACTS, options.suite);
    options.prepareHome?.(suite.home);
    suite.server = await startStewardServer({ home: suite.home, ...(options.script && { env: scriptedProviderEnv(suite.home, options.script) }) });
    suite.browser = await launchChromium();
    suite.page = await openPage(suite.browser, options.timeoutMs, suite.problems, options.watch);
    await openChat(suite.page, suite.server);
  }, 300_000);
  afterAll(async () => {
    await closeE2e(suite.browser, suite.server, suite.home);
  }, 30_000);
  return suite;
}
