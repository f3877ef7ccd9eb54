/**
 * The intent classifier as the app runs it: the agent's own intent prompt, tool catalogue and
 * schema (agent/intent.ts), sent through LlmProvider.chatJson. It mirrors parseIntent without the
 * ModelCaller's budget bookkeeping, which needs the app database and is not what is measured.
 */
import type { ChatMessage, LlmProvider } from '../../src-main/core/llm/provider.js';
import type { AnyTool } from '../../src-main/core/tools/tool.js';
import { intentSchema, toolCatalogue } from '../../src-main/core/agent/intent.js';
import { intentSystemPrompt } from '../../src-main/core/agent/prompt/system-prompts.js';
import type { IntentClassifier } from './eval-runner.js';

export function createModelIntentClassifier(provider: LlmProvider, tools: readonly AnyTool[]): IntentClassifier {
  const system = intentSystemPrompt(toolCatalogue(tools));
  const schema = intentSchema(tools.map((t) => t.name));
  return async (text, { signal }) => {
    const messages: ChatMessage[] = [
      { role: 'system', content: system },
      { role: 'user', content: text },
    ];
    const result = await provider.chatJson({ messages, schema, schemaName: 'intent', role: 'intent', temperature: 0, maxTokens: 400, signal });
    return { kind: result.value.intent, confidence: result.value.confidence };
  };
}
