import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpManager } from '../../../src-main/core/mcp/mcp-manager.js';
import { createHarness, type Harness } from '../agent/support/agent-harness.js';
import { everythingServer, managerFor } from './mcp-support.js';

let h: Harness | undefined;
let mcp: McpManager | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  await mcp?.close();
  await h?.dispose();
  child?.kill();
  mcp = undefined;
  h = undefined;
  child = undefined;
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  return port;
}

/** server-everything over HTTP, in the given transport mode; resolves once it listens. */
async function startRemoteEverything(mode: 'streamableHttp' | 'sse'): Promise<number> {
  const port = await freePort();
  const stdio = everythingServer();
  child = spawn(stdio.command, [stdio.args[0]!, mode], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server-everything did not start')), 15_000);
    const onData = (chunk: Buffer) => {
      if (/listening|running/i.test(chunk.toString())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child!.stderr!.on('data', onData);
    child!.stdout!.on('data', onData);
  });
  return port;
}

describe('remote MCP servers', () => {
  it('connects over Streamable HTTP and runs a tool', async () => {
    const port = await startRemoteEverything('streamableHttp');
    h = await createHarness();
    mcp = managerFor(h);
    const info = await mcp.add({ name: 'remote', config: { transport: 'http', url: `http://127.0.0.1:${port}/mcp`, headers: {}, secretHeaders: [] } });
    expect(info).toMatchObject({ status: 'running', connectedVia: 'streamable-http' });
    expect(h.agent.deps.registry.has('remote.get_sum')).toBe(true);
  });

  it('falls back to the older HTTP+SSE transport when Streamable HTTP is not offered', async () => {
    const port = await startRemoteEverything('sse');
    h = await createHarness();
    mcp = managerFor(h);
    const info = await mcp.add({ name: 'legacy', config: { transport: 'http', url: `http://127.0.0.1:${port}/sse`, headers: {}, secretHeaders: [] } });
    expect(info).toMatchObject({ status: 'running', connectedVia: 'sse' });
    expect(h.agent.deps.registry.has('legacy.echo')).toBe(true);
  });
});
