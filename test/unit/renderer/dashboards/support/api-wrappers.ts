import { expect } from 'vitest';
import type { MethodName, StewardApi } from '../../../../../src-preload/contract.js';
import { ApiError, NETWORK_ERROR } from '../../../../../src-renderer/api/api-error.js';

/** What the HTTP transport says when a request never reached the core (http-transport.ts). */
export const LOST_CONNECTION = 'Cannot reach Steward. Check that it is still running (`npm run serve`), then try again.';

/**
 * The same real api, except that calls to `method` are rejected with what a transport throws when
 * the request never reached the core (an ApiError with code "network"). `failures` counts the
 * refused calls; `heal()` lets the next ones through again, `breakAgain()` refuses them again.
 */
export interface FailingApi extends StewardApi {
  failures: number;
  heal(): void;
  breakAgain(): void;
}

export function failing(api: StewardApi, method: MethodName, error: ApiError = new ApiError(NETWORK_ERROR, LOST_CONNECTION)): FailingApi {
  let broken = true;
  const wrapper: FailingApi = {
    ...api,
    failures: 0,
    call(m, input) {
      if (broken && m === method) {
        wrapper.failures += 1;
        return Promise.reject(error);
      }
      return api.call(m, input);
    },
    heal() {
      broken = false;
    },
    breakAgain() {
      broken = true;
    },
  };
  return wrapper;
}

/** Waits (polling) until `check` holds; fails the test with the last value if it never does. */
export async function until(check: () => boolean, what = 'the condition'): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check(), `waited for ${what}`).toBe(true);
}

/**
 * The same api, with events delivered on a later turn of the event loop, as they arrive over the
 * WebSocket: the in-process bus calls listeners synchronously inside the core's emit, before the
 * core has finished what it does right after emitting (e.g. making a finished download the
 * default), which no real transport can observe.
 */
export function overTheWire<A extends StewardApi>(api: A): A {
  return {
    ...api,
    onEvent(listener) {
      return api.onEvent((event) => {
        setTimeout(() => listener(event), 0);
      });
    },
  };
}
