import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { resetFakeElectron, Tray, type FakeMenuItem } from './fake-electron.js';
import { createFakeCore, type FakeCore } from './fake-core.js';
import { createTray } from '../../../src-main/electron/tray.js';

let core: FakeCore;
const actions = { openWindow: vi.fn(), openQuickCommand: vi.fn(), quit: vi.fn() };

beforeEach(() => {
  resetFakeElectron();
  core = createFakeCore();
  for (const fn of Object.values(actions)) fn.mockReset();
});

const menu = (): FakeMenuItem[] => Tray.instances[0]?.menu?.items ?? [];
const item = (id: string): FakeMenuItem => {
  const found = menu().find((i) => i.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
};
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('tray', () => {
  it('shows Open, Quick command, Pause agent and Quit with the tray icon', async () => {
    await createTray({ core, iconPath: '/res/tray.png', actions });
    expect((Tray.instances[0]?.image as { path: string }).path).toBe('/res/tray.png');
    expect(menu().filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual(['Open Steward', 'Quick command', 'Pause agent', 'Quit Steward']);
    expect(item('quick-command').accelerator).toBe('CommandOrControl+Shift+Space');
  });

  it('menu items do what they say', async () => {
    await createTray({ core, iconPath: '/res/tray.png', actions });
    item('open').click?.({ checked: false });
    item('quick-command').click?.({ checked: false });
    item('quit').click?.({ checked: false });
    expect(actions.openWindow).toHaveBeenCalledOnce();
    expect(actions.openQuickCommand).toHaveBeenCalledOnce();
    expect(actions.quit).toHaveBeenCalledOnce();
  });

  it('Pause agent saves settings.agent.paused through the audited settings request and stays in step', async () => {
    await createTray({ core, iconPath: '/res/tray.png', actions });
    expect(item('pause-agent')).toMatchObject({ type: 'checkbox', checked: false });
    item('pause-agent').click?.({ checked: true });
    await flush();
    expect(core.settings.agent.paused).toBe(true);
    expect(core.calls.at(-1)).toEqual({ method: 'settings.update', input: { patch: { agent: { paused: true } } }, context: { actor: 'ui' } });
    expect(item('pause-agent').checked).toBe(true);
  });

  it('reflects a pause made elsewhere (e.g. the Settings page)', async () => {
    await createTray({ core, iconPath: '/res/tray.png', actions });
    await core.request('settings.update', { patch: { agent: { paused: true }, quickCommandShortcut: 'Alt+Space' } });
    expect(item('pause-agent').checked).toBe(true);
    expect(item('quick-command').accelerator).toBe('Alt+Space');
  });

  it('when saving fails, the checkbox goes back and the user is told why', async () => {
    await createTray({ core, iconPath: '/res/tray.png', actions });
    const notices: unknown[] = [];
    core.events.subscribe((e) => notices.push(e));
    core.failNextUpdate = true;
    item('pause-agent').click?.({ checked: true });
    await flush();
    expect(core.settings.agent.paused).toBe(false);
    expect(item('pause-agent').checked).toBe(false);
    expect(notices).toEqual([{ type: 'notification', level: 'error', title: 'Could not pause the agent', body: 'The database is busy; try again.' }]);
  });

  it('a left click on the icon opens the window; dispose removes the icon', async () => {
    const tray = await createTray({ core, iconPath: '/res/tray.png', actions });
    Tray.instances[0]?.emit('click');
    expect(actions.openWindow).toHaveBeenCalledOnce();
    tray.dispose();
    expect(Tray.instances[0]?.destroyed).toBe(true);
    expect(core.events.size).toBe(0);
  });
});
