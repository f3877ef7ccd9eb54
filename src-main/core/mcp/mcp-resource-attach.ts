/**
 * Attaching an MCP resource to a chat: its text becomes a message in the conversation, marked as
 * untrusted content (DESIGN §4.2), so the agent reads it as data and anything proposed after it
 * shows where it came from on the approval card.
 */
import type { Core } from '../core-types.js';
import { MessageProvenance } from '../agent/prompt/message-provenance.js';
import type { McpManager } from './mcp-manager.js';

const MAX_ATTACHED_CHARS = 50_000;

export async function attachResource(core: Core, manager: McpManager, input: { server: string; uri: string; conversationId: string }): Promise<{ messageId: string }> {
  core.conversations.repo.get(input.conversationId); // not found → clear error before reading anything
  const resource = await manager.readResource(input.server, input.uri);
  const text = resource.text.length > MAX_ATTACHED_CHARS ? `${resource.text.slice(0, MAX_ATTACHED_CHARS)}\n… (cut at ${MAX_ATTACHED_CHARS.toLocaleString('en-US')} characters)` : resource.text;
  const message = core.db.transaction(() => {
    const added = core.conversations.repo.addMessage({ conversationId: input.conversationId, role: 'system', agent: null, text: `Attached ${input.uri} from MCP server “${input.server}”:\n\n${text}`, status: 'complete' });
    new MessageProvenance(core.db.raw).markUntrusted(added.id, `resource ${input.uri} from MCP server "${input.server}"`);
    return added;
  });
  core.events.emit({ type: 'message.created', message });
  return { messageId: message.id };
}
