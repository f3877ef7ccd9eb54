/**
 * The HR demo as `npm run demo` runs it, for the e2e tests: the demo company's services in the
 * test process (so they outlive a killed server, like the real outside world would), the demo
 * profile seeded in its own data folder and keychain namespace, and the real local server on it.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { demoDataDir, DEMO_PROFILE } from '../../../src-main/core/demo/demo-mode.js';
import { demoState } from '../../../src-main/core/demo/demo-viewer.js';
import { startDemoServices, type DemoServices } from '../../../src-main/core/demo/demo-services.js';
import { prepareDemoProfile } from '../../../src-main/core/demo/open-demo-profile.js';
import { startStewardServer, type StewardServer } from './steward-server.js';

export interface DemoWorld {
  services: DemoServices;
  dataDir: string;
  server: StewardServer;
  /** What the demo inbox, calendar and HR system hold now. */
  state(): ReturnType<typeof demoState>;
  /** Starts the server again on the same profile and port (after a kill), with the same services. */
  restart(): Promise<StewardServer>;
  close(): Promise<void>;
}

export async function startDemoWorld(home: string, env: Record<string, string> = {}): Promise<DemoWorld> {
  const services = await startDemoServices();
  const dataDir = demoDataDir(home);
  // Suites run side by side: each demo keeps its keys (calendar sign-in, HR system key) in its own keychain namespace.
  const keychainService = `Steward Demo ${path.basename(home)}`;
  try {
    await prepareDemoProfile(dataDir, services, keychainService);
    const serverEnv = { ...services.serverEnv, ...env, STEWARD_PROFILE: DEMO_PROFILE, STEWARD_KEYCHAIN_SERVICE: keychainService };
    const start = (port?: number) => startStewardServer({ home: dataDir, port, timeoutMs: 120_000, env: serverEnv });
    const world: DemoWorld = {
      services,
      dataDir,
      server: await start(),
      state: () => demoState(services),
      async restart() {
        world.server = await start(world.server.port);
        return world.server;
      },
      async close() {
        await world.server.stop();
        await services.close();
      },
    };
    return world;
  } catch (err) {
    await services.close();
    throw err;
  }
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
