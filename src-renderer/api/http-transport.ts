import type { ConnectionState, EventListener, MethodInput, MethodName, MethodOutput, StewardApi, StewardEvent } from '../../src-preload/contract.js';
import { ApiError, BAD_RESPONSE, NETWORK_ERROR, UNAUTHORIZED } from './api-error.js';
import { DEFAULT_BACKOFF, reconnectDelay, type BackoffPolicy } from './backoff.js';
import { PERSON_HEADER } from './person-token.js';

/**
 * StewardApi over the local server (src-main/server): `POST /api/<method>` with a bearer token for
 * requests, one WebSocket `/api/events?token=` for the event stream, reconnected with backoff.
 * Fetch and WebSocket are injected (structural types, no DOM lib needed) so the transport runs
 * unchanged in the browser and in Node tests against a real server.
 */

export interface FetchResponseLike {
  readonly status: number;
  readonly ok: boolean;
  text(): Promise<string>;
}
export type FetchLike = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string }) => Promise<FetchResponseLike>;

/** The part of the WebSocket API we use; both the browser's and the `ws` package's sockets fit. */
export interface SocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface HttpApiOptions {
  /** Origin of the local server, e.g. http://127.0.0.1:7420 */
  baseUrl: string;
  token: string;
  fetch?: FetchLike;
  createSocket?: (url: string) => SocketLike;
  /** Called once when the server rejects the token (HTTP 401); the transport stops afterwards. */
  onUnauthorized?: () => void;
  /** The signed-in person's session token (features/sign-in), sent as X-Steward-Person; null: the owner. */
  personToken?: () => string | null;
  backoff?: BackoffPolicy;
}

export interface HttpStewardApi extends StewardApi {
  readonly connectionState: ConnectionState;
  /** Skips the remaining backoff delay, e.g. when the browser reports it is back online. */
  reconnectNow(): void;
  /** Closes the event socket for good and stops reconnecting. */
  close(): void;
}

export const TOKEN_REJECTED_MESSAGE = 'The token was not accepted. Open the link that `npm run serve` printed, or paste its token again.';
const UNREACHABLE_MESSAGE = 'Cannot reach Steward. Check that it is still running (`npm run serve`), then try again.';
/** Close codes a server may use to say "bad token" on the socket itself. */
const POLICY_CLOSE_CODES = new Set([1008, 4401]);

// eslint-disable-next-line max-lines-per-function -- the HTTP + WebSocket transport: requests, the event stream and reconnects share one connection state
export function createHttpApi(options: HttpApiOptions): HttpStewardApi {
  const base = options.baseUrl.replace(/\/+$/, '');
  const socketUrl = `${base.replace(/^http/, 'ws')}/api/events?token=${encodeURIComponent(options.token)}`;
  const doFetch: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const createSocket = options.createSocket ?? defaultSocketFactory;
  const policy = options.backoff ?? DEFAULT_BACKOFF;

  const eventListeners = new Set<EventListener>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  // 'connecting' from the start: the socket is opened as soon as anyone listens.
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempts = 0;
  let started = false;
  let stopped = false;
  let unauthorized = false;

  const setState = (next: ConnectionState): void => {
    if (state === next) return;
    state = next;
    for (const listener of [...connectionListeners]) listener(next);
  };

  const reportUnauthorized = (): void => {
    if (unauthorized) return;
    unauthorized = true;
    stop();
    options.onUnauthorized?.();
  };

  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    if (unauthorized) throw new ApiError(UNAUTHORIZED, TOKEN_REJECTED_MESSAGE);
    let response: FetchResponseLike;
    const person = options.personToken?.() ?? null;
    try {
      response = await doFetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}`, ...(person && { [PERSON_HEADER]: person }) },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      throw new ApiError(NETWORK_ERROR, UNREACHABLE_MESSAGE);
    }
    const body = parseJson(await response.text().catch(() => ''));
    // Signed in as a person, a 401 is about them (their role, or a sign-in that ended), and a refused
    // sign-in is about the email and password typed — neither is about this tab's server token.
    if (response.status === 401 && (person || method === 'people.signIn')) throw ApiError.fromPayload(body) ?? new ApiError(UNAUTHORIZED, TOKEN_REJECTED_MESSAGE);
    if (response.status === 401) {
      reportUnauthorized();
      throw new ApiError(UNAUTHORIZED, TOKEN_REJECTED_MESSAGE);
    }
    if (!response.ok) {
      throw (
        ApiError.fromPayload(body) ??
        new ApiError(BAD_RESPONSE, `Steward answered HTTP ${response.status} without an explanation. Try again; if it keeps happening, restart Steward.`)
      );
    }
    if (body === undefined) throw new ApiError(BAD_RESPONSE, `Steward sent a reply to "${method}" that the app could not read. Reload the page and try again.`);
    return body as MethodOutput<M>;
  }

  function openSocket(): void {
    timer = null;
    if (stopped) return;
    setState('connecting');
    let opened = false;
    let current: SocketLike;
    try {
      // A signed-in person's stream carries only their own conversations' events (the server checks the session).
      const person = options.personToken?.() ?? null;
      current = createSocket(person ? `${socketUrl}&person=${encodeURIComponent(person)}` : socketUrl);
    } catch {
      setState('closed');
      scheduleReconnect();
      return;
    }
    socket = current;
    current.onopen = () => {
      if (socket !== current) return;
      opened = true;
      attempts = 0;
      setState('open');
    };
    current.onmessage = (message) => {
      if (socket !== current || typeof message.data !== 'string') return;
      const event = parseEvent(message.data);
      if (!event) return;
      for (const listener of [...eventListeners]) {
        try {
          listener(event);
        } catch (err) {
          console.error('[steward] event listener failed', err);
        }
      }
    };
    // An error is always followed by a close; the close decides what happens next.
    current.onerror = () => {};
    current.onclose = (closeEvent) => {
      if (socket !== current) return;
      socket = null;
      if (stopped) return;
      setState('closed');
      // A socket refused before opening may mean a bad token (browsers hide the HTTP status of a
      // failed upgrade), so ask over HTTP, which does report 401.
      if (!opened || POLICY_CLOSE_CODES.has(closeEvent.code)) void call('app.info', {}).catch(() => {});
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (stopped || timer) return;
    timer = setTimeout(openSocket, reconnectDelay(attempts++, policy));
  }

  function start(): void {
    if (started || stopped) return;
    started = true;
    openSocket();
  }

  function stop(): void {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
    const current = socket;
    socket = null;
    current?.close(1000, 'closing');
    setState('closed');
  }

  return {
    call,
    onEvent(listener) {
      eventListeners.add(listener);
      start();
      return () => eventListeners.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      listener(state);
      start();
      return () => connectionListeners.delete(listener);
    },
    get connectionState() {
      return state;
    },
    reconnectNow() {
      if (stopped || !started || socket) return;
      if (timer) clearTimeout(timer);
      attempts = 0;
      openSocket();
    },
    close: stop,
  };
}

function defaultSocketFactory(url: string): SocketLike {
  const Socket = (globalThis as unknown as { WebSocket?: new (url: string) => SocketLike }).WebSocket;
  if (!Socket) throw new Error('WebSocket is not available in this environment');
  return new Socket(url);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The server validated the event before sending it; we only check it is an event at all. */
function parseEvent(data: string): StewardEvent | null {
  const value = parseJson(data);
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' ? (value as StewardEvent) : null;
}
