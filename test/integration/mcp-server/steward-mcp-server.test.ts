import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createMcpHttpEndpoint, type McpHttpEndpoint } from '../../../src-main/core/mcp-server/mcp-http-endpoint.js';
import { startServer, type RunningServer } from '../../../src-main/server/http-server.js';
import { createHarness, is, type Harness } from '../agent/support/agent-harness.js';

const TOKEN = 'test-token-0123456789abcdef';
const bridge = path.resolve(import.meta.dirname, '../../../src-main/core/mcp-server/mcp-stdio-bridge.ts');

let h: Harness | undefined;
let server: RunningServer | undefined;
let endpoint: McpHttpEndpoint | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.close().catch(() => undefined);
  await endpoint?.close();
  await server?.close();
  await h?.dispose();
  client = h = server = endpoint = undefined;
});

async function setup(withEndpoint = true, approvalWaitMs?: number) {
  h = await createHarness();
  endpoint = withEndpoint ? createMcpHttpEndpoint(h.core, h.core.assistant()!, { approvalWaitMs }) : undefined;
  server = await startServer(h.core, { port: 0, token: TOKEN, rendererDir: path.join(h.dataDir, 'no-renderer'), mcpEndpoint: endpoint });
  return { url: `${server.url}/mcp` };
}

const text = (result: unknown) => ((result as CallToolResult).content[0] as { text: string }).text;
const workspaceFile = (name: string) => path.join(h!.core.paths.profileDir, 'mcp-workspace', name);

/** A side-effect call waits for approval; the test approves (or rejects) through Steward's API. */
async function exercise(c: Client) {
  const tools = (await c.listTools()).tools;
  expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['write_note', 'read_note', 'send_message', 'memory_search', 'ask_steward']));
  expect(tools.find((t) => t.name === 'read_note')?.annotations).toMatchObject({ readOnlyHint: true });
  expect(tools.find((t) => t.name === 'send_message')?.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: true });

  // write_note is 'always' inside Steward, but a call from another program still asks.
  const since = h!.mark();
  const writing = c.callTool({ name: 'write_note', arguments: { path: 'from-mcp.txt', text: 'written by an MCP client' } });
  const requested = await h!.waitFor(is('approval.requested'), { since });
  expect(requested.approval).toMatchObject({ tool: 'write_note', provenance: { source: 'untrusted', detail: 'requested by MCP client test-client' } });
  expect(existsSync(workspaceFile('from-mcp.txt'))).toBe(false);
  await h!.core.request('approvals.respond', { id: requested.approval.id, decision: 'approve' });
  const written = await writing;
  expect(written.isError).toBeFalsy();
  expect(readFileSync(workspaceFile('from-mcp.txt'), 'utf8')).toBe('written by an MCP client');

  // A read-only call runs at once.
  const read = await c.callTool({ name: 'read_note', arguments: { path: 'from-mcp.txt' } });
  expect(read.isError).toBeFalsy();
  expect(text(read)).toContain('written by an MCP client');

  // A rejected call does not run, and the client is told why.
  const since2 = h!.mark();
  const sending = c.callTool({ name: 'send_message', arguments: { to: 'ann@example.com', body: 'hello' } });
  const second = await h!.waitFor(is('approval.requested'), { since: since2 });
  await h!.core.request('approvals.respond', { id: second.approval.id, decision: 'reject' });
  const rejected = await sending;
  expect(rejected.isError).toBe(true);
  expect(text(rejected)).toContain('rejected');
  expect(h!.world.sent).toEqual([]);
  expect(h!.core.audit.list().find((row) => row.action === 'tool:write_note')).toMatchObject({ actor: 'mcp-client:test-client', result: 'ok' });

  // Bad arguments are refused with the field that is wrong.
  const bad = await c.callTool({ name: 'write_note', arguments: { path: '' } });
  expect(bad.isError).toBe(true);
}

describe('Steward’s own MCP server', () => {
  it('over Streamable HTTP: lists tools, runs a read-only call, waits for approval of a side-effect call, honours a rejection', async () => {
    const { url } = await setup();
    client = new Client({ name: 'test-client', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
    await exercise(client);
  });

  it('over stdio (npm run mcp relays to the running Steward)', async () => {
    const { url } = await setup();
    client = new Client({ name: 'test-client', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', bridge, '--url', url], env: { ...getDefaultEnvironment(), STEWARD_TOKEN: TOKEN }, stderr: 'pipe' }),
    );
    await exercise(client);
  });

  it('a call nobody approves in time is rejected: the client hears why and the approval does not stay open', async () => {
    const { url } = await setup(true, 800);
    client = new Client({ name: 'test-client', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
    const result = await client.callTool({ name: 'send_message', arguments: { to: 'ann@example.com', body: 'hello' } });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain('No approval from the Steward user within 1 s, so "send_message" did not run.');
    expect(h!.agent.listApprovals({ status: 'pending' })).toEqual([]);
    expect(h!.agent.listApprovals({ status: 'all' })[0]).toMatchObject({ status: 'rejected', decidedBy: 'system:mcp-timeout' });
    expect(h!.world.sent).toEqual([]);
  });

  it('without the token the endpoint answers 401; when it is off it says how to turn it on', async () => {
    const { url } = await setup();
    const noToken = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    await server!.close();
    await endpoint!.close();
    await h!.dispose();
    const off = await setup(false);
    const response = await fetch(off.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('npm run serve -- --mcp');
  });
});
