/**
 * Translation between Steward's provider types and the OpenAI chat-completions wire format, on the
 * client side (what we send to a cloud or local OpenAI-compatible server, and how we read it back).
 */
import type { ChatCompletionChunk, ChatCompletionFunctionTool, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ResponseFormatJSONObject, ResponseFormatJSONSchema } from 'openai/resources/shared';
import { z } from 'zod';
import { InvalidModelOutputError } from '../llm-errors.js';
import type { ChatMessage, ChatResult, ToolCall, ToolDefinition } from '../provider.js';

export function toOpenAiMessages(messages: ChatMessage[]): ChatCompletionMessageParam[] {
  return messages.map((message): ChatCompletionMessageParam => {
    switch (message.role) {
      case 'system':
        return { role: 'system', content: message.content };
      case 'user':
        // Images go as image_url content parts with data URLs (OpenAI's vision input), after the text.
        return message.images?.length
          ? {
              role: 'user',
              content: [
                { type: 'text', text: message.content },
                ...message.images.map((image) => ({ type: 'image_url' as const, image_url: { url: `data:${image.mediaType};base64,${image.dataBase64}` } })),
              ],
            }
          : { role: 'user', content: message.content };
      case 'assistant':
        return message.toolCalls?.length
          ? {
              role: 'assistant',
              content: message.content || null,
              tool_calls: message.toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: JSON.stringify(call.arguments) },
              })),
            }
          : { role: 'assistant', content: message.content };
      case 'tool':
        return { role: 'tool', content: message.content, tool_call_id: message.toolCallId };
    }
  });
}

export function toOpenAiTools(tools: ToolDefinition[]): ChatCompletionFunctionTool[] {
  return tools.map((tool) => ({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } }));
}

/** Parses the JSON argument strings of tool calls; arguments that are not a JSON object are a broken answer. */
export function parseToolCalls(calls: ReadonlyArray<{ id: string; name: string; arguments: string }>): ToolCall[] {
  return calls.map((call) => {
    let parsed: unknown;
    try {
      parsed = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
    } catch (err) {
      throw new InvalidModelOutputError(`arguments of ${call.name}`, [{ path: '', message: `not valid JSON (${(err as Error).message})` }], call.arguments);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new InvalidModelOutputError(`arguments of ${call.name}`, [{ path: '', message: 'must be a JSON object' }], call.arguments);
    }
    return { id: call.id, name: call.name, arguments: parsed as Record<string, unknown> };
  });
}

export function toFinishReason(reason: string | null | undefined, hasToolCalls: boolean): ChatResult['finishReason'] {
  if (hasToolCalls || reason === 'tool_calls' || reason === 'function_call') return 'tool_calls';
  if (reason === 'length') return 'length';
  return 'stop';
}

/** Streams send each tool call in pieces keyed by index; this puts them back together. */
export class ToolCallAccumulator {
  private readonly calls = new Map<number, { id: string; name: string; arguments: string }>();

  add(deltas: ChatCompletionChunk.Choice.Delta.ToolCall[] | undefined): void {
    for (const delta of deltas ?? []) {
      const current = this.calls.get(delta.index) ?? { id: '', name: '', arguments: '' };
      if (delta.id) current.id = delta.id;
      if (delta.function?.name) current.name += delta.function.name;
      if (delta.function?.arguments) current.arguments += delta.function.arguments;
      this.calls.set(delta.index, current);
    }
  }

  get size(): number {
    return this.calls.size;
  }

  result(): ToolCall[] {
    const ordered = [...this.calls.entries()].sort(([a], [b]) => a - b).map(([index, call]) => ({ ...call, id: call.id || `call_${index}` }));
    return parseToolCalls(ordered);
  }
}

/** OpenAI requires schema names of letters, digits, '_' and '-', at most 64 long. */
export function schemaNameForWire(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 64);
  return cleaned || 'answer';
}

/**
 * response_format for a zod schema. `strict` (constrained decoding on OpenAI) is only asked for
 * when the schema has the shape strict mode demands — every property required, no extra
 * properties — otherwise the server would refuse the request; validation plus one repair covers
 * the rest. A schema zod cannot express as JSON Schema falls back to plain JSON mode.
 */
export function responseFormatFor(schema: z.ZodType, schemaName: string, allowStrict: boolean): ResponseFormatJSONSchema | ResponseFormatJSONObject {
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return { type: 'json_object' };
  }
  delete json.$schema;
  return { type: 'json_schema', json_schema: { name: schemaNameForWire(schemaName), schema: json, strict: allowStrict && isStrictShaped(json) } };
}

/** True when every object node lists all its properties as required and forbids others (OpenAI strict mode's rule). */
export function isStrictShaped(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(isStrictShaped);
  if (!node || typeof node !== 'object') return true;
  const record = node as Record<string, unknown>;
  if (record.type === 'object' || record.properties) {
    const properties = (record.properties ?? {}) as Record<string, unknown>;
    const required = Array.isArray(record.required) ? (record.required as unknown[]) : [];
    if (record.additionalProperties !== false) return false;
    if (!Object.keys(properties).every((key) => required.includes(key))) return false;
  }
  return Object.entries(record).every(([key, value]) => key === 'enum' || key === 'const' || isStrictShaped(value));
}

/** Rough token count (characters / 4). Servers report real usage; this only fills in when they do not. */
export function approximateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function approximatePromptTokens(messages: ChatMessage[]): number {
  return approximateTokens(messages.map((m) => m.content).join('\n'));
}
