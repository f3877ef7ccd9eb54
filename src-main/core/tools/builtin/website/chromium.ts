/**
 * Launches the system Chromium through playwright-core (no bundled browser download), headless,
 * with a fresh throw-away profile and background networking switched off.
 */
import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { StewardError } from '../../../errors.js';
import { MissingDependencyError } from '../tool-errors.js';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export class ChromiumMissingError extends MissingDependencyError {
  constructor(executablePath: string, options?: { cause?: unknown; detail?: string }) {
    super(
      `Chromium is needed to take website screenshots but was not found at ${executablePath}. Install it (Debian/Ubuntu: sudo apt install chromium; macOS: install Chromium or Google Chrome) or set STEWARD_CHROMIUM to the browser's path. The website itself was not affected.`,
      options,
    );
  }
}

/** The browser is there but would not start (wrong binary, missing libraries, crashed). */
export class ChromiumLaunchError extends StewardError {
  constructor(executablePath: string, options?: { cause?: unknown; detail?: string }) {
    super('internal', `Chromium at ${executablePath} could not be started, so no screenshot was taken. Reinstall Chromium (Debian/Ubuntu: sudo apt install --reinstall chromium) or point STEWARD_CHROMIUM at a working browser.`, options);
  }
}

/** The browser to use: an explicit path, STEWARD_CHROMIUM, or Debian's /usr/bin/chromium. */
export function chromiumPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? env.STEWARD_CHROMIUM ?? DEFAULT_CHROMIUM_PATH;
}

export interface ChromiumSession {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(executablePath: string, viewport: { width: number; height: number }): Promise<ChromiumSession> {
  try {
    await access(executablePath, constants.X_OK);
  } catch (err) {
    throw new ChromiumMissingError(executablePath, { cause: err });
  }
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'steward-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport,
      deviceScaleFactor: 1,
      timeout: 60_000,
    });
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    throw new ChromiumLaunchError(executablePath, { cause: err, detail: err instanceof Error ? err.message.split('\n')[0] : String(err) });
  }
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
