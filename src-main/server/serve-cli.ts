/**
 * `npm run serve`: the local server host. Prints the chat URL (with the access token) and the
 * API base, then runs until Ctrl+C.
 *   --port <n>     port to try first (default: settings.server.port, 7420); 0 = any free port
 *   --profile <p>  profile name (default: STEWARD_PROFILE or "default")
 *   --mcp          also serve Steward's MCP server at /mcp (Streamable HTTP, same token)
 *   --start-new-profile  after the database could not be opened: move it (and its key) aside,
 *                  after you confirm, and start an empty profile. Nothing is deleted.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { databaseKeyAccount } from '../core/app.js';
import { defaultDataDir, resolvePaths } from '../core/paths.js';
import { createKeytarSecretStore } from '../core/security/keytar-secret-store.js';
import { setAsideDatabase } from '../core/store/database-set-aside.js';
import { toStewardError } from '../core/errors.js';
import { createNodeCore } from '../core/node-runtime.js';
import { defaultRendererDir, startServer } from './http-server.js';
import { getOrCreateServerToken } from './server-token.js';
import { createMcpHttpEndpoint } from '../core/mcp-server/mcp-http-endpoint.js';
import { readDemoLinks } from '../core/demo/demo-mode.js';
import { createDemoProcessLauncher } from './demo-process-launcher.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, profile: { type: 'string' }, 'start-new-profile': { type: 'boolean' }, mcp: { type: 'boolean' } }, allowPositionals: false });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    console.error(`steward: --port must be a whole number from 0 to 65535 (got "${values.port}").`);
    process.exit(2);
  }
  if (values['start-new-profile']) await startNewProfile(values.profile ?? process.env.STEWARD_PROFILE ?? 'default');
  // "Try the demo" starts the demo beside this profile (never inside it); the demo's own server does not offer it again.
  const demoLauncher = readDemoLinks() === null ? createDemoProcessLauncher() : null;
  const core = await createNodeCore('server', { profile: values.profile, demoLauncher: demoLauncher ?? undefined });
  const token = await getOrCreateServerToken(core.secrets);
  const wanted = port ?? core.settings.get().server.port;
  // Steward's MCP server exports the assistant's tools and runs them through its approval path.
  const assistant = core.assistant();
  if (values.mcp && !assistant) {
    console.error('steward: Steward’s MCP server needs the assistant, which is not running. Set up a model (Models) and restart Steward.');
    process.exit(1);
  }
  const mcpEndpoint = values.mcp && assistant ? createMcpHttpEndpoint(core, assistant) : undefined;
  const server = await startServer(core, { port: wanted, token, rendererDir: defaultRendererDir(), mcpEndpoint });
  if (wanted !== 0 && server.port !== wanted) console.log(`steward: port ${wanted} is in use; using ${server.port} instead.`);
  console.log(`Steward is running. Open the chat: ${server.chatUrl}`);
  console.log(`API: ${server.url}/api/<method> with "Authorization: Bearer ${token}" · events: ws://127.0.0.1:${server.port}/api/events`);
  if (mcpEndpoint) console.log(`MCP server (Streamable HTTP): ${server.url}/mcp with the same bearer token · over stdio: npm run -s mcp`);
  console.log(`Data: ${core.paths.profileDir}`);
  console.log(`Log: ${core.log.location}`);

  const shutdown = async () => {
    await mcpEndpoint?.close();
    await server.close();
    demoLauncher?.stop();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

/** Moves the current database aside, only after the owner types "yes" at the terminal. */
async function startNewProfile(profile: string): Promise<void> {
  const paths = resolvePaths(defaultDataDir(), profile);
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question(
    `This moves ${paths.databasePath} (and its keychain key) aside into a dated folder next to it and starts an empty profile. Nothing is deleted. Type "yes" to continue: `,
  );
  prompt.close();
  if (answer.trim().toLowerCase() !== 'yes') {
    console.error('steward: not confirmed; nothing was moved.');
    process.exit(1);
  }
  const moved = await setAsideDatabase(paths.databasePath, createKeytarSecretStore(), databaseKeyAccount(profile));
  console.log(`steward: the old database is in ${moved.folder}${moved.keyAccount ? `; its key is in the keychain as "Steward" / "${moved.keyAccount}"` : ''}.`);
}

main().catch((err: unknown) => {
  console.error(`steward: ${toStewardError(err).userMessage}`);
  process.exit(1);
});
