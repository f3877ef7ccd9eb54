import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { BrowserWindow, fakeFrame, globalShortcut, ipcMain, resetFakeElectron, session, Tray } from './fake-electron.js';
import { createFakeCore, type FakeCore } from './fake-core.js';
import { methodChannel } from '../../../src-preload/channels.js';
import type { NotificationRequest } from '../../../src-main/core/ports.js';
import { startDesktopShell, type DesktopShell } from '../../../src-main/electron/desktop-shell.js';
import type { RendererLocation } from '../../../src-main/electron/renderer-location.js';
import type { UpdaterLike } from '../../../src-main/electron/updater.js';

const indexPath = path.resolve('/opt/steward/out/renderer/index.html');
const location: RendererLocation = { kind: 'file', indexPath };

class IdleUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = false;
  allowPrerelease = false;
  allowDowngrade = false;
  setFeedURL(): void {}
  async checkForUpdates(): Promise<null> {
    return null;
  }
  async downloadUpdate(): Promise<string[]> {
    return [];
  }
}

let dir: string;
let core: FakeCore;
let shell: DesktopShell;
let notified: NotificationRequest[];
const quitApp = vi.fn();

beforeEach(async () => {
  resetFakeElectron();
  dir = mkdtempSync(path.join(os.tmpdir(), 'steward-shell-'));
  core = createFakeCore();
  notified = [];
  shell = await startDesktopShell({
    core,
    notifier: { notify: (r) => notified.push(r) },
    location,
    preloadPath: '/opt/steward/out/preload/index.cjs',
    resourcesDir: '/opt/steward/resources',
    profileDir: dir,
    version: '1.2.3',
    quitApp,
    updater: new IdleUpdater() as unknown as UpdaterLike,
  });
});
afterEach(() => {
  shell.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const [mainIndex, quickIndex] = [0, 1];

describe('desktop shell wiring', () => {
  it('starts with a hardened session, the main and quick windows, tray and shortcut', () => {
    expect(session.defaultSession.headersListener).not.toBeNull();
    expect(BrowserWindow.instances).toHaveLength(2);
    expect(BrowserWindow.instances[quickIndex]?.loaded).toMatchObject({ options: { hash: '/quick' } });
    expect(Tray.instances).toHaveLength(1);
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Shift+Space']);
  });

  it('the shortcut toggles the quick window; its sent message closes it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const quick = BrowserWindow.instances[quickIndex];
    globalShortcut.registered.get('CommandOrControl+Shift+Space')?.();
    expect(quick?.isVisible()).toBe(true);
    const handler = ipcMain.handlers.get(methodChannel('chat.send')) as unknown as (e: unknown, p: unknown) => Promise<{ ok: boolean }>;
    const result = await handler({ senderFrame: fakeFrame(`file://${indexPath}#/quick`), sender: quick?.webContents }, { text: 'Book a table for two at 7' });
    expect(result.ok).toBe(true);
    vi.runAllTimers();
    vi.useRealTimers();
    expect(quick?.isVisible()).toBe(false);
    expect(core.calls.at(-1)).toMatchObject({ method: 'chat.send', context: { actor: 'ui' } });
  });

  it('closing the main window hides it to the tray until the app is quitting', () => {
    const main = BrowserWindow.instances[mainIndex];
    main?.show();
    let prevented = false;
    main?.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(main?.isVisible()).toBe(false);
    shell.markQuitting();
    prevented = false;
    main?.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
  });

  it('notices become OS notifications only while Steward is not focused, and not when turned off', async () => {
    core.events.emit({ type: 'notification', level: 'info', title: 'Invoice sent', body: 'ACME, $1,200' });
    expect(notified.map((n) => n.title)).toEqual(['Invoice sent']);
    BrowserWindow.instances[mainIndex]?.focus();
    core.events.emit({ type: 'notification', level: 'info', title: 'Seen in app', body: '' });
    expect(notified).toHaveLength(1);
    BrowserWindow.instances[mainIndex]!.focused = false;
    await core.request('settings.update', { patch: { notifications: { enabled: false } } });
    core.events.emit({ type: 'notification', level: 'info', title: 'Muted', body: '' });
    expect(notified).toHaveLength(1);
    expect(shell.notificationsEnabled()).toBe(false);
  });

  it('the tray Quit item quits the app', () => {
    Tray.instances[0]?.menu?.items.find((i) => i.id === 'quit')?.click?.({ checked: false });
    expect(quitApp).toHaveBeenCalled();
  });
});
