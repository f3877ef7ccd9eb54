import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../../src-preload/contract.js';
import { createSettingsStore, type SettingsStore } from '../../../../src-renderer/state/dashboards/settings-store.js';
import type { TestCore } from '../../../helpers/test-core.js';
import { useFreshCore } from '../support/fresh-core.js';
import type { InProcessApi } from '../support/in-process-api.js';
import { failing, LOST_CONNECTION } from './support/api-wrappers.js';

let t: TestCore;
let api: InProcessApi;
let saved: Settings[];
let store: SettingsStore;

useFreshCore((core, inProcess) => {
  t = core;
  api = inProcess;
  saved = [];
  store = createSettingsStore(api, (s) => saved.push(s));
});

describe('settings store', () => {
  it('loads the saved settings, and saves a change the core keeps', async () => {
    await store.getState().load();
    expect(store.getState().settings).toMatchObject({ theme: 'system', budgets: { dailyUsd: 5, perTaskUsd: 1 } });

    expect(await store.getState().update({ theme: 'dark', budgets: { dailyUsd: 12.5 } })).toBe(true);
    expect(store.getState()).toMatchObject({ settings: { theme: 'dark', budgets: { dailyUsd: 12.5, perTaskUsd: 1 } }, fieldErrors: {}, saveError: null });
    expect(store.getState().savedAt).not.toBeNull();
    // The shell applies the theme at once from the saved settings.
    expect(saved.map((s) => s.theme)).toEqual(['dark']);
    expect(t.core.settings.get().budgets.dailyUsd).toBe(12.5);
  });

  it('shows a refused budget next to its own field and keeps the previous value', async () => {
    await store.getState().load();
    expect(await store.getState().update({ budgets: { dailyUsd: -1, perTaskUsd: 2 } })).toBe(false);
    const s = store.getState();
    expect(s.fieldErrors).toEqual({ 'budgets.dailyUsd': 'must not be negative' });
    expect(s.fieldErrors['budgets.perTaskUsd']).toBeUndefined();
    expect(s.saveError).toMatch(/Settings not saved: budgets\.dailyUsd must not be negative/);
    expect(s.settings?.budgets.dailyUsd).toBe(5);
    expect(s.savedAt).toBeNull();
    expect(saved).toEqual([]);
    expect(t.core.settings.get().budgets).toEqual({ dailyUsd: 5, perTaskUsd: 1 });

    // Editing the field clears its message; the next good save clears everything.
    store.getState().clearFieldError('budgets.dailyUsd');
    expect(store.getState().fieldErrors).toEqual({});
    expect(await store.getState().update({ budgets: { dailyUsd: 3 } })).toBe(true);
    expect(store.getState()).toMatchObject({ saveError: null, settings: { budgets: { dailyUsd: 3 } } });
  });

  it('maps each refused SMTP field to its own input (first message per field)', async () => {
    expect(await store.getState().update({ integrations: { smtp: { host: '', port: 0, from: 'not-an-address' } } } as never)).toBe(false);
    expect(store.getState().fieldErrors).toEqual({
      'integrations.smtp.host': 'must not be empty',
      'integrations.smtp.port': 'must be between 1 and 65535',
      'integrations.smtp.from': 'must be the sender address, such as you@example.com',
    });
    // Fixing one field clears only that one's message.
    store.getState().clearFieldError('integrations.smtp.port');
    expect(Object.keys(store.getState().fieldErrors).sort()).toEqual(['integrations.smtp.from', 'integrations.smtp.host']);
    expect(t.core.settings.get().integrations.smtp).toBeNull();

    const smtp = { host: 'smtp.example.com', port: 465, security: 'tls', user: 'me@example.com', from: 'me@example.com' };
    expect(await store.getState().update({ integrations: { smtp } } as never)).toBe(true);
    expect(store.getState().fieldErrors).toEqual({});
    expect(store.getState().settings?.integrations.smtp).toMatchObject(smtp);
  });

  it('says why settings could not be loaded, and loads them on retry', async () => {
    const broken = failing(api, 'settings.get');
    const offline = createSettingsStore(broken);
    await offline.getState().load();
    expect(offline.getState()).toMatchObject({ settings: null, loadError: LOST_CONNECTION });
    broken.heal();
    await offline.getState().load();
    expect(offline.getState().loadError).toBeNull();
    expect(offline.getState().settings?.theme).toBe('system');
  });

  it('a save that never reached the core is a whole-form error, not a field error', async () => {
    const offline = createSettingsStore(failing(api, 'settings.update'));
    await offline.getState().load();
    expect(await offline.getState().update({ theme: 'light' })).toBe(false);
    expect(offline.getState()).toMatchObject({ fieldErrors: {}, saveError: LOST_CONNECTION, settings: { theme: 'system' } });
  });

  it('follows settings changed elsewhere (settings.changed)', async () => {
    await store.getState().load();
    const other = await t.core.request('settings.update', { patch: { theme: 'light' } });
    store.getState().applySettings(other);
    expect(store.getState().settings?.theme).toBe('light');
  });

  it('changes a tool permission, and says why an unknown tool was refused', async () => {
    await store.getState().loadTools();
    const tools = store.getState().tools;
    expect(tools.length).toBeGreaterThan(0);
    const tool = tools.find((x) => x.permission !== 'never') ?? tools[0]!;
    expect(await store.getState().setPermission(tool.name, 'never')).toBe(true);
    expect(store.getState().tools.find((x) => x.name === tool.name)?.permission).toBe('never');
    // The core keeps it: a fresh load shows the same.
    const fresh = createSettingsStore(api);
    await fresh.getState().loadTools();
    expect(fresh.getState().tools.find((x) => x.name === tool.name)?.permission).toBe('never');

    expect(await store.getState().setPermission('no.such.tool', 'always')).toBe(false);
    expect(store.getState().toolErrors['no.such.tool']).toMatch(/not found/i);
    expect(store.getState().toolErrors[tool.name]).toBeUndefined();
  });

  it('says why the tools could not be listed', async () => {
    const offline = createSettingsStore(failing(api, 'tools.list'));
    await offline.getState().loadTools();
    expect(offline.getState()).toMatchObject({ tools: [], toolsError: LOST_CONNECTION });
  });
});
