/**
 * `npm run -s mcp`: Steward's MCP server over stdio, for clients that start servers as programs
 * (Claude Desktop: {"command": "npm", "args": ["run", "-s", "--prefix", "/path/to/steward", "mcp"]}).
 *
 * It relays every message to the running Steward's MCP endpoint (`npm run serve -- --mcp`), so
 * approvals appear where the user is — in Steward's UI — and the one Steward process owns the
 * database. Stdout carries only MCP messages; everything else goes to stderr.
 *   --url <url>    the endpoint (default http://127.0.0.1:<settings port or 7420>/mcp, or STEWARD_MCP_URL)
 *   token          STEWARD_TOKEN, or the install's server token from the keychain
 */
import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

export interface BridgeOptions {
  url: string;
  token: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  log?: (message: string) => void;
}

/** Relays messages both ways until either side closes; resolves when it is running. */
export async function startStdioBridge(options: BridgeOptions): Promise<{ close(): Promise<void> }> {
  const log = options.log ?? ((m: string) => process.stderr.write(`steward-mcp: ${m}\n`));
  const upstream: Transport = new StreamableHTTPClientTransport(new URL(options.url), { requestInit: { headers: { authorization: `Bearer ${options.token}` } } });
  const downstream: Transport = new StdioServerTransport(options.input as never, options.output as never);
  let closing = false;
  const closeBoth = async () => {
    if (closing) return;
    closing = true;
    await Promise.allSettled([upstream.close(), downstream.close()]);
  };
  downstream.onmessage = (message) => {
    upstream.send(message).catch((err: unknown) => {
      log(`could not reach Steward at ${options.url}: ${err instanceof Error ? err.message : String(err)}. Is it running with its MCP endpoint on (npm run serve -- --mcp)?`);
      const id = (message as { id?: string | number }).id;
      if (id !== undefined) void downstream.send({ jsonrpc: '2.0', id, error: { code: -32000, message: `Steward is not reachable at ${options.url}. Start it with: npm run serve -- --mcp` } });
    });
  };
  upstream.onmessage = (message) => void downstream.send(message);
  upstream.onerror = (err) => log(err.message);
  downstream.onclose = () => void closeBoth();
  upstream.onclose = () => void closeBoth();
  await upstream.start();
  await downstream.start();
  return { close: closeBoth };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, profile: { type: 'string' } }, allowPositionals: false });
  // Anything a dependency logs must not corrupt the protocol on stdout.
  console.log = (...args: unknown[]) => console.error(...args);
  let token = process.env.STEWARD_TOKEN ?? null;
  if (!token) {
    const { createKeytarSecretStore } = await import('../security/keytar-secret-store.js');
    token = await createKeytarSecretStore().get('server.token');
  }
  if (!token) {
    process.stderr.write('steward-mcp: no access token. Start Steward once with `npm run serve -- --mcp` (it creates one), or set STEWARD_TOKEN.\n');
    process.exit(2);
  }
  const url = values.url ?? process.env.STEWARD_MCP_URL ?? 'http://127.0.0.1:7420/mcp';
  await startStdioBridge({ url, token });
}

if (process.argv[1] && /mcp-stdio-bridge\.(ts|js)$/.test(process.argv[1])) {
  main().catch((err: unknown) => {
    process.stderr.write(`steward-mcp: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
