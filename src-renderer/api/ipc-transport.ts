import type { BridgeResult, ConnectionState, MethodInput, MethodName, MethodOutput, PreloadBridge, StewardApi } from '../../src-preload/contract.js';
import { ApiError } from './api-error.js';

/**
 * StewardApi over the Electron preload bridge (`window.steward`). The bridge returns errors as
 * data (BridgeResult) because Electron's IPC error serialisation drops everything but a string.
 * IPC has no connection to lose, so the connection state is always 'open'.
 */
export function createIpcApi(bridge: PreloadBridge): StewardApi {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const invoke = bridge[method] as unknown as ((input: unknown) => Promise<BridgeResult<unknown>>) | undefined;
      if (typeof invoke !== 'function') {
        throw new ApiError('not_found', `This version of the desktop app does not offer "${method}". Update Steward and try again.`);
      }
      let result: BridgeResult<unknown>;
      try {
        result = await invoke(input);
      } catch (err) {
        throw new ApiError('internal', `The desktop app did not answer "${method}" (${err instanceof Error ? err.message : String(err)}). Restart Steward and try again.`);
      }
      if (result.ok) return result.value as MethodOutput<M>;
      throw new ApiError(result.error.code, result.error.message, result.error.issues ?? []);
    },
    onEvent: (listener) => bridge.onEvent(listener),
    onConnectionChange(listener: (state: ConnectionState) => void) {
      listener('open');
      return () => {};
    },
  };
}

/** True when the Electron preload exposed a bridge on this window. */
export function findPreloadBridge(scope: { steward?: unknown }): PreloadBridge | null {
  const candidate = scope.steward;
  return typeof candidate === 'object' && candidate !== null && typeof (candidate as PreloadBridge).onEvent === 'function' ? (candidate as PreloadBridge) : null;
}
