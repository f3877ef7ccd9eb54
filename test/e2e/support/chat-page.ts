/**
 * What every browser suite does around its tests: a fresh STEWARD_HOME, the scripted model, a
 * page whose script errors and CSP violations are collected, the chat opened with the printed
 * link, and everything stopped and removed afterwards.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, ConsoleMessage, Locator, Page } from 'playwright-core';
import type { Browser } from './chromium.js';
import { ensureRendererBuilt, type StewardServer } from './steward-server.js';

/** Makes the screenshot folder, builds the renderer if needed, and returns a fresh STEWARD_HOME. */
export function prepareE2eHome(artifacts: string, suite: string): string {
  mkdirSync(artifacts, { recursive: true });
  ensureRendererBuilt();
  return mkdtempSync(path.join(os.tmpdir(), `steward-e2e-${suite}-`));
}

/** Writes the suite's model script into the home and returns the env that makes the server use it. */
export function scriptedProviderEnv(home: string, writeScript: (file: string) => void): Record<string, string> {
  const script = path.join(home, 'script.json');
  writeScript(script);
  return { STEWARD_PROVIDER: `scripted:${script}` };
}

/**
 * Which console lines count as problems besides uncaught page errors:
 * 'csp': Content-Security-Policy violations; 'errors': those and console errors, except lines
 * matching `ignore` (requests a test has the server refuse on purpose); 'none': no console line.
 */
export interface ProblemWatch {
  console?: 'csp' | 'errors' | 'none';
  ignore?: RegExp;
}

const CSP = /Content Security Policy/i;

function consoleProblem(message: ConsoleMessage, watch: ProblemWatch): string | null {
  const text = message.text();
  if (watch.console === 'errors') {
    const counted = (message.type() === 'error' && !(watch.ignore?.test(text) ?? false)) || CSP.test(text);
    return counted ? `console: ${text}` : null;
  }
  return CSP.test(text) ? `CSP: ${text}` : null;
}

/** Records the page's script errors (and the console lines `watch` names) into `problems`. */
export function collectProblems(page: Page, problems: string[], watch: ProblemWatch = {}): void {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  if (watch.console === 'none') return;
  page.on('console', (message) => {
    const problem = consoleProblem(message, watch);
    if (problem) problems.push(problem);
  });
}

/** The same, for every page the context opens from now on (fresh tabs a test opens included). */
export function collectProblemsOnEveryPage(context: BrowserContext, problems: string[], watch: ProblemWatch = {}): void {
  context.on('page', (opened) => collectProblems(opened, problems, watch));
}

/** A new page with the suite's default timeout, its problems collected into `problems`. */
export async function openPage(browser: Browser, timeoutMs: number, problems: string[], watch: ProblemWatch = {}): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(timeoutMs);
  collectProblems(page, problems, watch);
  return page;
}

/** Opens the chat with the printed link (token included) and waits for the empty conversation. */
export async function openChat(page: Page, server: StewardServer): Promise<void> {
  await page.goto(server.chatUrl);
  await page.getByRole('heading', { name: 'Start a conversation' }).waitFor();
}

/** Closes the browser, stops the server and removes the home; safe after a failed beforeAll. */
export async function closeE2e(browser: Browser | undefined, server: StewardServer | undefined, home: string | undefined): Promise<void> {
  await browser?.close();
  await server?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
}

export const chatComposer = (page: Page): Locator => page.getByRole('textbox', { name: 'Message Steward' });
export const chatThread = (page: Page): Locator => page.getByRole('log', { name: 'Messages' });

/** Starts a new conversation and waits for its empty state. */
export async function startNewConversation(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.getByRole('heading', { name: 'Start a conversation' }).waitFor();
}

/** Types `text` into the composer, sends it with Enter, and waits for it in the thread. */
export async function sendChatMessage(page: Page, text: string): Promise<void> {
  await chatComposer(page).fill(text);
  await chatComposer(page).press('Enter');
  await chatThread(page).getByText(text).first().waitFor();
}
