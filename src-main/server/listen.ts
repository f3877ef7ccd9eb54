import type { Server } from 'node:http';
import { StewardError } from '../core/errors.js';

/**
 * Listens on 127.0.0.1 at `port`, or the next free port up to `attempts` later when it is taken.
 * Port 0 asks the OS for any free port.
 */
export async function listenWithFallback(server: Server, port: number, host: string, attempts = 20): Promise<number> {
  for (let i = 0; i < (port === 0 ? 1 : attempts); i += 1) {
    const candidate = port === 0 ? 0 : port + i;
    const result = await new Promise<number | 'in-use'>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (err.code === 'EADDRINUSE') resolve('in-use');
        else reject(new StewardError('port_unavailable', `Cannot listen on ${host}:${candidate}: ${err.code ?? err.message}.`, { cause: err }));
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
    if (result !== 'in-use') return result;
  }
  throw new StewardError(
    'port_unavailable',
    `Ports ${port}–${port + attempts - 1} on ${host} are all in use. Stop the program using them or choose another port with --port.`,
  );
}
