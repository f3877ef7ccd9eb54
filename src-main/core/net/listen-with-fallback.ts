import type { Server } from 'node:http';
import { StewardError } from '../errors.js';

export class PortUnavailableError extends StewardError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('port_unavailable', message, options);
  }
}

export interface ListenOptions {
  port: number;
  host: string;
  /** Ports to try from `port` upwards when it is taken (1 = only `port`). Port 0 lets the OS choose. */
  attempts: number;
  /** Names what failed to start, e.g. "the local API", for the error message. */
  what: string;
  /** How the user picks another port, e.g. "choose another port with --port". */
  fix: string;
}

/**
 * Listens on `host:port`, or the next free port after it. Returns the port actually bound so the
 * caller can tell the user it moved. Shared by the local server host and the local model API.
 */
export async function listenWithFallback(server: Server, options: ListenOptions): Promise<number> {
  const { port, host, what, fix } = options;
  const tries = port === 0 ? 1 : Math.max(1, options.attempts);
  for (let i = 0; i < tries && port + i <= 65_535; i += 1) {
    const candidate = port === 0 ? 0 : port + i;
    const outcome = await new Promise<number | 'in-use'>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (err.code === 'EADDRINUSE') resolve('in-use');
        else reject(new PortUnavailableError(`${capitalise(what)} cannot listen on ${host}:${candidate} (${err.code ?? err.message}). ${capitalise(fix)}.`, { cause: err }));
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
  throw new PortUnavailableError(
    tries === 1
      ? `Port ${port} on ${host} is already in use, so ${what} did not start. Stop the program using it or ${fix}.`
      : `Ports ${port}–${port + tries - 1} on ${host} are all in use, so ${what} did not start. Stop the program using them or ${fix}.`,
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
