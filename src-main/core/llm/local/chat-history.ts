/**
 * Maps the provider-neutral conversation (ChatMessage[], ToolDefinition[]) onto node-llama-cpp's
 * chat history and function definitions. Tool results are attached to the function call that
 * asked for them, the way node-llama-cpp's chat wrappers render native function calling.
 */
import type { ChatHistoryItem, ChatModelFunctionCall, ChatModelFunctions, ChatModelResponse } from 'node-llama-cpp';
import type { ChatMessage, ToolCall, ToolDefinition } from '../provider.js';
import { jsonSchemaToGbnfSchema } from './json-schema-to-gbnf.js';

function parseMaybeJson(text: string): unknown {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return text;
  try {
    return JSON.parse(t);
  } catch {
    return text;
  }
}

/**
 * The history to generate the next assistant answer from. It always ends with a model item:
 * an empty one for a new answer, or the open one to continue after tool results.
 */
export function toChatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  const pending = new Map<string, ChatModelFunctionCall>();
  // The model item that tool results (and the answer after them) still belong to.
  let openModel: ChatModelResponse | null = null;

  for (const m of messages) {
    switch (m.role) {
      case 'system':
        history.push({ type: 'system', text: m.content });
        openModel = null;
        break;
      case 'user':
        history.push({ type: 'user', text: m.content });
        openModel = null;
        break;
      case 'assistant': {
        const item: ChatModelResponse = openModel ?? { type: 'model', response: [] };
        if (!openModel) history.push(item);
        if (m.content) item.response.push(m.content);
        for (const call of m.toolCalls ?? []) {
          const fc: ChatModelFunctionCall = { type: 'functionCall', name: call.name, params: call.arguments, result: '(no result was recorded)' };
          item.response.push(fc);
          pending.set(call.id, fc);
        }
        openModel = (m.toolCalls?.length ?? 0) > 0 ? item : null;
        break;
      }
      case 'tool': {
        const fc = pending.get(m.toolCallId);
        if (fc) {
          fc.result = parseMaybeJson(m.content);
          pending.delete(m.toolCallId);
        } else {
          // A result with no matching call: keep it as data in the conversation rather than drop it.
          history.push({ type: 'user', text: `Result of tool ${m.name}:\n${m.content}` });
          openModel = null;
        }
        break;
      }
    }
  }
  const last = history[history.length - 1];
  // A trailing assistant message is continued (tool results just came in, or a prefilled answer).
  if (!last || last.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}

/** Tool definitions → node-llama-cpp functions (no handlers: the model proposes, the agent disposes). */
export function toChatFunctions(tools: readonly ToolDefinition[]): ChatModelFunctions {
  const functions: Record<string, { description?: string; params?: ReturnType<typeof jsonSchemaToGbnfSchema> }> = {};
  for (const tool of tools) {
    functions[tool.name] = { description: tool.description, params: jsonSchemaToGbnfSchema(tool.parameters) };
  }
  return functions;
}

/**
 * A stable text form of a prompt (tools + messages) used only to route a request to the sequence
 * that already evaluated the longest part of it. Tools come first because chat wrappers render
 * their documentation into the system prompt.
 */
export function promptFingerprint(messages: readonly ChatMessage[], tools?: readonly ToolDefinition[]): string {
  // A JSON grammar does not change the prompt, so JSON and text requests share prefixes.
  const head = `${tools && tools.length > 0 ? JSON.stringify(tools) : ''}\u0002`;
  return head + messages.map(messageFingerprint).join('');
}

function messageFingerprint(m: ChatMessage): string {
  const extra = m.role === 'assistant' && m.toolCalls?.length ? JSON.stringify(m.toolCalls) : m.role === 'tool' ? m.toolCallId : '';
  return `${m.role}\u0000${m.content}\u0000${extra}\u0003`;
}

export function answerFingerprint(text: string, toolCalls: readonly ToolCall[]): string {
  return messageFingerprint({ role: 'assistant', content: text, toolCalls: toolCalls.length ? [...toolCalls] : undefined });
}
