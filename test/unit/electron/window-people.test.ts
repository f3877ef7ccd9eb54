/**
 * Switch profile in the desktop app: after a person signs in through the bridge, that window's
 * calls act for them (the core then checks their role); other windows stay the owner's; signing
 * out returns the window to the owner.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { BrowserWindow, fakeFrame, ipcMain, resetFakeElectron } from './fake-electron.js';
import { createFakeCore, type FakeCore } from './fake-core.js';
import { methodChannel, type MethodName } from '../../../src-preload/contract.js';
import { registerIpcBridge } from '../../../src-main/electron/ipc-bridge.js';
import { WindowPeople } from '../../../src-main/electron/window-people.js';

const indexPath = path.resolve('/opt/steward/out/renderer/index.html');
const appUrl = pathToFileURL(indexPath).toString();

let core: FakeCore;
beforeEach(() => {
  resetFakeElectron();
  core = createFakeCore();
});

describe('who a desktop window acts for', () => {
  it('a window where Priya signed in acts for her until she signs out; another window stays the owner’s', async () => {
    const signedIn = { person: { id: 'p-priya', email: 'priya@acme.test', name: 'Priya Shah' }, token: 'stw_session' };
    const fake = core.call;
    core.call = (async (method: MethodName, input: unknown, context: never) => {
      const value = await fake(method, input, context);
      return method === 'people.signIn' ? signedIn : value;
    }) as FakeCore['call'];
    registerIpcBridge({ core, location: { kind: 'file', indexPath } });
    const priyaWindow = new BrowserWindow({}).webContents;
    const ownerWindow = new BrowserWindow({}).webContents;
    const invoke = (sender: unknown, method: MethodName, payload: unknown) =>
      (ipcMain.handlers.get(methodChannel(method)) as unknown as (e: unknown, p: unknown) => Promise<unknown>)({ senderFrame: fakeFrame(appUrl), sender }, payload);

    await invoke(priyaWindow, 'people.signIn', { email: 'priya@acme.test', password: 'priya-password-1' });
    await invoke(priyaWindow, 'chat.send', { text: 'approve the offer' });
    await invoke(ownerWindow, 'chat.send', { text: 'hello' });
    await invoke(priyaWindow, 'people.signOut', { token: 'stw_session' });
    await invoke(priyaWindow, 'chat.send', { text: 'back to the owner' });

    expect(core.calls.map((c) => [c.method, c.context])).toEqual([
      ['people.signIn', { actor: 'ui' }],
      ['chat.send', { actor: 'person:priya@acme.test', personId: 'p-priya' }],
      ['chat.send', { actor: 'ui' }],
      ['people.signOut', { actor: 'person:priya@acme.test', personId: 'p-priya' }],
      ['chat.send', { actor: 'ui' }],
    ]);
  });

  it('a failed or odd sign-in answer changes nothing', () => {
    const people = new WindowPeople();
    people.observe(1, 'people.signIn', null);
    people.observe(1, 'people.signIn', { person: { id: 7 } });
    people.observe(1, 'chat.send', { person: { id: 'x', email: 'x@y.z' } });
    expect(people.contextFor(1)).toEqual({ actor: 'ui' });
  });
});
