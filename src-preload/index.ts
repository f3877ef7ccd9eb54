/**
 * The sandboxed preload: exposes `window.steward` with exactly one function per contract method
 * plus onEvent. ipcRenderer itself never crosses the bridge, and listeners never see the
 * IpcRendererEvent (whose `sender` would hand the page ipcRenderer). Bundled to one CommonJS file;
 * imports only channels.ts (zod-free) and types.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, METHOD_NAMES, methodChannel, type MethodName } from './channels.js';
import type { EventListener, PreloadBridge, StewardEvent } from './contract.js';

type Invoker = (input: unknown) => Promise<unknown>;

function buildBridge(): PreloadBridge {
  const bridge: Partial<Record<MethodName, Invoker>> & { onEvent?: PreloadBridge['onEvent'] } = {};
  for (const method of METHOD_NAMES) {
    const channel = methodChannel(method);
    bridge[method] = (input: unknown) => ipcRenderer.invoke(channel, input ?? {});
  }
  bridge.onEvent = (listener: EventListener): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('steward.onEvent needs a function');
    const forward = (_event: IpcRendererEvent, payload: StewardEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  };
  return Object.freeze(bridge) as PreloadBridge;
}

contextBridge.exposeInMainWorld('steward', buildBridge());
