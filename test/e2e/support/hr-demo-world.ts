/**
 * The HR demo as `npm run demo` runs it, for the e2e tests: the demo company's services in the
 * test process (so they outlive a killed server, like the real outside world would), the demo
 * profile seeded in its own data folder and keychain namespace, and the real local server on it.
 */
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
  /** Starts the server again on the same profile (after a kill), with the same services. */
  restart(): Promise<StewardServer>;
  close(): Promise<void>;
}

export async function startDemoWorld(home: string, env: Record<string, string> = {}): Promise<DemoWorld> {
  const services = await startDemoServices();
  const dataDir = demoDataDir(home);
  try {
    await prepareDemoProfile(dataDir, services);
    const start = () => startStewardServer({ home: dataDir, timeoutMs: 120_000, env: { ...services.serverEnv, ...env, STEWARD_PROFILE: DEMO_PROFILE } });
    const world: DemoWorld = {
      services,
      dataDir,
      server: await start(),
      state: () => demoState(services),
      async restart() {
        world.server = await start();
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
