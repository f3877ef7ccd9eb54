/**
 * The local API's side of the wire format: OpenAI chat-completion bodies in, Steward provider
 * calls out, and provider results back as OpenAI completion objects and stream chunks.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ChatMessage, ChatResult, TokenUsage, ToolCall, ToolDefinition } from '../provider.js';
import { badRequest } from './openai-error-body.js';
import type { ChatCompletionBody, WireMessage } from './wire-schemas.js';

export function completionId(): string {
  return `chatcmpl-${randomBytes(12).toString('hex')}`;
}

function textOf(content: WireMessage['content']): string {
  if (content === null || content === undefined) return '';
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

export function toChatMessages(messages: ChatCompletionBody['messages']): ChatMessage[] {
  // Tool results carry only the call id on the wire; Steward's messages also name the tool.
  const toolNames = new Map<string, string>();
  return messages.map((message, index): ChatMessage => {
    switch (message.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content: textOf(message.content) };
      case 'user':
        return { role: 'user', content: textOf(message.content) };
      case 'assistant': {
        const toolCalls = (message.tool_calls ?? []).map((call, j): ToolCall => {
          toolNames.set(call.id, call.function.name);
          return { id: call.id, name: call.function.name, arguments: parseArguments(call.function.arguments, `messages[${index}].tool_calls[${j}].function.arguments`) };
        });
        return toolCalls.length ? { role: 'assistant', content: textOf(message.content), toolCalls } : { role: 'assistant', content: textOf(message.content) };
      }
      case 'tool':
        return { role: 'tool', content: textOf(message.content), toolCallId: message.tool_call_id, name: toolNames.get(message.tool_call_id) ?? 'tool' };
    }
  });
}

function parseArguments(text: string, param: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw badRequest(`${param} must be a JSON object encoded as a string.`, param);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest(`${param} must be a JSON object encoded as a string.`, param);
  return value as Record<string, unknown>;
}

export function toToolDefinitions(body: ChatCompletionBody): ToolDefinition[] | undefined {
  if (!body.tools?.length || body.tool_choice === 'none') return undefined;
  return body.tools.map((tool) => ({
    name: tool.function.name,
    description: tool.function.description ?? '',
    parameters: tool.function.parameters ?? { type: 'object', properties: {} },
  }));
}

/** The zod schema a response_format asks for, or null for plain text. */
export function requestedJsonSchema(body: ChatCompletionBody): { schema: z.ZodType; name: string } | null {
  const format = body.response_format;
  if (!format || format.type === 'text') return null;
  if (format.type === 'json_object') return { schema: z.record(z.string(), z.unknown()), name: 'json_object' };
  if (!format.json_schema.schema) return { schema: z.record(z.string(), z.unknown()), name: format.json_schema.name };
  try {
    return { schema: z.fromJSONSchema(format.json_schema.schema as Parameters<typeof z.fromJSONSchema>[0]), name: format.json_schema.name };
  } catch (err) {
    throw badRequest(`response_format.json_schema.schema is not a JSON Schema Steward can use (${(err as Error).message}).`, 'response_format.json_schema.schema');
  }
}

export function wireFinishReason(reason: ChatResult['finishReason']): 'stop' | 'length' | 'tool_calls' {
  return reason === 'aborted' ? 'stop' : reason;
}

export function wireToolCalls(calls: ToolCall[]) {
  return calls.map((call, index) => ({ index, id: call.id, type: 'function' as const, function: { name: call.name, arguments: JSON.stringify(call.arguments) } }));
}

export function wireUsage(usage: TokenUsage) {
  return { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens };
}

export interface CompletionAnswer {
  text: string;
  toolCalls: ToolCall[];
  finishReason: ChatResult['finishReason'];
  usage: TokenUsage;
  /** The model that actually answered (a router may have sent the request elsewhere). */
  model: string;
}

export function totalUsage(answers: CompletionAnswer[]): TokenUsage {
  // Every choice reads the same prompt, so OpenAI counts it once.
  return { promptTokens: answers[0]?.usage.promptTokens ?? 0, completionTokens: answers.reduce((sum, a) => sum + a.usage.completionTokens, 0) };
}

export function completionObject(id: string, created: number, answers: CompletionAnswer[]) {
  return {
    id,
    object: 'chat.completion' as const,
    created,
    model: answers[0]?.model ?? '',
    choices: answers.map((answer, index) => {
      const toolCalls = wireToolCalls(answer.toolCalls).map(({ index: _index, ...call }) => call);
      return {
        index,
        message: { role: 'assistant' as const, content: answer.text || (toolCalls.length ? null : ''), refusal: null, ...(toolCalls.length && { tool_calls: toolCalls }) },
        finish_reason: wireFinishReason(answer.finishReason),
        logprobs: null,
      };
    }),
    usage: wireUsage(totalUsage(answers)),
  };
}

export function chunkObject(id: string, created: number, model: string, delta: Record<string, unknown>, finishReason: string | null, index = 0) {
  return { id, object: 'chat.completion.chunk' as const, created, model, choices: [{ index, delta, finish_reason: finishReason, logprobs: null }] };
}

export function usageChunkObject(id: string, created: number, model: string, usage: TokenUsage) {
  return { id, object: 'chat.completion.chunk' as const, created, model, choices: [], usage: wireUsage(usage) };
}

/** Little-endian float32 bytes in base64: what the OpenAI SDK asks for by default and decodes itself. */
export function embeddingToBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}
