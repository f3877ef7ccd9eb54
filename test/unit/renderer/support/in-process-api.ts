import type { ConnectionState, EventListener, MethodName, StewardApi } from '../../../../src-preload/contract.js';
import type { Core } from '../../../../src-main/core/core-types.js';
import { toErrorPayload } from '../../../../src-main/core/errors.js';
import { ApiError } from '../../../../src-renderer/api/api-error.js';

/**
 * A StewardApi over a real in-process core (real encrypted SQLite, real validation, real event
 * bus), standing in for a transport. What it fakes is only the wire: the connection can be
 * "lost" (events are dropped, as they would be while a WebSocket is down) and calls can be held
 * to look at the UI state before the server answers.
 */
export interface InProcessApi extends StewardApi {
  /** Names of the methods called, in order. */
  readonly calls: MethodName[];
  setConnection(state: ConnectionState): void;
  /** The next call to `method` waits until the returned function is called. */
  holdNext(method: MethodName): () => void;
}

export function createInProcessApi(core: Core, initial: ConnectionState = 'open'): InProcessApi {
  const eventListeners = new Set<EventListener>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const holds = new Map<MethodName, Promise<void>>();
  const calls: MethodName[] = [];
  let state = initial;

  core.events.subscribe((event) => {
    if (state !== 'open') return;
    for (const listener of eventListeners) listener(event);
  });

  return {
    calls,
    async call(method, input) {
      calls.push(method);
      const hold = holds.get(method);
      if (hold) {
        holds.delete(method);
        await hold;
      }
      try {
        return await core.call(method, input, { actor: 'renderer-test' });
      } catch (err) {
        const payload = toErrorPayload(err);
        throw new ApiError(payload.code, payload.message, payload.issues ?? []);
      }
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
    setConnection(next) {
      state = next;
      for (const listener of connectionListeners) listener(next);
    },
    holdNext(method) {
      let release!: () => void;
      holds.set(method, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
  };
}
