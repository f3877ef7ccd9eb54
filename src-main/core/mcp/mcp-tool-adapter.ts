/**
 * Turns one tool offered by an MCP server into a Steward tool, so it takes the same path as every
 * built-in tool: permission mode, approval card, budget, audit (DESIGN §4.1).
 *
 * The side-effect class comes from the tool's annotations, which are hints from the server:
 *   readOnlyHint (and not destructive)                 → none (runs without asking by default)
 *   destructiveHint or openWorldHint, or no annotations → external (asks)
 *   explicitly not read-only, not destructive, closed   → local (asks)
 * A server that marks a tool both read-only and destructive gets the stricter reading, and no
 * annotation can make a tool skip the approval that its class and the user's mode require.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CallToolResult, Tool as McpTool, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { AnyTool, SideEffect, ToolContext } from '../tools/tool.js';
import { McpToolCallError } from './mcp-errors.js';

const MAX_TOOL_NAME = 64;
const MAX_OUTPUT_CHARS = 20_000;
export const MCP_TOOL_TIMEOUT_MS = 120_000;

export function sideEffectFromAnnotations(annotations: ToolAnnotations | undefined): SideEffect {
  if (!annotations) return 'external';
  if (annotations.destructiveHint === true || annotations.openWorldHint === true) return 'external';
  if (annotations.readOnlyHint === true) return 'none';
  // Absent hints take the protocol's defaults: destructive and open-world unless said otherwise.
  if (annotations.readOnlyHint === false && annotations.destructiveHint === false && annotations.openWorldHint === false) return 'local';
  return 'external';
}

/** "get-sum" on server "everything" → "everything.get_sum"; overlong names keep a short hash so they stay unique. */
export function mcpToolName(server: string, tool: string): string {
  const local = tool
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 't_$1') || 'tool';
  const full = `${server}.${local}`;
  if (full.length <= MAX_TOOL_NAME) return full;
  const hash = createHash('sha256').update(tool).digest('hex').slice(0, 6);
  return `${full.slice(0, MAX_TOOL_NAME - 7)}_${hash}`;
}

export class McpToolSchemaError extends Error {}

/** The tool's JSON Schema as a zod schema; throws McpToolSchemaError when it is not valid JSON Schema. */
export function parametersFromJsonSchema(inputSchema: unknown): z.ZodType {
  if (!inputSchema || typeof inputSchema !== 'object' || (inputSchema as { type?: unknown }).type !== 'object') {
    throw new McpToolSchemaError('its input schema is not a JSON Schema object (type "object")');
  }
  try {
    return z.fromJSONSchema(inputSchema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (err) {
    throw new McpToolSchemaError(`its input schema is not valid JSON Schema (${err instanceof Error ? err.message : String(err)})`);
  }
}

export type McpCall = (tool: string, args: Record<string, unknown>, options: { signal: AbortSignal; timeoutMs: number; onProgress?: (progress: number, total?: number) => void }) => Promise<CallToolResult>;

export interface McpToolOutput {
  /** Text of the result. Untrusted: it came from another program (DESIGN §4.2). */
  text: string;
  structuredContent: Record<string, unknown> | null;
  source: string;
}

export function buildMcpTool(server: string, tool: McpTool, call: McpCall): AnyTool {
  const parameters = parametersFromJsonSchema(tool.inputSchema);
  const sideEffect = sideEffectFromAnnotations(tool.annotations);
  const name = mcpToolName(server, tool.name);
  const title = tool.title ?? tool.annotations?.title ?? tool.name;
  return {
    name,
    description: `${(tool.description ?? title).slice(0, 500)} (from MCP server "${server}")`,
    parameters,
    sideEffect,
    defaultPermission: sideEffect === 'none' ? 'always' : 'ask',
    idempotent: tool.annotations?.idempotentHint === true || sideEffect === 'none',
    timeoutMs: MCP_TOOL_TIMEOUT_MS,
    describe: (params) => `Run “${title}” on MCP server “${server}”${argPreview(params)}`,
    // Its result enters prompts wrapped as untrusted data under this name, which approval cards of what follows show too.
    resultOrigin: () => `the result of ${tool.name} on MCP server “${server}”`,
    async execute(params, context: ToolContext) {
      const result = await call(tool.name, (params ?? {}) as Record<string, unknown>, {
        signal: context.signal,
        timeoutMs: MCP_TOOL_TIMEOUT_MS,
        onProgress: (progress, total) => context.log(`progress ${progress}${total ? `/${total}` : ''}`),
      });
      const text = resultText(result);
      if (result.isError) throw new McpToolCallError(name, text.slice(0, 500) || 'no details given');
      const output: McpToolOutput = {
        text: text.slice(0, MAX_OUTPUT_CHARS),
        structuredContent: (result.structuredContent as Record<string, unknown> | undefined) ?? null,
        source: `MCP server "${server}", tool "${tool.name}"`,
      };
      const firstLine = text.split('\n').find((line) => line.trim()) ?? 'no output';
      return { output, summary: `${name}: ${firstLine.trim().slice(0, 160)}` };
    },
  };
}

function argPreview(params: unknown): string {
  if (!params || typeof params !== 'object') return '';
  const entries = Object.entries(params as Record<string, unknown>).slice(0, 2);
  if (entries.length === 0) return '';
  return ` (${entries.map(([k, v]) => `${k}: ${JSON.stringify(v)?.slice(0, 60)}`).join(', ')})`;
}

/** Text parts joined; other parts named so nothing is silently dropped. */
export function resultText(result: CallToolResult): string {
  const parts = (result.content ?? []).map((part) => {
    switch (part.type) {
      case 'text':
        return part.text;
      case 'image':
        return `[image ${part.mimeType}]`;
      case 'audio':
        return `[audio ${part.mimeType}]`;
      case 'resource':
        return 'text' in part.resource ? part.resource.text : `[resource ${part.resource.uri}]`;
      case 'resource_link':
        return `[link ${part.uri}]`;
      default:
        return '';
    }
  });
  if (parts.length === 0 && result.structuredContent) return JSON.stringify(result.structuredContent);
  return parts.filter(Boolean).join('\n');
}
