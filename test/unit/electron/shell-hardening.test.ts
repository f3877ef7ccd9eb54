import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { app, BrowserWindow, calls, fakeFrame, FakeSession, FakeWebContents, ipcMain, resetFakeElectron, type FakeMenuItem } from './fake-electron.js';
import { createFakeCore, type FakeCore } from './fake-core.js';
import { methodChannel, METHOD_NAMES, type MethodName } from '../../../src-preload/channels.js';
import { startDesktopShell, type DesktopShell } from '../../../src-main/electron/desktop-shell.js';
import { applicationMenuTemplate } from '../../../src-main/electron/app-menu.js';
import { quickWindowMayCall } from '../../../src-main/electron/quick-window-methods.js';
import type { RendererLocation } from '../../../src-main/electron/renderer-location.js';
import type { UpdaterLike } from '../../../src-main/electron/updater.js';

const indexPath = path.resolve('/opt/steward/out/renderer/index.html');
const location: RendererLocation = { kind: 'file', indexPath };
const appUrl = `file://${indexPath}`;

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

const start = async (kind: 'file' | 'dev' = 'file') => {
  shell = await startDesktopShell({
    core,
    notifier: { notify: () => undefined },
    location: kind === 'file' ? location : { kind: 'dev', url: 'http://localhost:5173/' },
    preloadPath: '/opt/steward/out/preload/index.cjs',
    resourcesDir: '/opt/steward/resources',
    profileDir: dir,
    version: '1.2.3',
    quitApp: () => undefined,
    updater: new IdleUpdater() as unknown as UpdaterLike,
  });
};

beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(path.join(os.tmpdir(), 'steward-shell-'));
  core = createFakeCore();
});
afterEach(() => {
  shell.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const flatten = (items: FakeMenuItem[]): FakeMenuItem[] => items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);
type Invoke = (event: unknown, payload: unknown) => Promise<{ ok: boolean; error?: { code: string; message: string } }>;
const invoke = (method: MethodName, payload: unknown, sender: BrowserWindow, route = '') =>
  (ipcMain.handlers.get(methodChannel(method)) as unknown as Invoke)({ senderFrame: fakeFrame(`${appUrl}${route}`), sender: sender.webContents }, payload);
const [mainIndex, quickIndex] = [0, 1];

describe('desktop shell hardening', () => {
  it('ships a menu without DevTools or reload, and windows with devTools off', async () => {
    await start();
    const roles = flatten(calls.applicationMenu ?? []).map((i) => i.role);
    expect(roles).toContain('copy');
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
    for (const win of BrowserWindow.instances) expect(win.options.webPreferences?.devTools).toBe(false);
    // In development both come back.
    expect(flatten(applicationMenuTemplate({ platform: 'linux', development: true }) as FakeMenuItem[]).map((i) => i.role)).toContain('toggleDevTools');
  });

  it('keeps DevTools for `electron-vite dev`', async () => {
    await start('dev');
    for (const win of BrowserWindow.instances) expect(win.options.webPreferences?.devTools).toBe(true);
  });

  it('guards every web contents and session the app creates later, not only its own windows', async () => {
    await start();
    const later = new FakeWebContents();
    app.emit('web-contents-created', {}, later);
    expect(later.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(later.fireCancellable('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(later.fireCancellable('will-attach-webview', {})).toBe(true);
    const laterSession = new FakeSession();
    app.emit('session-created', laterSession);
    expect((laterSession.permissionCheckHandler as unknown as () => boolean)()).toBe(false);
    expect(laterSession.headersListener).not.toBeNull();
  });

  it('gives the quick window only what it needs: send, answer approvals and questions, read', async () => {
    await start();
    const quick = BrowserWindow.instances[quickIndex]!;
    expect((await invoke('chat.send', { text: 'Book a table' }, quick, '#/quick')).ok).toBe(true);
    const refused = await invoke('settings.update', { patch: { agent: { paused: true } } }, quick, '#/quick');
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('main Steward window') } });
    expect(core.settings.agent.paused).toBe(false);
    // The same request from the main window works.
    expect((await invoke('settings.update', { patch: { agent: { paused: true } } }, BrowserWindow.instances[mainIndex]!)).ok).toBe(true);
    const allowedChanges = METHOD_NAMES.filter((m) => quickWindowMayCall(m) && ['chat.send', 'approvals.respond', 'clarifications.answer'].includes(m));
    expect(allowedChanges.sort()).toEqual(['approvals.respond', 'chat.send', 'clarifications.answer']);
    for (const m of ['llm.setCloudKey', 'memory.clear', 'models.delete', 'tools.setPermission', 'audit.list', 'memory.export'] as MethodName[]) {
      if ((METHOD_NAMES as readonly string[]).includes(m)) expect(quickWindowMayCall(m), m).toBe(false);
    }
  });

  it('changes the update feed only after the owner confirms in a main-process dialog', async () => {
    await start();
    const main = BrowserWindow.instances[mainIndex]!;
    const patch = { patch: { updates: { feedUrl: 'https://attacker.example/feed' } } };
    calls.messageBoxAnswer = 0; // "Keep the current source"
    expect(await invoke('settings.update', patch, main)).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('confirmation') } });
    expect(core.settings.updates.feedUrl).toBeNull();
    expect(calls.messageBoxes.at(-1)).toMatchObject({ message: 'Install future updates from https://attacker.example/feed?' });
    calls.messageBoxAnswer = 1; // "Change the update source"
    expect((await invoke('settings.update', patch, main)).ok).toBe(true);
    expect(core.settings.updates.feedUrl).toBe('https://attacker.example/feed');
    // Other settings need no dialog.
    const boxes = calls.messageBoxes.length;
    expect((await invoke('settings.update', { patch: { theme: 'dark' } }, main)).ok).toBe(true);
    expect(calls.messageBoxes).toHaveLength(boxes);
  });

  it('"Open to approve" in the quick window opens that conversation in the main window instead of a dead file: link', async () => {
    await start();
    const [main, quick] = [BrowserWindow.instances[mainIndex]!, BrowserWindow.instances[quickIndex]!];
    const answer = quick.webContents.windowOpenHandler?.({ url: `${appUrl}#/c/conv-42` });
    expect(answer).toEqual({ action: 'deny' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(main.loaded).toMatchObject({ kind: 'file', options: { hash: '/c/conv-42' } });
    expect(main.isVisible()).toBe(true);
    expect(calls.openExternal).toEqual([]);
    // A file: URL outside the app is still refused, and never opened anywhere.
    quick.webContents.windowOpenHandler?.({ url: 'file:///etc/passwd' });
    expect(calls.openExternal).toEqual([]);
  });
});
