import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../../src-main/server/http-server.js';
import { createBootStore, type BootEnvironment } from '../../../src-renderer/state/boot-store.js';
import { createHttpApi, type SocketLike } from '../../../src-renderer/api/http-transport.js';
import { parseTokenInput, takeTokenFromUrl, TOKEN_STORAGE_KEY, type TokenEnvironment } from '../../../src-renderer/api/token-storage.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

/** A browser location/history/sessionStorage triple, in memory. */
function fakeTab(hash: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const location = { hash, pathname: '/chat/', search: '' };
  const urls: string[] = [];
  const env: TokenEnvironment = {
    location,
    history: {
      state: null,
      replaceState: (_data, _unused, url) => {
        urls.push(url ?? '');
        location.hash = (url ?? '').includes('#') ? (url ?? '').slice((url ?? '').indexOf('#')) : '';
      },
    },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) },
  };
  return { env, storage, urls, location };
}

describe('token from the printed link', () => {
  it('moves the token from the URL fragment into session storage and scrubs the address bar', () => {
    const tab = fakeTab('#token=abc123DEF456_-x');
    expect(takeTokenFromUrl(tab.env)).toBe('abc123DEF456_-x');
    expect(tab.storage.get(TOKEN_STORAGE_KEY)).toBe('abc123DEF456_-x');
    expect(tab.urls).toEqual(['/chat/']);
    // A reload finds it in storage.
    expect(takeTokenFromUrl(fakeTab('', Object.fromEntries(tab.storage)).env)).toBe('abc123DEF456_-x');
  });

  it('keeps the route when the token rides along with one', () => {
    const tab = fakeTab('#/quick&token=abc123DEF456');
    expect(takeTokenFromUrl(tab.env)).toBe('abc123DEF456');
    expect(tab.urls).toEqual(['/chat/#/quick']);
  });

  it('returns nothing when there is no token anywhere', () => {
    const tab = fakeTab('#/c/some-conversation');
    expect(takeTokenFromUrl(tab.env)).toBeNull();
    expect(tab.urls).toEqual([]);
  });

  it('accepts a pasted token, link or fragment and refuses text that is not one', () => {
    expect(parseTokenInput('  abc123DEF456  ')).toBe('abc123DEF456');
    expect(parseTokenInput('http://127.0.0.1:7420/chat/#token=abc123DEF456')).toBe('abc123DEF456');
    expect(parseTokenInput('#token=abc123DEF456')).toBe('abc123DEF456');
    expect(parseTokenInput('hello there')).toBeNull();
    expect(parseTokenInput('short')).toBeNull();
  });
});

describe('boot: picking the transport and handling the token', () => {
  let tc: TestCore | undefined;
  let server: RunningServer | undefined;
  const TOKEN = 'right-token-0123456789';

  afterEach(async () => {
    await server?.close();
    await tc?.dispose();
    server = undefined;
    tc = undefined;
  });

  async function env(hash: string): Promise<BootEnvironment & { tab: ReturnType<typeof fakeTab> }> {
    tc = await createTestCore();
    server = await startServer(tc.core, { port: 0, token: TOKEN, rendererDir: tempDir('steward-renderer-') });
    const tab = fakeTab(hash);
    return {
      tab,
      bridge: null,
      tokens: tab.env,
      serverOrigin: server.url,
      createHttpApi: (options) => createHttpApi({ ...options, createSocket: (url) => new WebSocket(url) as unknown as SocketLike }),
    };
  }

  it('asks for the link when the page was opened without a token', async () => {
    const boot = createBootStore(await env(''));
    expect(boot.getState().boot).toMatchObject({ kind: 'needs-token', reason: 'missing' });
  });

  it('returns to the token screen with "not accepted" when the server refuses the token', async () => {
    const environment = await env('#token=wrong-token-0123456789');
    const boot = createBootStore(environment);
    expect(boot.getState().boot.kind).toBe('ready');
    await vi.waitFor(() => expect(boot.getState().boot).toMatchObject({ kind: 'needs-token', reason: 'rejected' }));
    expect(environment.tab.storage.has(TOKEN_STORAGE_KEY)).toBe(false);

    expect(boot.getState().submitToken('not a token')).toMatch(/doesn’t look like a token/);
    expect(boot.getState().submitToken(`${server?.url}/chat/#token=${TOKEN}`)).toBeNull();
    const state = boot.getState().boot;
    expect(state.kind).toBe('ready');
    await vi.waitFor(() => expect(state.session?.stores.connection.getState().state).toBe('open'));
    await vi.waitFor(() => expect(state.session?.stores.app.getState().info?.name).toBe('Steward'));
    boot.getState().dispose();
  });

  it('says the window could not start when loaded from a file without the preload bridge', () => {
    const boot = createBootStore({ bridge: null, tokens: fakeTab('#token=abc123DEF456').env, serverOrigin: 'null' });
    expect(boot.getState().boot).toEqual({ kind: 'no-bridge', session: null });
  });

  it('uses the Electron bridge when the preload exposed one', async () => {
    tc = await createTestCore();
    const core = tc.core;
    const bridge = new Proxy({} as Record<string, unknown>, {
      get: (_target, method: string) =>
        method === 'onEvent'
          ? (listener: Parameters<typeof core.events.subscribe>[0]) => core.events.subscribe(listener)
          : async (input: unknown) => {
              try {
                return { ok: true, value: await core.call(method as never, input, { actor: 'ipc-test' }) };
              } catch (err) {
                const { toErrorPayload } = await import('../../../src-main/core/errors.js');
                return { ok: false, error: toErrorPayload(err) };
              }
            },
    });
    const boot = createBootStore({ bridge: bridge as never, tokens: fakeTab('').env, serverOrigin: 'file://' });
    const state = boot.getState().boot;
    expect(state.kind).toBe('ready');
    expect(state.session?.stores.connection.getState()).toMatchObject({ transport: 'ipc', state: 'open' });
    const sent = await state.session!.api.call('chat.send', { text: 'Over IPC' });
    await vi.waitFor(() => expect(state.session?.stores.conversations.getState().conversations.map((c) => c.id)).toEqual([sent.conversationId]));
    const refused = await state.session!.api.call('chat.send', { text: ' ' }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'invalid_input', issues: [{ path: 'text' }] });
    boot.getState().dispose();
    await core.conversations.idle();
  });
});
