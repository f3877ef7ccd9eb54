import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { BrowserWindow, fakeFrame, ipcMain, resetFakeElectron } from './fake-electron.js';
import { createFakeCore, type FakeCore } from './fake-core.js';
import { EVENT_CHANNEL, METHOD_NAMES, methodChannel, type BridgeResult } from '../../../src-preload/contract.js';
import { registerIpcBridge } from '../../../src-main/electron/ipc-bridge.js';
import type { RendererLocation } from '../../../src-main/electron/renderer-location.js';

const indexPath = path.resolve('/opt/steward/out/renderer/index.html');
const location: RendererLocation = { kind: 'file', indexPath };
const appUrl = pathToFileURL(indexPath).toString();

let core: FakeCore;
beforeEach(() => {
  resetFakeElectron();
  core = createFakeCore();
});

async function invoke(method: (typeof METHOD_NAMES)[number], payload: unknown, frameUrl: string | null = appUrl, child = false): Promise<BridgeResult<unknown>> {
  const handler = ipcMain.handlers.get(methodChannel(method));
  if (!handler) throw new Error(`no handler for ${method}`);
  const sender = new BrowserWindow({}).webContents;
  const event = { senderFrame: frameUrl === null ? null : fakeFrame(frameUrl, { child }), sender };
  return (await (handler as unknown as (e: unknown, p: unknown) => Promise<BridgeResult<unknown>>)(event, payload)) as BridgeResult<unknown>;
}

