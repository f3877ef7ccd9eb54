import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { globalShortcut, resetFakeElectron } from './fake-electron.js';
import { createFakeCore, type FakeCore } from './fake-core.js';
import { bindQuickCommandShortcut, registerShortcut } from '../../../src-main/electron/global-shortcut.js';
import type { StewardEvent } from '../../../src-preload/contract.js';

let core: FakeCore;
let notices: StewardEvent[];
beforeEach(() => {
  resetFakeElectron();
  core = createFakeCore();
  notices = [];
  core.events.subscribe((e) => {
    if (e.type === 'notification') notices.push(e);
  });
});

describe('quick command shortcut', () => {
  it('registers the default Ctrl/Cmd+Shift+Space and pressing it opens the quick window', () => {
    const onPress = vi.fn();
    const binding = bindQuickCommandShortcut(core, core.settings.quickCommandShortcut, onPress);
    expect(binding.current()).toEqual({ ok: true, accelerator: 'CommandOrControl+Shift+Space' });
    globalShortcut.registered.get('CommandOrControl+Shift+Space')?.();
    expect(onPress).toHaveBeenCalledOnce();
    expect(notices).toEqual([]);
  });

  it('when another app owns the shortcut: a clear message, as a result and a notification, no crash', () => {
    globalShortcut.taken.add('CommandOrControl+Shift+Space');
    const binding = bindQuickCommandShortcut(core, 'CommandOrControl+Shift+Space', vi.fn());
    const expected = 'The shortcut CommandOrControl+Shift+Space is taken by another app; choose another in Settings.';
    expect(binding.current()).toEqual({ ok: false, accelerator: 'CommandOrControl+Shift+Space', message: expected });
    expect(notices).toEqual([{ type: 'notification', level: 'warning', title: 'Quick command shortcut unavailable', body: expected }]);
  });

  it('an accelerator Electron throws on is reported, not thrown', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    globalShortcut.invalid.add('Hyper+Q');
    const result = registerShortcut('Hyper+Q', vi.fn());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/The shortcut Hyper\+Q .*choose another in Settings/);
  });

  it('re-registers when the setting changes, releasing the old shortcut', async () => {
    bindQuickCommandShortcut(core, core.settings.quickCommandShortcut, vi.fn());
    await core.request('settings.update', { patch: { quickCommandShortcut: 'Alt+Space' } });
    expect([...globalShortcut.registered.keys()]).toEqual(['Alt+Space']);
  });

  it('a refused new shortcut keeps the old one working and says so once', async () => {
    globalShortcut.taken.add('Alt+Space');
    bindQuickCommandShortcut(core, core.settings.quickCommandShortcut, vi.fn());
    await core.request('settings.update', { patch: { quickCommandShortcut: 'Alt+Space' } });
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Shift+Space']);
    expect(notices.map((n) => n.type === 'notification' && n.body)).toEqual(['The shortcut Alt+Space is taken by another app; choose another in Settings.']);
    // An unrelated settings change does not repeat the warning.
    await core.request('settings.update', { patch: { theme: 'dark' } });
    expect(notices).toHaveLength(1);
  });

  it('dispose releases the shortcut', () => {
    const binding = bindQuickCommandShortcut(core, 'Alt+Q', vi.fn());
    binding.dispose();
    expect(globalShortcut.registered.size).toBe(0);
  });
});
