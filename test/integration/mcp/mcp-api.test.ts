import { afterEach, describe, expect, it } from 'vitest';
import { installMcp } from '../../../src-main/core/mcp/install-mcp.js';
import type { McpManager } from '../../../src-main/core/mcp/mcp-manager.js';
import { createHarness, type Harness } from '../agent/support/agent-harness.js';
import { everythingServer } from './mcp-support.js';

let h: Harness | undefined;
let mcp: McpManager | undefined;
afterEach(async () => {
  await mcp?.close();
  await h?.dispose();
});

describe('MCP servers through the API', () => {
  it('add, list, attach a resource to a chat as untrusted content, disable, remove — each audited', async () => {
    h = await createHarness();
    mcp = installMcp(h.core, h.agent.deps);
    const added = await h.core.request('mcp.servers.add', { name: 'everything', config: everythingServer() });
    expect(added.status).toBe('running');
    expect((await h.core.request('mcp.servers.list', {})).map((s) => s.name)).toEqual(['everything']);
    expect((await h.core.request('tools.list', {})).map((t) => t.name)).toContain('everything.get_sum');

    const conversation = await h.core.request('conversations.create', { title: 'Docs' });
    const uri = added.resources[0]!.uri;
    const { messageId } = await h.core.request('mcp.resources.attach', { server: 'everything', uri, conversationId: conversation.id });
    const message = h.messages(conversation.id).find((m) => m.id === messageId)!;
    expect(message.text).toContain(`Attached ${uri} from MCP server “everything”`);
    const marked = h.core.db.raw.prepare('SELECT source, detail FROM message_provenance WHERE message_id = ?').get(messageId);
    expect(marked).toEqual({ source: 'untrusted', detail: `resource ${uri} from MCP server "everything"` });

    expect((await h.core.request('mcp.servers.setEnabled', { name: 'everything', enabled: false })).status).toBe('disabled');
    await expect(h.core.request('mcp.resources.read', { server: 'everything', uri })).rejects.toMatchObject({ userMessage: expect.stringContaining('is disabled') });
    expect(await h.core.request('mcp.servers.remove', { name: 'everything' })).toEqual({ removed: true });
    expect(h.core.audit.list().map((row) => row.action)).toEqual(expect.arrayContaining(['mcp.servers.add', 'mcp.servers.setEnabled', 'mcp.servers.remove']));
  });

  it('bad input: a name that is not a namespace, a missing command, an unknown server', async () => {
    h = await createHarness();
    mcp = installMcp(h.core, h.agent.deps);
    await expect(h.core.request('mcp.servers.add', { name: 'My Server', config: everythingServer() })).rejects.toMatchObject({ code: 'invalid_input', userMessage: expect.stringContaining('name') });
    await expect(h.core.call('mcp.servers.add', { name: 'x', config: { transport: 'stdio', command: '' } }, { actor: 'test' })).rejects.toMatchObject({ userMessage: expect.stringContaining('give the program to start') });
    await expect(h.core.request('mcp.servers.restart', { name: 'nope' })).rejects.toMatchObject({ code: 'not_found', userMessage: expect.stringContaining('no MCP server named "nope"') });
    expect(await h.core.request('mcp.servers.list', {})).toEqual([]);
  });
});
