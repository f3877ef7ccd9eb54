/**
 * Steward as an MCP server for other programs (Claude Desktop, Cursor, scripts): its own tools,
 * a search of the business memory, and "ask Steward" (one chat turn).
 *
 * Every call that has a side effect goes through Steward's approval gate, whatever the tool's
 * permission mode or remembered grants: the approval card says "requested by MCP client <name>",
 * and the MCP call waits for the user's answer (up to a timeout, after which it is rejected).
 * Tools that come from Steward's own MCP servers are not re-exported (no loops).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AttachedAgent } from '../agent/attached-agent.js';
import type { Core } from '../core-types.js';
import { toStewardError } from '../errors.js';
import type { AnyTool } from '../tools/tool.js';
import { toolParametersJsonSchema, wireToolName } from '../tools/tool-json-schema.js';

export const MEMORY_SEARCH_TOOL = 'memory_search';
export const ASK_STEWARD_TOOL = 'ask_steward';
const DEFAULT_WAIT_MS = 10 * 60_000;
const ASK_TIMEOUT_MS = 5 * 60_000;

const AskInput = z.object({ message: z.string().trim().min(1, 'is empty').max(20_000), conversationId: z.string().min(1).max(64).optional() }).strict();
const SearchInput = z.object({ query: z.string().trim().min(1, 'is empty').max(2000), limit: z.number().int().min(1).max(50).optional() }).strict();

/** The agent parts Steward's MCP server uses: its tools and tool-call path, approvals (to reject one nobody answered in time), and the MCP client (whose servers' tools are not re-exported). */
export type StewardMcpAgent = Pick<AttachedAgent, 'tools' | 'extensions'> & { control: Pick<AttachedAgent['control'], 'respondApproval'> };

export interface StewardMcpServerOptions {
  /** How long a side-effect call waits for the user's approval before it is rejected (default 10 minutes). */
  approvalWaitMs?: number;
}

export function createStewardMcpServer(core: Core, agent: StewardMcpAgent, options: StewardMcpServerOptions = {}): Server {
  const server = new Server({ name: 'steward', version: core.config.version }, { capabilities: { tools: {} }, instructions: 'Steward’s tools, business memory and assistant. Actions with side effects wait for the Steward user’s approval.' });
  const clientName = () => (server.getClientVersion()?.name ?? 'unknown client').slice(0, 80);

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [...exportedTools(agent).map(describeTool), memorySearchTool, askTool] }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const name = request.params.name;
    const args = request.params.arguments ?? {};
    try {
      if (name === MEMORY_SEARCH_TOOL) return await memorySearch(core, args, clientName());
      if (name === ASK_STEWARD_TOOL) return await askSteward(core, args, clientName(), extra.signal);
      const tool = exportedTools(agent).find((t) => wireToolName(t.name) === name);
      if (!tool) return errorResult(`Steward has no tool called "${name}". List the tools again; it may have been removed.`);
      return await runTool(core, agent, tool, args, clientName(), extra.signal, options.approvalWaitMs ?? DEFAULT_WAIT_MS);
    } catch (err) {
      return errorResult(toStewardError(err).userMessage);
    }
  });
  return server;
}

/** Steward's own tools: not those that came from MCP servers Steward is a client of. */
function exportedTools(agent: StewardMcpAgent): AnyTool[] {
  const foreign = new Set((agent.extensions.mcp?.list() ?? []).flatMap((s) => s.tools.map((t) => t.name)));
  return agent.tools.registry.list().filter((t) => !foreign.has(t.name));
}

function describeTool(tool: AnyTool): McpTool {
  const schema = toolParametersJsonSchema(tool);
  return {
    name: wireToolName(tool.name),
    description: `${tool.description}${tool.sideEffect === 'none' ? '' : ' (needs the Steward user’s approval)'}`,
    inputSchema: { ...schema, type: 'object' } as McpTool['inputSchema'],
    annotations: {
      readOnlyHint: tool.sideEffect === 'none',
      destructiveHint: tool.sideEffect !== 'none',
      openWorldHint: tool.sideEffect === 'external' || tool.sideEffect === 'financial',
      idempotentHint: tool.idempotent,
    },
  };
}

const memorySearchTool: McpTool = {
  name: MEMORY_SEARCH_TOOL,
  description: 'Search Steward’s business memory (facts about the company, people, preferences, past conversations).',
  inputSchema: { type: 'object', properties: { query: { type: 'string', description: 'what to look for' }, limit: { type: 'integer', minimum: 1, maximum: 50 } }, required: ['query'] },
  annotations: { readOnlyHint: true, openWorldHint: false },
};

