/**
 * The HR demo as `npm run demo` runs it, as a browser suite: the demo company's services in the
 * test process (so they outlive a killed server, like the real outside world would), the demo
 * profile seeded in the suite's home under its own keychain namespace, then browserSuite()'s
 * real local server (on that profile), Chromium and the chat page.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEMO_PROFILE } from '../../../src-main/core/demo/demo-mode.js';
import { demoState } from '../../../src-main/core/demo/demo-viewer.js';
import { startDemoServices, type DemoServices } from '../../../src-main/core/demo/demo-services.js';
import { prepareDemoProfile } from '../../../src-main/core/demo/open-demo-profile.js';
import { browserSuite, type BrowserSuite } from './browser-suite.js';
import { scriptedProviderEnv } from './chat-page.js';
import { startStewardServer, type StewardServer } from './steward-server.js';

export interface DemoWorld {
  services: DemoServices;
  /** The suite's browser, page and problems; its server is the demo's (replaced by restart()). */
  e2e: BrowserSuite;
  /** STEWARD_HOME of the demo's server (the suite's home). */
  readonly dataDir: string;
  readonly server: StewardServer;
  /** What the demo inbox, calendar and HR system hold now. */
  state(): ReturnType<typeof demoState>;
  /** Starts the server again on the same profile, port and environment (after a kill), with the same services. */
  restart(): Promise<StewardServer>;
}

export interface DemoSuiteOptions {
  suite: string;
  timeoutMs: number;
  /** The scripted model's rules: the agent path. Without it the demo runs with no model (fixed rules). */
  script?: (file: string) => void;
}

/** Registers the suite's hooks (call inside describe); the world's fields are set by the time a test runs. */
export function hrDemoSuite(options: DemoSuiteOptions): DemoWorld {
  let services: DemoServices | undefined;
  let serverEnv: Record<string, string> = {};
  // Registered before browserSuite's hooks: the services start before the server and close after it.
  beforeAll(async () => {
    services = await startDemoServices();
  }, 60_000);
  afterAll(async () => {
    await services?.close();
  }, 30_000);
  // Suites run side by side: each demo keeps its keys (calendar sign-in, HR system key) in its own keychain namespace.
  const keychainService = (home: string) => `Steward Demo ${path.basename(home)}`;
  const e2e = browserSuite({
    suite: options.suite,
    timeoutMs: options.timeoutMs,
    prepareHome: async (home) => {
      await prepareDemoProfile(home, services!, keychainService(home));
    },
    env: (home) => {
      serverEnv = { ...services!.serverEnv, ...(options.script && scriptedProviderEnv(home, options.script)), STEWARD_PROFILE: DEMO_PROFILE, STEWARD_KEYCHAIN_SERVICE: keychainService(home) };
      return serverEnv;
    },
  });
  return {
    e2e,
    get services() {
      return services!;
    },
    get dataDir() {
      return e2e.home;
    },
    get server() {
      return e2e.server;
    },
    state: () => demoState(services!),
    async restart() {
      // browserSuite's afterAll stops whichever server the suite holds: the new one.
      e2e.server = await startStewardServer({ home: e2e.home, port: e2e.server.port, timeoutMs: 150_000, env: serverEnv });
      return e2e.server;
    },
  };
}

/** Every outside effect of onboarding Dana Lee, each exactly once: one employee, one welcome mail, one first-day event, one offer letter. */
export async function expectOnboardedOnce(world: DemoWorld): Promise<void> {
  const state = world.state();
  expect(world.services.hris.created()).toEqual([expect.objectContaining({ firstName: 'Dana', lastName: 'Lee', jobTitle: 'Senior Engineer', workEmail: 'dana.lee@acme.test' })]);
  expect(state.hris.filter((e) => e.displayName === 'Dana Lee')).toHaveLength(1);
  const welcome = state.inbox.filter((m) => m.to.includes('dana.lee@acme.test'));
  expect(welcome).toHaveLength(1);
  expect(welcome[0]!.subject).toBe('Welcome aboard, Dana!');
  expect(state.inbox).toHaveLength(1);
  expect(state.calendar).toEqual([expect.objectContaining({ summary: 'First day: welcome Dana Lee', attendees: ['dana.lee@acme.test'] })]);
  const letters = await offerLetters(world);
  expect(letters).toHaveLength(1);
  expect(letters[0]).toMatch(/offer-letter-dana-lee\.docx$/);
}

/** The .docx files the demo's workflow runs wrote, wherever the run's folder is. */
async function offerLetters(world: DemoWorld): Promise<string[]> {
  const root = path.join(world.dataDir, 'profiles', DEMO_PROFILE, 'workspace', 'workflows');
  if (!existsSync(root)) return [];
  const found = await readdir(root, { recursive: true });
  return found.filter((f) => f.endsWith('.docx')).map((f) => path.join(root, f));
}
