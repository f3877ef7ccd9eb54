import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../../src-preload/contract.js';
import { createDashboardSession, type DashboardSession } from '../../../../src-renderer/state/dashboards/dashboard-stores.js';
import type { TestCore } from '../../../helpers/test-core.js';
import { useFreshCore } from '../support/fresh-core.js';
import type { InProcessApi } from '../support/in-process-api.js';
import { until } from './support/api-wrappers.js';

let t: TestCore;
let api: InProcessApi;
let session: DashboardSession;
let applied: Settings[];

useFreshCore((core, inProcess) => {
  t = core;
  api = inProcess;
  applied = [];
  session = createDashboardSession(api, (s) => applied.push(s));
});

describe('dashboard session', () => {
  it('keeps the settings screen in step with changes made elsewhere, until disconnected', async () => {
    const { settings } = session.stores;
    await settings.getState().load();
    const disconnect = session.connect();
    await t.core.request('settings.update', { patch: { theme: 'dark', budgets: { dailyUsd: 9 } } });
    expect(settings.getState().settings).toMatchObject({ theme: 'dark', budgets: { dailyUsd: 9 } });

    disconnect();
    await t.core.request('settings.update', { patch: { theme: 'light' } });
    expect(settings.getState().settings?.theme).toBe('dark');
  });

  it('a save from the settings screen reaches the shell at once', async () => {
    expect(await session.stores.settings.getState().update({ theme: 'light' })).toBe(true);
    expect(applied.map((s) => s.theme)).toEqual(['light']);
  });

  it('refreshes an open memory screen when memory changes, but loads nothing for a screen never opened', async () => {
    const disconnect = session.connect();
    try {
      await t.core.memory.remember("Bob Jones's email is bob@acme.com");
      await new Promise((r) => setTimeout(r, 50));
      expect(api.calls).not.toContain('memory.list');
      expect(session.stores.memory.getState().status).toBe('idle');

      await session.stores.memory.getState().load();
      expect(session.stores.memory.getState().total).toBe(1);
      await t.core.memory.remember('Sarah Lee is our CFO since 2023');
      await until(() => session.stores.memory.getState().total === 2, 'the memory list to follow the change');
    } finally {
      disconnect();
    }
  });

  it('routes download progress to the models screen', () => {
    const disconnect = session.connect();
    try {
      t.core.events.emit({ type: 'model.download', id: 'tiny-chat', fileName: 'tiny-chat.gguf', state: 'downloading', bytes: 500, total: 1000, bytesPerSecond: 250, etaSeconds: 2, error: null });
      expect(session.stores.models.getState().downloads['tiny-chat']).toMatchObject({ state: 'downloading', bytes: 500, total: 1000, etaSeconds: 2 });
    } finally {
      disconnect();
    }
  });
});
