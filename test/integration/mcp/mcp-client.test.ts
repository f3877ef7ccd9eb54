import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpManager } from '../../../src-main/core/mcp/mcp-manager.js';
import { USER_PROVENANCE } from '../../../src-main/core/tools/provenance.js';
import { tempDir } from '../../helpers/test-core.js';
import { createHarness, intentResponse, is, type Harness } from '../agent/support/agent-harness.js';
import { everythingServer, eventually, filesystemServer, fixture, managerFor, memoryServer, nodeServer } from './mcp-support.js';

let h: Harness | undefined;
let mcp: McpManager | undefined;
afterEach(async () => {
  await mcp?.close();
  await h?.dispose();
  mcp = undefined;
  h = undefined;
});

const run = (harness: Harness, tool: string, args: Record<string, unknown>, key = `k-${Math.random()}`) =>
  harness.agent.deps.runner.run({
    callKey: key,
    tool,
    args,
    taskId: null,
    conversationId: null,
    provenance: USER_PROVENANCE,
    actor: 'test',
    workspaceDir: tempDir('steward-mcp-ws-'),
    signal: new AbortController().signal,
  });

describe('MCP client with @modelcontextprotocol/server-everything', () => {
  it('adds its tools namespaced, classes them from annotations, and runs a read-only one without asking', async () => {
    h = await createHarness();
    mcp = managerFor(h);
    const info = await mcp.add({ name: 'everything', config: everythingServer() });
    expect(info).toMatchObject({ status: 'running', connectedVia: 'stdio', problems: [] });
    const names = h.agent.deps.registry.names();
    expect(names).toEqual(expect.arrayContaining(['everything.echo', 'everything.get_sum', 'everything.gzip_file_as_resource', 'everything.toggle_simulated_logging']));
    const registry = h.agent.deps.registry;
    expect(registry.get('everything.get_sum').sideEffect).toBe('none');
    expect(registry.get('everything.gzip_file_as_resource').sideEffect).toBe('external'); // openWorldHint
    expect(registry.get('everything.toggle_simulated_logging').sideEffect).toBe('local'); // explicitly closed, not destructive
    expect(registry.mode('everything.get_sum')).toBe('always');
    expect(registry.mode('everything.toggle_simulated_logging')).toBe('ask');

    const outcome = await run(h, 'everything.get_sum', { a: 2, b: 3 });
    expect(outcome.status).toBe('succeeded');
    if (outcome.status !== 'succeeded') return;
    expect((outcome.result.output as { text: string }).text).toContain('5');
    expect(h.core.audit.list().find((row) => row.action === 'tool:everything.get_sum')).toMatchObject({ result: 'ok', approver: 'policy:always' });

    // Invalid arguments are refused by the tool's own JSON Schema before the server sees them.
    const invalid = await run(h, 'everything.get_sum', { a: 'two', b: 3 });
    expect(invalid.status).toBe('invalid');
  });

  it('lists resources and prompts; reads a resource and renders a prompt with arguments', async () => {
    h = await createHarness();
    mcp = managerFor(h);
    const info = await mcp.add({ name: 'everything', config: everythingServer() });
    expect(info.resources.length).toBeGreaterThan(0);
    expect(info.prompts.map((p) => p.command)).toEqual(expect.arrayContaining(['/everything.simple_prompt', '/everything.args_prompt']));
    const resource = await mcp.readResource('everything', info.resources[0]!.uri);
    expect(resource.text.length).toBeGreaterThan(10);
    expect(mcp.findPrompt('everything.args_prompt')).toEqual({ server: 'everything', prompt: 'args-prompt' });
    const text = await mcp.getPrompt('everything', 'args-prompt', { city: 'Lisbon' });
    expect(text).toContain('Lisbon');
  });

  it('passes progress of a long-running call to the call log', async () => {
    h = await createHarness();
    mcp = managerFor(h);
    await mcp.add({ name: 'everything', config: everythingServer() });
    const outcome = await run(h, 'everything.trigger_long_running_operation', { duration: 1, steps: 3 });
    expect(outcome.status).toBe('succeeded');
    if (outcome.status !== 'succeeded') return;
    // Progress notifications reach the call log while the call runs (the last one may race the result).
    expect(JSON.stringify(outcome.result)).toMatch(/progress 1\/3.*progress 2\/3/);
  });

  it('two servers offering the same tool name are both kept, each under its own namespace', async () => {
    h = await createHarness();
    mcp = managerFor(h);
    await mcp.add({ name: 'alpha', config: everythingServer() });
    await mcp.add({ name: 'beta', config: everythingServer() });
    expect(h.agent.deps.registry.names()).toEqual(expect.arrayContaining(['alpha.echo', 'beta.echo']));
    const outcome = await run(h, 'beta.echo', { message: 'hi from beta' });
    expect(outcome.status).toBe('succeeded');
    // Server names are unique: a second "alpha" is refused, never merged or shadowed.
    await expect(mcp.add({ name: 'alpha', config: everythingServer() })).rejects.toMatchObject({ code: 'conflict', userMessage: expect.stringContaining('already exists') });
  });
});

