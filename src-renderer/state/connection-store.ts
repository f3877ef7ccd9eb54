import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionState } from '../../src-preload/contract.js';

export type TransportKind = 'ipc' | 'http';

export interface ConnectionStoreState {
  transport: TransportKind;
  state: ConnectionState;
  /** Whether the event stream was ever open: tells "Reconnecting…" apart from "Connecting…". */
  hasBeenOpen: boolean;
  /** How many times the stream came back after being lost (each time the stores resync). */
  reconnects: number;
  setState(state: ConnectionState): void;
}

export type ConnectionStore = StoreApi<ConnectionStoreState>;

export function createConnectionStore(transport: TransportKind): ConnectionStore {
  return createStore<ConnectionStoreState>()((set, get) => ({
    transport,
    state: transport === 'ipc' ? 'open' : 'connecting',
    hasBeenOpen: transport === 'ipc',
    reconnects: 0,
    setState(state) {
      const previous = get();
      if (previous.state === state) return;
      const cameBack = state === 'open' && previous.hasBeenOpen;
      set({ state, hasBeenOpen: previous.hasBeenOpen || state === 'open', reconnects: previous.reconnects + (cameBack ? 1 : 0) });
    },
  }));
}

/** What the banner should say, or null when the connection is fine (or still starting up). */
export function connectionNotice(state: Pick<ConnectionStoreState, 'state' | 'hasBeenOpen'>): string | null {
  if (state.state === 'open') return null;
  if (state.hasBeenOpen) return 'Reconnecting…';
  return state.state === 'closed' ? 'Can’t reach Steward yet — retrying…' : null;
}
