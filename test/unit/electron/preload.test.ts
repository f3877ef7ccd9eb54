import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { contextBridge, ipcRenderer, resetFakeElectron } from './fake-electron.js';
import { EVENT_CHANNEL, METHOD_NAMES, methodChannel } from '../../../src-preload/channels.js';

type Bridge = Record<string, unknown> & { onEvent: (listener: (event: unknown) => void) => () => void };

let bridge: Bridge;
beforeAll(async () => {
  resetFakeElectron();
  await import('../../../src-preload/index.js');
  bridge = contextBridge.exposed.get('steward') as Bridge;
});

describe('preload bridge', () => {
  it('exposes window.steward and nothing else', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['steward']);
  });

  it('has exactly one function per contract method plus onEvent', () => {
    expect(Object.keys(bridge).sort()).toEqual([...METHOD_NAMES, 'onEvent'].sort());
    for (const key of Object.keys(bridge)) expect(typeof bridge[key]).toBe('function');
  });

  it('never hands ipcRenderer (or its methods) to the page', () => {
    const values = Object.values(bridge);
    expect(values).not.toContain(ipcRenderer);
    expect(values).not.toContain(ipcRenderer.invoke);
    expect(values).not.toContain(ipcRenderer.on);
    for (const raw of ['ipcRenderer', 'invoke', 'send', 'on', 'sendSync']) expect(bridge).not.toHaveProperty(raw);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('each method invokes its own channel with the input', async () => {
    await (bridge['chat.send'] as (i: unknown) => Promise<unknown>)({ text: 'hello' });
    await (bridge['settings.get'] as (i?: unknown) => Promise<unknown>)();
    expect(ipcRenderer.invoked).toEqual([
      { channel: methodChannel('chat.send'), input: { text: 'hello' } },
      { channel: methodChannel('settings.get'), input: {} },
    ]);
  });

  it('onEvent delivers only the event payload (never the IPC event) and unsubscribes', () => {
    const received: unknown[] = [];
    const off = bridge.onEvent((e) => received.push(e));
    const listeners = [...(ipcRenderer.listeners.get(EVENT_CHANNEL) ?? [])] as ((...args: unknown[]) => void)[];
    expect(listeners).toHaveLength(1);
    const ipcEvent = { sender: ipcRenderer, ports: [] };
    listeners[0]?.(ipcEvent, { type: 'notification', level: 'info', title: 't', body: 'b' });
    expect(received).toEqual([{ type: 'notification', level: 'info', title: 't', body: 'b' }]);
    off();
    expect(ipcRenderer.listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });
});
