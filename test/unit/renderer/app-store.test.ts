import { describe, expect, it } from 'vitest';
import type { StewardApi } from '../../../src-preload/contract.js';
import { SettingsSchema, type Settings } from '../../../src-preload/schemas/settings.js';
import { createAppStore, themeOf } from '../../../src-renderer/state/app-store.js';

const settings = (theme: Settings['theme']): Settings => SettingsSchema.parse({ theme });

describe('app store', () => {
  it('a load that was already on its way never undoes settings pushed by an event (the theme stays as chosen)', async () => {
    let answerSettings: (value: Settings) => void = () => {};
    const api = {
      call: (method: string) =>
        method === 'settings.get'
          ? new Promise<Settings>((resolve) => (answerSettings = resolve))
          : Promise.resolve({ version: '0.1.0', profile: 'default', dataDir: '/tmp/x', host: 'server' }),
      onEvent: () => () => {},
      onConnectionChange: () => () => {},
    } as unknown as StewardApi;
    const store = createAppStore(api);

    const loading = store.getState().load();
    // The user picks dark while the first load is still out; the event arrives first.
    store.getState().applySettings(settings('dark'));
    answerSettings(settings('system'));
    await loading;
    expect(themeOf(store.getState())).toBe('dark');
    expect(store.getState().info).not.toBeNull();

    // A load that starts after the push takes the server's answer as usual.
    const next = store.getState().load();
    answerSettings(settings('light'));
    await next;
    expect(themeOf(store.getState())).toBe('light');
  });
});