const askTool: McpTool = {
  name: ASK_STEWARD_TOOL,
  description: 'Ask Steward something in plain language (one chat turn). Actions it takes wait for the Steward user’s approval.',
  inputSchema: { type: 'object', properties: { message: { type: 'string' }, conversationId: { type: 'string', description: 'continue an earlier conversation' } }, required: ['message'] },
  annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: true },
};

async function runTool(core: Core, agent: StewardMcpAgent, tool: AnyTool, args: Record<string, unknown>, client: string, parent: AbortSignal, waitMs: number): Promise<CallToolResult> {
  const { runner } = agent.tools;
  const controller = new AbortController();
  const abort = () => controller.abort(parent.reason);
  parent.addEventListener('abort', abort, { once: true });
  let approvalId: string | null = null;
  const timer = setTimeout(() => controller.abort(new Error('approval wait timed out')), waitMs);
  try {
    const outcome = await runner.run({
      callKey: `mcp:${randomUUID()}`,
      tool: tool.name,
      args,
      taskId: null,
      conversationId: null,
      provenance: { source: 'untrusted', detail: `requested by MCP client ${client}` },
      actor: `mcp-client:${client}`,
      workspaceDir: path.join(core.paths.profileDir, 'mcp-workspace'),
      signal: controller.signal,
      requireApproval: true,
      onWaiting: (id) => {
        approvalId = id;
      },
    });
    switch (outcome.status) {
      case 'succeeded':
        return { content: [{ type: 'text', text: `${outcome.result.summary}\n${JSON.stringify(outcome.result.output ?? null).slice(0, 20_000)}` }], structuredContent: { output: outcome.result.output as unknown } as Record<string, unknown> };
      case 'invalid':
        return errorResult(outcome.error.userMessage);
      case 'interrupted':
        return errorResult(`"${tool.name}" was interrupted.`);
      default:
        return errorResult(outcome.error.userMessage);
    }
  } catch (err) {
    if (controller.signal.aborted && approvalId) {
      // No answer in time (or the client gave up): the request must not stay open in Steward's UI.
      await agent.control
        .respondApproval({ id: approvalId, decision: 'reject' }, 'system:mcp-timeout')
        .catch(() => undefined);
      return errorResult(`No approval from the Steward user within ${Math.round(waitMs / 1000)} s, so "${tool.name}" did not run.`);
    }
    throw err;
  } finally {
    clearTimeout(timer);
    parent.removeEventListener('abort', abort);
  }
}

async function memorySearch(core: Core, raw: unknown, client: string): Promise<CallToolResult> {
  const input = SearchInput.safeParse(raw);
  if (!input.success) return errorResult(`memory_search needs {"query": "…"}: ${input.error.issues.map((i) => `${i.path.join('.') || 'input'} ${i.message}`).join('; ')}`);
  const result = await core.call('memory.search', { query: input.data.query, limit: input.data.limit ?? 10 }, { actor: `mcp-client:${client}` });
  return { content: [{ type: 'text', text: JSON.stringify(result) }] };
}

async function askSteward(core: Core, raw: unknown, client: string, signal: AbortSignal): Promise<CallToolResult> {
  const input = AskInput.safeParse(raw);
  if (!input.success) return errorResult(`ask_steward needs {"message": "…"}: ${input.error.issues.map((i) => `${i.path.join('.') || 'input'} ${i.message}`).join('; ')}`);
  const sent = await core.call('chat.send', { text: input.data.message, ...(input.data.conversationId && { conversationId: input.data.conversationId }) }, { actor: `mcp-client:${client}` });
  const pending = core.conversations.replyTo(sent.message.id);
  let timer: NodeJS.Timeout | undefined;
  const replies = pending
    ? await Promise.race([pending, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ASK_TIMEOUT_MS))), new Promise<null>((resolve) => signal.addEventListener('abort', () => resolve(null), { once: true }))])
    : [];
  clearTimeout(timer);
  const text = replies === null ? 'Steward is still working on it; the answer will be in the conversation.' : replies.map((m) => m.text).join('\n\n') || '(no reply)';
  return { content: [{ type: 'text', text }], structuredContent: { conversationId: sent.conversationId } };
}

function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}
