import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PreloadBridge } from '../../src-preload/contract.js';
import { createHttpApi, type HttpApiOptions, type HttpStewardApi } from '../api/http-transport.js';
import { createIpcApi } from '../api/ipc-transport.js';
import { loadPersonToken } from '../api/person-token.js';
import { forgetToken, parseTokenInput, saveToken, takeTokenFromUrl, type TokenEnvironment } from '../api/token-storage.js';
import { createChatSession, type ChatSession } from './chat-session.js';

/**
 * Picks the transport and owns the session: Electron IPC when the preload bridge exists,
 * otherwise the local server, which needs the bearer token from the printed link. A rejected
 * token tears the session down and asks for a new one. Sessions start here, outside React, so
 * StrictMode's double effects never subscribe twice.
 */
export type BootState =
  | { kind: 'needs-token'; reason: 'missing' | 'rejected'; session: null }
  /** Loaded from a file (the desktop app) but the preload bridge is missing: there is no server to ask. */
  | { kind: 'no-bridge'; session: null }
  | { kind: 'ready'; session: ChatSession };

export interface BootStoreState {
  boot: BootState;
  /** Takes what the user pasted; returns an error line for the field, or null when accepted. */
  submitToken(input: string): string | null;
  dispose(): void;
}

export interface BootEnvironment {
  bridge: PreloadBridge | null;
  tokens: TokenEnvironment;
  /** Origin of the local server that served this page. */
  serverOrigin: string;
  createHttpApi?: (options: HttpApiOptions) => HttpStewardApi;
  /** Runs once per HTTP session, e.g. to reconnect as soon as the browser is back online. */
  onHttpSession?: (api: HttpStewardApi) => () => void;
}

export type BootStore = StoreApi<BootStoreState>;

export function createBootStore(env: BootEnvironment): BootStore {
  const makeHttp = env.createHttpApi ?? createHttpApi;
  let teardown: (() => void) | null = null;

  return createStore<BootStoreState>()((set) => {
    const startHttp = (token: string): BootState => {
      const api = makeHttp({
        baseUrl: env.serverOrigin,
        token,
        // Switch profile (features/sign-in) keeps the person's session here; every request then acts for them.
        personToken: () => loadPersonToken(env.tokens.storage),
        onUnauthorized: () => {
          teardown?.();
          teardown = null;
          forgetToken(env.tokens.storage);
          set({ boot: { kind: 'needs-token', reason: 'rejected', session: null } });
        },
      });
      const session = createChatSession(api, 'http');
      session.start();
      const stopExtras = env.onHttpSession?.(api);
      teardown = () => {
        stopExtras?.();
        session.dispose();
        api.close();
      };
      return { kind: 'ready', session };
    };

    const initial = (): BootState => {
      if (env.bridge) {
        const session = createChatSession(createIpcApi(env.bridge), 'ipc');
        session.start();
        teardown = () => session.dispose();
        return { kind: 'ready', session };
      }
      if (!/^https?:\/\//.test(env.serverOrigin)) return { kind: 'no-bridge', session: null };
      const token = takeTokenFromUrl(env.tokens);
      return token ? startHttp(token) : { kind: 'needs-token', reason: 'missing', session: null };
    };

    return {
      boot: initial(),
      submitToken(input) {
        const token = parseTokenInput(input);
        if (!token) return 'That doesn’t look like a token. Paste the whole link `npm run serve` printed, or the part after “#token=”.';
        saveToken(env.tokens.storage, token);
        teardown?.();
        set({ boot: startHttp(token) });
        return null;
      },
      dispose() {
        teardown?.();
        teardown = null;
      },
    };
  });
}
