/**
 * "Try the demo" is offered only by a host that passes a demo launcher to createCore (the local
 * server does); the core uses the one it was given and never looks one up elsewhere.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/app.js';
import type { Core } from '../../../src-main/core/core-types.js';
import type { DemoLauncher } from '../../../src-main/core/demo/demo-launcher.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { tempDir } from '../../helpers/test-core.js';

const opened: { core: Core; dir: string }[] = [];

async function coreWith(demoLauncher?: DemoLauncher): Promise<Core> {
  const dir = tempDir('steward-demo-port-');
  const core = await createCore({ profile: 'default', host: 'test', version: '0.0.0-test', dataDir: dir }, { secrets: createMemorySecretStore(), demoLauncher });
  opened.push({ core, dir });
  return core;
}

afterEach(async () => {
  for (const { core, dir } of opened.splice(0)) {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('the demo launcher port', () => {
  it('offers "Try the demo" and starts it through the launcher its host passed', async () => {
    let starts = 0;
    const core = await coreWith({ start: async () => ({ chatUrl: `http://127.0.0.1:7999/chat/#token=t${++starts}` }) });
    const status = await core.request('demo.status', {});
    expect(status).toMatchObject({ running: false, canStart: true, howToStart: 'Choose "Try the demo": it opens in a new tab, in its own profile.' });
    expect(await core.request('demo.start', {})).toEqual({ chatUrl: 'http://127.0.0.1:7999/chat/#token=t1' });
    expect(starts).toBe(1);
  });

  it('without a launcher says how to start the demo from a terminal, and two cores never share one', async () => {
    await coreWith({ start: async () => ({ chatUrl: 'http://127.0.0.1:7999/chat/' }) });
    const core = await coreWith();
    expect(await core.request('demo.status', {})).toMatchObject({ canStart: false, howToStart: expect.stringContaining('`npm run demo`') });
    const err = await core.request('demo.start', {}).catch((e) => e);
    expect(err.code).toBe('invalid_input');
    expect(err.userMessage).toBe('This app cannot start the demo by itself. Start the demo from a terminal in the Steward folder with `npm run demo`; it prints the link to open.');
  });
});
