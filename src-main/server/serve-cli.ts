/**
 * `npm run serve`: the local server host. Prints the chat URL (with the access token) and the
 * API base, then runs until Ctrl+C.
 *   --port <n>     port to try first (default: settings.server.port, 7420); 0 = any free port
 *   --profile <p>  profile name (default: STEWARD_PROFILE or "default")
 */
import { parseArgs } from 'node:util';
import { toStewardError } from '../core/errors.js';
import { createNodeCore } from '../core/node-runtime.js';
import { defaultRendererDir, startServer } from './http-server.js';
import { getOrCreateServerToken } from './server-token.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, profile: { type: 'string' } }, allowPositionals: false });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    console.error(`steward: --port must be a whole number from 0 to 65535 (got "${values.port}").`);
    process.exit(2);
  }
  const core = await createNodeCore('server', { profile: values.profile });
  const token = await getOrCreateServerToken(core.secrets);
  const wanted = port ?? core.settings.get().server.port;
  const server = await startServer(core, { port: wanted, token, rendererDir: defaultRendererDir() });
  if (wanted !== 0 && server.port !== wanted) console.log(`steward: port ${wanted} is in use; using ${server.port} instead.`);
  console.log(`Steward is running. Open the chat: ${server.chatUrl}`);
  console.log(`API: ${server.url}/api/<method> with "Authorization: Bearer ${token}" · events: ws://127.0.0.1:${server.port}/api/events`);
  console.log(`Data: ${core.paths.profileDir}`);

  const shutdown = async () => {
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  console.error(`steward: ${toStewardError(err).userMessage}`);
  process.exit(1);
});
