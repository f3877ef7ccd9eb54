import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpManager } from '../../../src-main/core/mcp/mcp-manager.js';
import { mcpEnvAccount } from '../../../src-main/core/mcp/mcp-secrets.js';
import { createHarness, type Harness } from '../agent/support/agent-harness.js';
import { everythingServer, fixture, managerFor, nodeServer } from './mcp-support.js';

let h: Harness | undefined;
let mcp: McpManager | undefined;
let http: Server | undefined;
afterEach(async () => {
  await mcp?.close();
  await h?.dispose();
  await new Promise((r) => (http ? http.close(r) : r(null)));
  mcp = undefined;
  h = undefined;
  http = undefined;
});

async function setup(initializeTimeoutMs = 15_000) {
  h = await createHarness();
  mcp = managerFor(h, initializeTimeoutMs);
  return { h, mcp };
}

/** Each failed add leaves nothing behind: no row, no tools, no secrets. */
async function expectNothingAdded(name: string) {
  expect(mcp!.list()).toEqual([]);
  expect(mcp!.repo.get(name)).toBeNull();
  expect(h!.agent.deps.registry.names().some((t) => t.startsWith(`${name}.`))).toBe(false);
}

describe('MCP servers that cannot start are refused with the reason, and nothing changes', () => {
  it('a command that does not exist', async () => {
    await setup();
    await expect(mcp!.add({ name: 'ghost', config: { transport: 'stdio', command: 'steward-no-such-mcp-server', args: [], env: {}, secretEnv: [] } })).rejects.toMatchObject({
      userMessage: expect.stringContaining('the command "steward-no-such-mcp-server" was not found'),
    });
    await expectNothingAdded('ghost');
  });

  it('a server that exits at once, with what it wrote to stderr', async () => {
    await setup();
    await expect(mcp!.add({ name: 'quitter', config: { ...nodeServer("-e"), args: ['-e', 'console.error("missing API_TOKEN"); process.exit(3)'] } })).rejects.toMatchObject({
      userMessage: expect.stringMatching(/exited before finishing the MCP handshake.*missing API_TOKEN/),
    });
    await expectNothingAdded('quitter');
  });

  it('a server that writes garbage to stdout', async () => {
    await setup(1500);
    const config = { ...nodeServer('-e'), args: ['-e', 'console.log("hello, I am not JSON-RPC"); setInterval(() => {}, 1000)'] };
    await expect(mcp!.add({ name: 'noisy', config })).rejects.toMatchObject({ userMessage: expect.stringMatching(/did not answer the MCP handshake .*not MCP/) });
    await expectNothingAdded('noisy');
  });

  it('a server that hangs on initialize is given up after the timeout', async () => {
    await setup(1000);
    const started = Date.now();
    const config = { ...nodeServer('-e'), args: ['-e', 'process.stdin.resume(); setInterval(() => {}, 1000)'] };
    await expect(mcp!.add({ name: 'sleepy', config })).rejects.toMatchObject({ userMessage: expect.stringContaining('did not answer the MCP handshake (initialize) within 1 s') });
    expect(Date.now() - started).toBeLessThan(10_000);
    await expectNothingAdded('sleepy');
  });

  it('a remote server that answers 401', async () => {
    await setup(5000);
    http = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'unauthorized' }));
    });
    await new Promise<void>((r) => http!.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
    await expect(mcp!.add({ name: 'remote', config: { transport: 'http', url, headers: {}, secretHeaders: [] } })).rejects.toMatchObject({
      userMessage: expect.stringContaining('answered 401 Unauthorized'),
    });
    await expectNothingAdded('remote');
  });

  it('a tool whose schema is not valid JSON Schema is left out with the reason; the server’s other tools work', async () => {
    await setup();
    const info = await mcp!.add({ name: 'odd', config: nodeServer(fixture('dynamic-server.mjs'), ['bad_schema']) });
    expect(info.tools.map((t) => t.name)).toEqual(['odd.good']);
    expect(info.problems).toEqual([expect.stringMatching(/"broken" was not added: its input schema is not valid JSON Schema/)]);
  });

  it('invalid names and duplicates are refused', async () => {
    await setup();
    await expect(mcp!.add({ name: 'Bad Name', config: everythingServer() })).rejects.toThrow(/lowercase letters/);
    await expect(
      mcp!.add({ name: 'x', config: { ...everythingServer(), secretEnv: [] }, secrets: { API_KEY: 'sk-123' } }),
    ).rejects.toMatchObject({ userMessage: expect.stringContaining('do not list as secret keys') });
    await expectNothingAdded('x');
  });
});

describe('secrets and import', () => {
  it('secret env values go to the keychain, never into the stored config', async () => {
    await setup();
    const config = { ...nodeServer(fixture('dynamic-server.mjs')), secretEnv: ['DYN_TOKEN'] };
    await mcp!.add({ name: 'dyn', config, secrets: { DYN_TOKEN: 'tok-very-secret-123' } });
    expect(await h!.secrets.get(mcpEnvAccount('dyn', 'DYN_TOKEN'))).toBe('tok-very-secret-123');
    const row = h!.core.db.raw.prepare('SELECT config FROM mcp_servers').get() as { config: string };
    expect(row.config).toContain('DYN_TOKEN');
    expect(row.config).not.toContain('tok-very-secret-123');
    expect(JSON.stringify(h!.core.audit.list())).not.toContain('tok-very-secret-123');
    await mcp!.remove('dyn');
    expect(await h!.secrets.get(mcpEnvAccount('dyn', 'DYN_TOKEN'))).toBeNull();
  });

  it('imports another client’s mcpServers file: secrets split off, bad entries skipped with the reason', async () => {
    await setup();
    const everything = everythingServer();
    const file = JSON.stringify({
      mcpServers: {
        'server-everything': { command: everything.transport === 'stdio' ? everything.command : '', args: everything.transport === 'stdio' ? everything.args : [], env: { GITHUB_TOKEN: 'ghp_secret_value', LOG_LEVEL: 'info' } },
        broken: { args: ['x'] },
      },
    });
    const result = await mcp!.importJson({ json: file });
    expect(result.added).toEqual(['server_everything']);
    expect(result.skipped).toEqual([{ name: 'broken', reason: expect.stringContaining('neither "command"') }]);
    expect(await h!.secrets.get(mcpEnvAccount('server_everything', 'GITHUB_TOKEN'))).toBe('ghp_secret_value');
    const stored = mcp!.repo.get('server_everything')!;
    expect(stored.config).toMatchObject({ env: { LOG_LEVEL: 'info' }, secretEnv: ['GITHUB_TOKEN'] });
    await expect(mcp!.importJson({ json: '{"servers": {}}' })).rejects.toMatchObject({ userMessage: expect.stringContaining('no "mcpServers" object') });
    await expect(mcp!.importJson({ json: 'not json' })).rejects.toMatchObject({ userMessage: expect.stringContaining('not valid JSON') });
  });
});
