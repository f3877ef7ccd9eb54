/**
 * Binding for the local API. Only loopback addresses are allowed: the API hands out the user's
 * model to whoever holds the key, and must never be reachable from the network.
 */
import type { Server } from 'node:http';
import { StewardError } from '../../errors.js';

export const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'] as const;
export type LoopbackHost = (typeof LOOPBACK_HOSTS)[number];

export class LocalApiHostRefusedError extends StewardError {
  constructor(host: string) {
    super('invalid_input', `The local API only listens on this machine (127.0.0.1, ::1 or localhost), not on "${host}". Nothing was started.`, {
      issues: [{ path: 'host', message: 'must be 127.0.0.1, ::1 or localhost' }],
    });
  }
}

export class LocalApiPortError extends StewardError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('port_unavailable', message, options);
  }
}

/**
 * Listens on `port`, or (with `fallbackAttempts` > 1) the next free port after it. Port 0 lets the
 * OS choose. Returns the port actually bound, so the caller can report a move.
 */
export async function listenOnLoopback(server: Server, host: string, port: number, fallbackAttempts: number): Promise<number> {
  if (!(LOOPBACK_HOSTS as readonly string[]).includes(host)) throw new LocalApiHostRefusedError(host);
  const tries = port === 0 ? 1 : Math.max(1, fallbackAttempts);
  for (let i = 0; i < tries && port + i <= 65_535; i += 1) {
    const candidate = port === 0 ? 0 : port + i;
    const outcome = await new Promise<number | 'in-use'>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (err.code === 'EADDRINUSE') resolve('in-use');
        else reject(new LocalApiPortError(`The local API cannot listen on ${host}:${candidate} (${err.code ?? err.message}). Choose another port in Settings › Models › Local API.`, { cause: err }));
      };
      const onListening = () => {
        server.off('error', onError);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : candidate);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(candidate, host);
    });
    if (outcome !== 'in-use') return outcome;
  }
  throw new LocalApiPortError(
    tries === 1
      ? `Port ${port} on ${host} is already in use, so the local API did not start. Stop the program using it or choose another port in Settings › Models › Local API.`
      : `Ports ${port}–${port + tries - 1} on ${host} are all in use, so the local API did not start. Choose another port in Settings › Models › Local API.`,
  );
}
