/**
 * The browser transport against the real local server (src-main/server) on 127.0.0.1 over a real
 * core: bearer auth, error payloads, the WebSocket event stream, and reconnecting after a restart.
 * Node 20 has no global WebSocket, so the `ws` client stands in for the browser's.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { ConnectionState, StewardEvent } from '../../../src-preload/contract.js';
import { startServer, type RunningServer } from '../../../src-main/server/http-server.js';
import { ApiError } from '../../../src-renderer/api/api-error.js';
import { createHttpApi, type HttpStewardApi, type SocketLike } from '../../../src-renderer/api/http-transport.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

const TOKEN = 'test-token-0123456789abcdef';
const createSocket = (url: string) => new WebSocket(url) as unknown as SocketLike;

let tc: TestCore;
let server: RunningServer;
const apis: HttpStewardApi[] = [];

function connect(options: { token?: string; onUnauthorized?: () => void } = {}): HttpStewardApi {
  const api = createHttpApi({
    baseUrl: server.url,
    token: options.token ?? TOKEN,
    createSocket,
    onUnauthorized: options.onUnauthorized,
    backoff: { baseMs: 20, maxMs: 200 },
  });
  apis.push(api);
  return api;
}

beforeEach(async () => {
  tc = await createTestCore();
  server = await startServer(tc.core, { port: 0, token: TOKEN, rendererDir: tempDir('steward-renderer-') });
});

afterEach(async () => {
  for (const api of apis.splice(0)) api.close();
  await server.close();
  await tc.dispose();
});

describe('HTTP transport', () => {
  it('calls methods with the bearer token and returns the server’s output', async () => {
    const api = connect();
    const created = await api.call('conversations.create', { title: 'Budget 2027' });
    expect(created.title).toBe('Budget 2027');
    expect((await api.call('conversations.list', {})).map((c) => c.id)).toEqual([created.id]);
  });

  it('throws ApiError with the server’s code, message and field issues', async () => {
    const api = connect();
    const error = await api.call('chat.send', { text: '' }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'invalid_input', issues: [{ path: 'text', message: 'is empty — type a message first' }] });
    expect((error as ApiError).message).toMatch(/Nothing was changed/);
  });

  it('reports a rejected token once and stops', async () => {
    const onUnauthorized = vi.fn();
    const api = connect({ token: 'wrong-token-0123456789', onUnauthorized });
    const error = await api.call('app.info', {}).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('The token was not accepted') });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(api.connectionState).toBe('closed');
  });

  it('finds out that a token is wrong from the event socket alone', async () => {
    const onUnauthorized = vi.fn();
    const api = connect({ token: 'wrong-token-0123456789', onUnauthorized });
    api.onEvent(() => {});
    await vi.waitFor(() => expect(onUnauthorized).toHaveBeenCalledTimes(1));
  });

  it('says it cannot reach Steward when nothing is listening', async () => {
    const api = connect();
    await server.close();
    const error = await api.call('app.info', {}).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'network', message: expect.stringContaining('Cannot reach Steward') });
  });

  it('delivers events from the WebSocket and reconnects after the server restarts', async () => {
    const api = connect();
    const events: StewardEvent[] = [];
    const states: ConnectionState[] = [];
    api.onEvent((event) => events.push(event));
    api.onConnectionChange((state) => states.push(state));
    await vi.waitFor(() => expect(api.connectionState).toBe('open'));

    await api.call('chat.send', { text: 'Hello over the wire' });
    await vi.waitFor(() => expect(events.some((e) => e.type === 'message.created' && e.message.text === 'Hello over the wire')).toBe(true));

    const port = server.port;
    await server.close();
    await vi.waitFor(() => expect(states).toContain('closed'));

    server = await startServer(tc.core, { port, token: TOKEN, rendererDir: tempDir('steward-renderer-') });
    await vi.waitFor(() => expect(api.connectionState).toBe('open'), { timeout: 10_000 });
    expect(states[0]).toBe('connecting');
    expect(states.filter((s) => s === 'open')).toHaveLength(2);

    events.length = 0;
    await api.call('conversations.create', { title: 'After the restart' });
    await vi.waitFor(() => expect(events.some((e) => e.type === 'conversation.updated' && e.conversation.title === 'After the restart')).toBe(true));
  });
});