describe('IPC bridge', () => {
  it('registers exactly one handler per contract method', () => {
    registerIpcBridge({ core, location });
    expect([...ipcMain.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(methodChannel).sort());
  });

  it('forwards a valid call from the app window to the core as the ui actor', async () => {
    registerIpcBridge({ core, location });
    const result = await invoke('chat.send', { text: 'Draft an offer letter for Sam' }, `${appUrl}#/chat`);
    expect(result.ok).toBe(true);
    expect(result.ok && (result.value as { message: { text: string } }).message.text).toBe('Draft an offer letter for Sam');
    expect(core.calls).toEqual([{ method: 'chat.send', input: { text: 'Draft an offer letter for Sam' }, context: { actor: 'ui' } }]);
  });

  it('rejects a call from a foreign page without reaching the core', async () => {
    registerIpcBridge({ core, location });
    for (const url of ['https://evil.example/', 'file:///tmp/index.html', 'about:blank']) {
      const result = await invoke('settings.update', { patch: { agent: { paused: true } } }, url);
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(core.calls).toEqual([]);
  });

  it('rejects a call whose frame is gone or is an iframe inside the app', async () => {
    registerIpcBridge({ core, location });
    expect(await invoke('app.info', {}, null)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await invoke('app.info', {}, appUrl, true)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(core.calls).toEqual([]);
  });

  it('rejects an invalid payload with an error naming the field, and changes nothing', async () => {
    registerIpcBridge({ core, location });
    const result = await invoke('conversations.rename', { id: 'c1', title: '   ' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues?.[0]?.path).toBe('title');
    expect(result.error.message).toContain('title');
    expect(core.calls).toEqual([]);
  });

  it('rejects unknown fields (strict schemas)', async () => {
    registerIpcBridge({ core, location });
    const result = await invoke('settings.get', { sneaky: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('tells the host about successful calls (the quick window hides after sending)', async () => {
    const succeeded: string[] = [];
    registerIpcBridge({ core, location, onCallSucceeded: (method) => succeeded.push(method) });
    await invoke('chat.send', { text: 'hi' });
    await invoke('chat.send', { text: '' });
    expect(succeeded).toEqual(['chat.send']);
  });

  it('forwards core events to app windows only', () => {
    registerIpcBridge({ core, location });
    const appWindow = new BrowserWindow({});
    appWindow.webContents.url = `${appUrl}#/quick`;
    const foreign = new BrowserWindow({});
    foreign.webContents.url = 'https://example.com/';
    core.events.emit({ type: 'notification', level: 'info', title: 'Hello', body: 'World' });
    expect(appWindow.webContents.sent).toEqual([{ channel: EVENT_CHANNEL, payload: { type: 'notification', level: 'info', title: 'Hello', body: 'World' } }]);
    expect(foreign.webContents.sent).toEqual([]);
  });

  it('a window where a person signed in gets only the events the people rule lets through; without the rule, none', async () => {
    const base = core.call;
    core.call = (async (method: (typeof METHOD_NAMES)[number], input: unknown, context: never) =>
      method === 'people.signIn' ? { person: { id: 'p-sam', email: 'sam@acme.test' }, token: 'session' } : base(method, input as never, context)) as typeof core.call;
    const signInFrom = async (win: InstanceType<typeof BrowserWindow>) => {
      const handler = ipcMain.handlers.get(methodChannel('people.signIn')) as unknown as (e: unknown, p: unknown) => Promise<BridgeResult<unknown>>;
      expect(await handler({ senderFrame: fakeFrame(appUrl), sender: win.webContents }, { email: 'sam@acme.test', password: 'correct horse battery' })).toMatchObject({ ok: true });
    };
    const asked: string[] = [];
    const bridge = registerIpcBridge({ core, location, eventVisibleTo: (personId, event) => (asked.push(personId), event.type === 'settings.changed') });
    const owner = new BrowserWindow({});
    owner.webContents.url = appUrl;
    const sams = new BrowserWindow({});
    sams.webContents.url = appUrl;
    await signInFrom(sams);
    const secret = { type: 'notification', level: 'info', title: 'Owner only', body: 'owner-secret' } as const;
    core.events.emit(secret);
    await core.call('settings.update', { patch: { agent: { paused: true } } }, { actor: 'ui' });
    expect(owner.webContents.sent.map((s) => (s.payload as { type: string }).type)).toEqual(['notification', 'settings.changed']);
    expect(sams.webContents.sent.map((s) => (s.payload as { type: string }).type)).toEqual(['settings.changed']);
    expect(asked).toEqual(['p-sam', 'p-sam']);
    bridge.dispose();

    // Fail closed: a bridge without the rule sends a person's window nothing.
    resetFakeElectron();
    registerIpcBridge({ core, location });
    const alone = new BrowserWindow({});
    alone.webContents.url = appUrl;
    await signInFrom(alone);
    core.events.emit(secret);
    expect(alone.webContents.sent).toEqual([]);
  });

  it('the quick-command window acts for the owner, even after a person signed in to the main window, and cannot sign in itself', async () => {
    const base = core.call;
    core.call = (async (method: (typeof METHOD_NAMES)[number], input: unknown, context: never) =>
      method === 'people.signIn' ? { person: { id: 'p-sam', email: 'sam@acme.test' }, token: 'session' } : base(method, input as never, context)) as typeof core.call;
    const main = new BrowserWindow({});
    const quick = new BrowserWindow({});
    registerIpcBridge({ core, location, isQuickWindow: (sender) => sender.id === quick.webContents.id });
    const call = (method: (typeof METHOD_NAMES)[number], payload: unknown, win: InstanceType<typeof BrowserWindow>) =>
      (ipcMain.handlers.get(methodChannel(method)) as unknown as (e: unknown, p: unknown) => Promise<BridgeResult<unknown>>)({ senderFrame: fakeFrame(appUrl), sender: win.webContents }, payload);

    expect(await call('people.signIn', { email: 'sam@acme.test', password: 'correct horse battery' }, main)).toMatchObject({ ok: true });
    await call('chat.send', { text: 'from the main window' }, main);
    await call('chat.send', { text: 'from the quick window' }, quick);
    expect(core.calls.filter((c) => c.method === 'chat.send').map((c) => [(c.input as { text: string }).text, c.context])).toEqual([
      ['from the main window', { actor: 'person:sam@acme.test', personId: 'p-sam' }],
      ['from the quick window', { actor: 'ui' }],
    ]);
    expect(await call('people.signIn', { email: 'sam@acme.test', password: 'correct horse battery' }, quick)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: 'The quick-command window cannot use "people.signIn". Open the main Steward window for that.' },
    });
  });

  it('dispose removes every handler and stops forwarding', () => {
    const bridge = registerIpcBridge({ core, location });
    bridge.dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(core.events.size).toBe(0);
  });
});
