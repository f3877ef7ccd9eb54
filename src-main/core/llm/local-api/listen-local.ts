/**
 * Binding for the local API. Only loopback addresses are allowed: the API hands out the user's
 * model to whoever holds the key, and must never be reachable from the network.
 */
import type { Server } from 'node:http';
import { StewardError } from '../../errors.js';
import { listenWithFallback } from '../../net/listen-with-fallback.js';

export const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'] as const;
export type LoopbackHost = (typeof LOOPBACK_HOSTS)[number];

export class LocalApiHostRefusedError extends StewardError {
  constructor(host: string) {
    super('invalid_input', `The local API only listens on this machine (127.0.0.1, ::1 or localhost), not on "${host}". Nothing was started.`, {
      issues: [{ path: 'host', message: 'must be 127.0.0.1, ::1 or localhost' }],
    });
  }
}

/** Kept as the local API's name for the shared port error. */
export { PortUnavailableError as LocalApiPortError } from '../../net/listen-with-fallback.js';

/** Listens on a loopback address only, at `port` or (with `fallbackAttempts` > 1) the next free port after it. */
export async function listenOnLoopback(server: Server, host: string, port: number, fallbackAttempts: number): Promise<number> {
  if (!(LOOPBACK_HOSTS as readonly string[]).includes(host)) throw new LocalApiHostRefusedError(host);
  return listenWithFallback(server, { port, host, attempts: fallbackAttempts, what: 'the local API', fix: 'choose another port on the Models screen, under Local API server' });
}
