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
  /** More of the server's environment (fakes' addresses, a catalog in the home), read once the home exists. */
  env?: (home: string) => Record<string, string>;
  /** The page's default timeout. */
  timeoutMs: number;
  watch?: ProblemWatch;
  /** Runs once the home exists, before the server starts (files the suite needs on disk, a profile to seed); awaited. */
  prepareHome?: (home: string) => void | Promise<void>;
}

/** Where the suites' screenshots go. */
export const UI_ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts/ui');

/** A server start on a loaded two-core CI machine (a TypeScript child) can take over a minute. */
const SERVER_START_TIMEOUT_MS = 150_000;

/**
 * Registers the suite's beforeAll/afterAll; the returned object's fields are set by the time a test
 * runs. A test file's own beforeAll registered before this call runs first (start fakes there),
 * one registered after it runs once the chat is open; afterAll hooks run in reverse.
 */
export function browserSuite(options: BrowserSuiteOptions): BrowserSuite {
  const suite = { problems: [] as string[] } as BrowserSuite;
  beforeAll(async () => {
    suite.home = prepareE2eHome(UI_ARTIFACTS, options.suite);
    await options.prepareHome?.(suite.home);
    const env = { ...(options.script && scriptedProviderEnv(suite.home, options.script)), ...options.env?.(suite.home) };
    // Chromium starts while the server does: the two are independent and each takes seconds.
    // Both are waited for and kept, so afterAll stops the one that started when the other failed.
    const [server, browser] = await Promise.allSettled([startStewardServer({ home: suite.home, env, timeoutMs: SERVER_START_TIMEOUT_MS }), launchChromium()]);
    if (server.status === 'fulfilled') suite.server = server.value;
    if (browser.status === 'fulfilled') suite.browser = browser.value;
    if (server.status === 'rejected') throw server.reason;
    if (browser.status === 'rejected') throw browser.reason;
    suite.page = await openPage(suite.browser, options.timeoutMs, suite.problems, options.watch);
    await openChat(suite.page, suite.server);
  }, 300_000);
  afterAll(async () => {
    await closeE2e(suite.browser, suite.server, suite.home);
  }, 30_000);
  return suite;
}