describe('MCP client with @modelcontextprotocol/server-filesystem', () => {
  it('a destructive write from the chat waits for approval; nothing is written until the user approves through the API', async () => {
    const dir = tempDir('steward-mcp-fs-');
    const target = path.join(dir, 'hello.txt');
    h = await createHarness({
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('simple_action', { tool: 'files_mcp.write_file', parameters: { path: target, content: 'Hello from Steward' } }) }] },
    });
    mcp = managerFor(h);
    await mcp.add({ name: 'files_mcp', config: filesystemServer(dir) });
    expect(h.agent.deps.registry.get('files_mcp.write_file').sideEffect).toBe('external');
    expect(h.agent.deps.registry.get('files_mcp.read_text_file').sideEffect).toBe('none');

    const since = h.mark();
    await h.send('write hello.txt saying Hello from Steward');
    const requested = await h.waitFor(is('approval.requested'), { since });
    expect(requested.approval).toMatchObject({ tool: 'files_mcp.write_file', risk: 'external', args: { path: target, content: 'Hello from Steward' } });
    expect(existsSync(target)).toBe(false);

    await h.core.request('approvals.respond', { id: requested.approval.id, decision: 'approve' });
    await h.waitForTask(requested.approval.taskId!, ['succeeded']);
    expect(readFileSync(target, 'utf8')).toBe('Hello from Steward');
    expect(h.core.audit.list().find((row) => row.action === 'tool:files_mcp.write_file')).toMatchObject({ result: 'ok', approver: expect.stringMatching(/^user:/) });
  });

  it('a rejected write changes nothing; a read runs without asking', async () => {
    const dir = tempDir('steward-mcp-fs-');
    writeFileSync(path.join(dir, 'notes.txt'), 'quarterly numbers');
    h = await createHarness();
    mcp = managerFor(h);
    await mcp.add({ name: 'files_mcp', config: filesystemServer(dir) });
    const read = await run(h, 'files_mcp.read_text_file', { path: path.join(dir, 'notes.txt') });
    expect(read.status).toBe('succeeded');
    if (read.status === 'succeeded') expect((read.result.output as { text: string }).text).toBe('quarterly numbers');

    const since = h.mark();
    const pending = run(h, 'files_mcp.write_file', { path: path.join(dir, 'notes.txt'), content: 'overwritten' });
    const requested = await h.waitFor(is('approval.requested'), { since });
    await h.core.request('approvals.respond', { id: requested.approval.id, decision: 'reject' });
    expect((await pending).status).toBe('rejected');
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('quarterly numbers');
  });
});

describe('MCP client with @modelcontextprotocol/server-memory', () => {
  it('creating entities asks first; reading the graph does not', async () => {
    const file = path.join(tempDir('steward-mcp-mem-'), 'memory.jsonl');
    h = await createHarness();
    mcp = managerFor(h);
    await mcp.add({ name: 'kg', config: memoryServer(file) });
    const since = h.mark();
    const pending = run(h, 'kg.create_entities', { entities: [{ name: 'Dana', entityType: 'person', observations: ['runs the bakery'] }] });
    const requested = await h.waitFor(is('approval.requested'), { since });
    expect(requested.approval.risk).toBe('local');
    await h.core.request('approvals.respond', { id: requested.approval.id, decision: 'approve' });
    expect((await pending).status).toBe('succeeded');
    const graph = await run(h, 'kg.read_graph', {});
    expect(graph.status).toBe('succeeded');
    if (graph.status === 'succeeded') expect((graph.result.output as { text: string }).text).toContain('runs the bakery');
  });
});

describe('MCP client: list changes, crashes and restarts', () => {
  it('picks up a tool added at runtime (tools/list_changed)', async () => {
    h = await createHarness();
    mcp = managerFor(h);
    const info = await mcp.add({ name: 'dyn', config: nodeServer(fixture('dynamic-server.mjs')) });
    expect(info.tools.map((t) => t.name)).toEqual(['dyn.grow', 'dyn.say']);
    expect(h.agent.deps.registry.get('dyn.say').sideEffect).toBe('external'); // no annotations → external
    h.agent.deps.registry.setPermission('dyn.grow', 'always');
    expect((await run(h, 'dyn.grow', {})).status).toBe('succeeded');
    await eventually(() => h!.agent.deps.registry.has('dyn.extra'));
    expect((await run(h, 'dyn.extra', { word: 'hi' })).status).toBe('succeeded');
  });

  it('a crashed server shows as crashed with its stderr, its tools go away, the chat still answers; restart brings it back', async () => {
    h = await createHarness({ script: { rules: [{ match: { role: 'intent' }, response: intentResponse('conversation') }], fallback: { type: 'text', text: 'Still here.' } } as never });
    mcp = managerFor(h);
    await mcp.add({ name: 'dyn', config: nodeServer(fixture('dynamic-server.mjs')) });
    const pid = (mcp as unknown as { servers: Map<string, { connection: { transport: { pid: number } } }> }).servers.get('dyn')!.connection.transport.pid;
    process.kill(pid, 'SIGKILL');
    const crashed = await eventually(() => mcp!.list().find((s) => s.status === 'crashed'));
    expect(crashed.reason).toContain('stopped unexpectedly');
    expect(crashed.stderrTail).toContain('dynamic server ready');
    expect(h.agent.deps.registry.has('dyn.say')).toBe(false);
    const { replies } = await h.send('hello?');
    expect(replies.length).toBeGreaterThan(0);
    const restarted = await mcp.restart('dyn');
    expect(restarted.status).toBe('running');
    expect(h.agent.deps.registry.has('dyn.say')).toBe(true);
    const disabled = await mcp.setEnabled('dyn', false);
    expect(disabled.status).toBe('disabled');
    expect(h.agent.deps.registry.has('dyn.say')).toBe(false);
  });
});
